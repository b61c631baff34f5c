#!/usr/bin/env bash
# Issue 17: "Submit overhead beyond the provider's own latency < 50 ms (CLI: < 1.0 s wall including JVM start)".
# 1. In process (SubmitOverheadBench): plan, durable record, `submitting` write, the HTTP submit to a fake fal queue on
#    127.0.0.1 that answers at once, `queued` write — per job, JOBS jobs after 20 warm-up ones.
# 2. The CLI: RUNS runs of `alice video generate … --yes` (which submits at once) against the fake fal queue in a
#    process of its own, wall time including the JVM start, beside `alice video list` on the same library.
#   bash bench/video-submit.sh [JOBS=200] [RUNS=10]
set -euo pipefail
cd "$(dirname "$0")/.."
JOBS="${1:-200}"
RUNS="${2:-10}"
WORK="$(mktemp -d /tmp/alice-video-submit.XXXXXX)"
READS=1000000000
# shellcheck source=video-fake.sh
. bench/video-fake.sh
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
java -cp "$WORK/classes/test-classes:$WORK/classes/classes:$(cat target/test-classpath.txt)" \
  io.alicemultiverse.video.SubmitOverheadBench "$JOBS"

lib="$WORK/library"
cfg="$WORK/config.yaml"
printf 'video:\n  concurrency: {fal: 1000}\n' > "$cfg" # every generate submits at once (the default cap is 4)
./alice video list --library "$lib" >/dev/null # builds, warms the class-data archives
./alice video generate --library "$lib" --config "$cfg" --provider fal --model "$MODEL" --prompt warm \
  --image https://example.com/start.png --yes >/dev/null
wall() { # command... -> seconds
  local t0 t1
  t0=$(date +%s.%N); "$@" >/dev/null; t1=$(date +%s.%N)
  awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f\n", b - a }'
}
summary() { sort -n | awk '{a[NR]=$1} END {printf "min %.2f s  median %.2f s  max %.2f s\n", a[1], a[int((NR+1)/2)], a[NR]}'; }
for i in $(seq 1 "$RUNS"); do
  wall ./alice video generate --library "$lib" --config "$cfg" --provider fal --model "$MODEL" --prompt "cli bench $i" \
    --image https://example.com/start.png --yes
done | summary | sed 's/^/alice video generate (submits): /'
for _ in $(seq 1 "$RUNS"); do wall ./alice video list --library "$lib" --config "$cfg"; done | summary \
  | sed 's/^/alice video list (baseline):    /'
echo "fake provider: $(cat "$FAKE_STATS")"
