#!/usr/bin/env bash
# Proof that a refactoring changed nothing a user sees: builds the CLI at two commits and runs the command-line section
# of docs/cli.md (model-free forms, on ../shared) with each, then compares every output file byte for byte.
#   scripts/same-bytes.sh BASE [HEAD]      e.g. scripts/same-bytes.sh main~3
# MP4 outputs are compared by their decoded frames (ffmpeg's framemd5), since the container records the encoder's name.
# The ONNX forms run too where their models are at hand: ../shared/models (Real-ESRGAN, a fast style model) and ISNet in
# $MUYBRIDGE_MODEL_CACHE (default .models).
set -euo pipefail
cd "$(dirname "$0")/.."
base=${1:?usage: scripts/same-bytes.sh BASE [HEAD]}
head=${2:-HEAD}
data=$(cd ../shared/data && pwd)
work=$(mktemp -d)
trap 'git worktree remove --force "$work/src-a" 2>/dev/null; git worktree remove --force "$work/src-b" 2>/dev/null; rm -rf "$work"' EXIT

build() { # commit folder
  git worktree add -q --detach "$work/src-$2" "$1"
  ln -s "$(cd ../shared && pwd)" "$work/shared" 2>/dev/null || true
  dotnet build "$work/src-$2/src/Muybridge.Video.Cli" -c Release -o "$work/bin-$2" >/dev/null
}

run() { # folder
  local m="dotnet $work/bin-$1/muybridge.dll" o="$work/out-$1" d="$data/muybridge" f="$data/backgrounds/spruit-sunrise-360.jpg"
  mkdir -p "$o"
  $m render -i "$d/daisy-gallop-plate.jpg" --plate 4x4 --interpolate 2 --loop --point 60,40 --point 75,25 --matte-model model-free \
      --reference "$work/src-$1/samples/references/field-cc0.jpg" --background "$f" --scroll 200 --width 480 --height 270 --subject-scale 0.6 \
      -o "$o/daisy.gif" -o "$o/daisy.mp4" --contact-sheet "$o/daisy-sheet.png" >/dev/null
  $m interpolate -i "$d/buffalo-gallop.gif" --factor 4 --loop -o "$o/slow.webp" >/dev/null
  $m interpolate -i "$d/buffalo-gallop/01.png" -i "$d/buffalo-gallop/02.png" --at 0.5 -o "$o/middle.png" >/dev/null
  $m upscale -i "$d/buffalo-gallop.gif" --scale 2 -o "$o/big.webp" >/dev/null
  $m depth -i "$d/horse-in-motion" -o "$o/depth.gif" >/dev/null
  $m matte -i "$d/horse-bowler-gallop-plate.jpg" --plate 2x6 --point 180,260 --point 260,170 -o "$o/matted/" >/dev/null
  $m matte -i "$d/buffalo-gallop.gif" --point 120,90 --temporal 0.7 --loop -o "$o/matted.apng" >/dev/null
  $m composite -i "$o/matted" --background "$f" --scroll 240 -o "$o/run.gif" >/dev/null
  $m retime -i "$d/buffalo-gallop.gif" --speed 2 --loops 3 --ping-pong -o "$o/fast.gif" >/dev/null
  $m stylize -i "$d/horse-bowler-gallop-plate.jpg" --plate 2x6 --reference "$f" -o "$o/colour.gif" >/dev/null
  $m restore -i "$d/buffalo-gallop.mp4" --stride -o "$o/loop.gif" >/dev/null
  $m render -i "$d/horse-bowler-gallop-plate.jpg" --plate 2x6 --point 180,260 --point 260,170 --point 320,330 --matte-model model-free \
      --background "$f" --loops 2 -o "$o/ground.gif" >/dev/null
  local models; models=$(cd ../shared/models && pwd)
  local isnet=${MUYBRIDGE_MODEL_CACHE:-$PWD/.models}/isnet-small.onnx
  if [ -f "$isnet" ]; then
    $m matte -i "$d/horse-bowler-gallop-plate.jpg" --plate 2x6 --point 180,260 --point 260,170 --model "$isnet" --loop -o "$o/isnet.apng" >/dev/null
  fi
  if [ -f "$models/sr/realesr-animevideov3.onnx" ]; then
    $m upscale -i "$d/buffalo-gallop.gif" --scale 2 --model "$models/sr/realesr-animevideov3.onnx" -o "$o/esrgan.webp" >/dev/null
  fi
  if [ -f "$models/style/fns_candy.onnx" ]; then
    $m stylize -i "$d/buffalo-gallop.gif" --style-model "$models/style/fns_candy.onnx" --style-weight 0.7 --structure 0.8 --frame-consistency 0.85 --loop -o "$o/candy.gif" >/dev/null
  fi
  if command -v ffmpeg >/dev/null; then
    for v in "$o"/*.mp4; do ffmpeg -v error -i "$v" -f framemd5 "$v.framemd5"; rm "$v"; done
  fi
}

build "$base" a; build "$head" b
run a; run b
if diff -r "$work/out-a" "$work/out-b"; then
  echo "same bytes: $(find "$work/out-a" -type f | wc -l) outputs of $(git rev-parse --short "$base") and $(git rev-parse --short "$head")"
else
  echo "outputs differ between $base and $head" >&2
  exit 1
fi
