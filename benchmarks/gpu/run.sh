#!/usr/bin/env bash
# On the GPU machine, in the repository root, once every part of .gpu/ (pack.sh) has been moved to /tmp/gpu: unpacks,
# puts CUDA and cuDNN from the machine's Python on the loader path, runs the CUDA tests and the provider benchmarks and
# leaves their reports in $OUT (or ./gpu-results).
set -uo pipefail
g=/tmp/gpu
out=${OUT:-$PWD/gpu-results}
mkdir -p "$out"
if [ ! -d "$g/payload" ]; then
  cat "$g"/part-* > "$g/bundle.tar" && rm -f "$g"/part-* || exit 1
  tar xf "$g/bundle.tar" -C "$g" && rm -f "$g/bundle.tar"
  mkdir -p "$g/payload" && xz -dc -T0 "$g/rest.tar.xz" | tar xf - -C "$g/payload" && rm -f "$g/rest.tar.xz"
  xz -d -T0 "$g/libonnxruntime_providers_cuda.so.xz" && mv "$g/libonnxruntime_providers_cuda.so" "$g/payload/app/"
fi
# Assemblies rebuilt since the parts were sent (.gpu/fix) replace theirs, so a fix travels without resending 300 MB.
[ -d .gpu/fix ] && cp .gpu/fix/* "$g/payload/app/"
site=$(python3 -c 'import site; print(site.getsitepackages()[0])' 2>/dev/null)
libs=$(find "$site/nvidia" -name 'lib*.so*' -printf '%h\n' 2>/dev/null | sort -u | tr '\n' ':')
export LD_LIBRARY_PATH="$libs${LD_LIBRARY_PATH:-}"
export DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1 MUYBRIDGE_MODEL_CACHE="$g/payload/models"
rm -rf .gpuapp && ln -s "$g/payload/app" .gpuapp
ln -sfn "$g/payload/shared" ../shared
{ nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv; nproc; ldd .gpuapp/libonnxruntime_providers_cuda.so | grep -E 'not found|cudnn|cublas|cudart'; } 2>&1 | tee "$out/machine.txt"
timeout 240 .gpuapp/Muybridge.Video.Tests -class Muybridge.Video.Tests.Onnx.CudaProviderTests -class Muybridge.Video.Tests.Onnx.ProviderTests -reporter verbose -showLiveOutput 2>&1 | tee "$out/cuda-tests.txt" | grep -vE '^\s*$' | tail -40
(cd .gpuapp && timeout "${BENCH_SECONDS:-300}" ./Muybridge.Video.Benchmarks --filter '*ProviderBenchmarks*' --artifacts /tmp/gpu/bdn > "$out/provider-benchmarks.log" 2>&1; echo "benchmarks exit $?")
cp /tmp/gpu/bdn/results/*-report-github.md "$out/" 2>/dev/null
grep '^|' "$out/provider-benchmarks.log" | tail -12
