#!/usr/bin/env bash
# Draws the Derby's subject palettes (256x128 PNG, dark -> mid -> light, left to right) with ImageMagick: colours picked
# by hand for each animal's coat; nothing photographed, so no licence beyond the project's own.
set -euo pipefail
cd "$(dirname "$0")"
draw() { # name dark mid light
  convert -size 128x128 gradient:"$2"-"$3" -rotate -90 /tmp/palette-a.png
  convert -size 128x128 gradient:"$3"-"$4" -rotate -90 /tmp/palette-b.png
  convert /tmp/palette-a.png /tmp/palette-b.png +append -strip "$1"
}
draw bay-palette.png '#140c08' '#6b3518' '#b0703e'
draw tabby-palette.png '#2a2520' '#7a6244' '#d0b48a'
draw buffalo-palette.png '#1a120c' '#4e3422' '#94704e'
draw elephant-palette.png '#3a3836' '#77726b' '#b4ada4'
draw ostrich-palette.png '#0c0c0c' '#3e3631' '#ece6dc'
