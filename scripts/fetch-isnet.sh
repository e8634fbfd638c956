#!/usr/bin/env bash
# Fetches the ISNet matting model from npm (@imgly/background-removal-data) and joins its chunks into one .onnx file.
# The package is AGPL-3.0 (the ISNet weights inside are MIT): it is fetched at test/CI time and never committed.
# usage: scripts/fetch-isnet.sh [dest-dir] (default: .models) -> dest-dir/isnet-medium.onnx (fp16) and isnet-small.onnx (uint8)
set -euo pipefail
dest="${1:-$(cd "$(dirname "$0")/.." && pwd)/.models}"
mkdir -p "$dest"
declare -A want=( [medium]=b6e8497ba978a6f5fbb647e419d2696cd80df5a23cb6a8ea532021911bd76acb [small]=7001d60734fdc112dd9c062635fb59cd401fb82a9d4213134bce4dbd655c803a )
have_all=1
for variant in "${!want[@]}"; do
  f="$dest/isnet-$variant.onnx"
  if [[ ! -f "$f" ]] || [[ "$(sha256sum "$f" | cut -d' ' -f1)" != "${want[$variant]}" ]]; then have_all=0; fi
done
if [[ $have_all == 1 ]]; then echo "ISNet already in $dest"; exit 0; fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent @imgly/background-removal-data@1.4.5 >/dev/null && tar xzf imgly-background-removal-data-1.4.5.tgz)
for variant in "${!want[@]}"; do
  part="$dest/isnet-$variant.onnx.partial"
  node -e '
    const fs = require("fs"); const dist = process.argv[1]; const key = process.argv[2];
    const chunks = JSON.parse(fs.readFileSync(dist + "/resources.json"))[key].chunks;
    for (const c of chunks) process.stdout.write(c.hash + "\n");' "$work/package/dist" "/models/$variant" |
    while read -r chunk; do cat "$work/package/dist/$chunk"; done > "$part"
  got="$(sha256sum "$part" | cut -d' ' -f1)"
  if [[ "$got" != "${want[$variant]}" ]]; then rm -f "$part"; echo "isnet-$variant: sha256 $got, expected ${want[$variant]}" >&2; exit 1; fi
  mv "$part" "$dest/isnet-$variant.onnx"
  echo "isnet-$variant.onnx -> $dest"
done
