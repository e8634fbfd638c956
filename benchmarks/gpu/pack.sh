#!/usr/bin/env bash
# Builds what a GPU machine without .NET needs to run the CUDA tests and the provider benchmarks, and cuts it into parts
# small enough for one transfer each (the CUDA provider library alone is 284 MB): .gpu/1 … .gpu/N.
# Usage (repository root, ../shared beside it, isnet-medium in .models): benchmarks/gpu/pack.sh [part-MiB]
set -euo pipefail
part_mib=${1:-54}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for project in tests/Muybridge.Video.Tests benchmarks/Muybridge.Video.Benchmarks; do
  dotnet publish "$project" -c Release -r linux-x64 --self-contained -p:OnnxRuntimeNative=Gpu -o "$work/payload/app" >/dev/null
done
native=$work/payload/app
mv "$native/libonnxruntime_providers_cuda.so" "$work/"
rm -f "$native/libonnxruntime_providers_tensorrt.so"
shared=../shared
mkdir -p "$work/payload/shared/data/muybridge/elephant-walk" "$work/payload/shared/models/style" "$work/payload/shared/models/sr" "$work/payload/models"
cp -r "$shared/data/muybridge/horse-in-motion" "$shared/data/muybridge/daisy-gallop-plate.jpg" "$work/payload/shared/data/muybridge/"
cp "$shared"/data/muybridge/elephant-walk/0[1-4].png "$work/payload/shared/data/muybridge/elephant-walk/"
cp "$shared/models/style/fns_candy.onnx" "$work/payload/shared/models/style/"
cp "$shared/models/sr/realesr-animevideov3.onnx" "$work/payload/shared/models/sr/"
cp .models/isnet-medium.onnx "$work/payload/models/"
xz -9 -T0 "$work/libonnxruntime_providers_cuda.so"
tar cf - -C "$work/payload" . | xz -6 -T0 > "$work/rest.tar.xz"
tar cf "$work/bundle.tar" -C "$work" libonnxruntime_providers_cuda.so.xz rest.tar.xz
rm -rf .gpu && mkdir -p .gpu
(cd .gpu && split -b "${part_mib}M" -d -a 1 "$work/bundle.tar" part-)
for part in .gpu/part-*; do
  n=$(( ${part##*-} + 1 )); mkdir -p ".gpu/$n"; mv "$part" ".gpu/$n/"
done
sha256sum "$work/bundle.tar" | cut -d' ' -f1 > .gpu/bundle.sha256
ls -la .gpu/*/
