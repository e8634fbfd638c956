#!/usr/bin/env bash
# Three silo processes on 127.0.0.1 share one storage folder; a job renders horse-in-motion ×4 interpolated and ×2
# upscaled in two-frame segments; once a segment is done, one silo is killed with SIGKILL (with its render process, as
# when a machine dies): `worker` kills a silo rendering a segment but not holding the job, `job` kills the silo holding
# the job grain (its state then comes back from the shared folder on another silo). The joined outputs must equal a
# single-machine render byte for byte.
# Usage: scripts/cluster-kill.sh worker|job   (after `dotnet build -c Release`; run from anywhere)
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
cli=(dotnet "$repo/src/Muybridge.Video.Cli/bin/Release/net10.0/muybridge.dll")
input="$repo/../shared/data/muybridge/horse-in-motion"
work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do pkill -9 -P "$p" 2>/dev/null || true; kill -9 "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT
cd "$work"

for i in 1 2 3; do
  "${cli[@]}" cluster silo --storage "$work/store" --port $((21110 + i)) --gateway-port $((31000 + i)) --name "silo-$i" > "silo-$i.log" 2>&1 &
  pids+=($!); disown $!
done
for i in 1 2 3; do
  for _ in $(seq 120); do grep -q "up at" "silo-$i.log" && break; sleep 0.5; done
  grep -q "up at" "silo-$i.log" || { cat "silo-$i.log"; echo "silo-$i did not start" >&2; exit 1; }
done

recipe=(-i "$input" --interpolate 4 --upscale 2 --speed 2)
"${cli[@]}" cluster render --cluster "$work/store" --job kill-test --segment-frames 2 "${recipe[@]}" -o cluster.gif -o cluster-frames > job.log 2>&1 &
job=$!

# Wait until a segment is done and the line names the silo to kill, then kill it and its render (SIGKILL).
mode=${1:-worker}
victim=""
for _ in $(seq 1200); do
  line=$(grep -E "frames done" job.log | tail -1 || true)
  if [[ "$line" =~ held\ by\ silo-([0-9]).*rendering,\ ([0-9]+)/.*running\ on:\ (.*)$ ]] && (( BASH_REMATCH[2] > 0 )); then
    holder=${BASH_REMATCH[1]}
    if [[ $mode == job ]]; then victim=$holder; break; fi
    for s in $(echo "${BASH_REMATCH[3]}" | tr -d ',' ); do
      n=${s#silo-}; if [[ $n != "$holder" ]]; then victim=$n; break 2; fi
    done
  fi
  sleep 0.1
done
test -n "$victim" || { cat job.log; echo "no silo to kill was seen ($mode)" >&2; exit 1; }
pkill -9 -P "${pids[$((victim - 1))]}" || true
kill -9 "${pids[$((victim - 1))]}"
echo "killed silo-$victim (SIGKILL, $mode) after: $line"

wait "$job" || { cat job.log; echo "the job failed after the kill" >&2; exit 1; }
cat job.log
"${cli[@]}" render "${recipe[@]}" -o single.gif -o single-frames > single.log
cmp cluster.gif single.gif
diff -r cluster-frames single-frames
# The kill can land just as the victim's segment finishes (its output already renamed into place): then nothing was lost
# and the run proves nothing about recovery, so it is run again, up to three times in all.
if ! grep -q "lost" job.log; then
  try=${CLUSTER_KILL_TRY:-1}
  (( try < 3 )) || { echo "no segment attempt was lost in $try runs: the kill never hit running work" >&2; exit 1; }
  echo "no segment attempt was lost: the kill did not hit running work (run $try); again" >&2
  cleanup; trap - EXIT
  CLUSTER_KILL_TRY=$((try + 1)) exec "$repo/scripts/cluster-kill.sh" "$mode"
fi
echo "cluster-kill ($mode): the job survived a SIGKILLed silo; outputs equal the single-machine render ($(ls cluster-frames | wc -l) frames, $(stat -c %s cluster.gif)-byte GIF)"
