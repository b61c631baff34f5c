#!/usr/bin/env bash
# Issue 3 benchmark: `alice inspect --json` against `exiftool -json -r` on the same corpus, in the same run
# (machines are noisy: compare the ratio, not absolute times). JVM start is included: alice is timed through its
# launcher as a user runs it (a snapshot copy of launcher, jar and libs, made right after the build, so that
# concurrent source edits or builds cannot disturb the timing). Results go to docs/benchmarks.md by hand.
#
#   bench/make-inspect-corpus.sh              # once: 10,000 files of ~0.5 MB in bench-data/inspect
#   bench/inspect-vs-exiftool.sh [DIR]        # default DIR: bench-data/inspect
#
# Environment: RUNS (default 3), WARMUP (default 1), OUT (default bench-data/results) for the hyperfine exports
# and the outputs of one run of each tool; ALICE_JAVA_OPTS is passed through to the launcher (profiling).
# Installs exiftool and hyperfine with apt-get when missing and run as root. Needs java 17+ and Maven for alice.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
dir="$(cd "${1:-$root/bench-data/inspect}" && pwd)"
runs="${RUNS:-3}"
warmup="${WARMUP:-1}"
out="${OUT:-$root/bench-data/results}"
mkdir -p "$out"

need() { # need COMMAND PACKAGE
  command -v "$1" >/dev/null 2>&1 && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing $2…" >&2
    apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >&2
  fi
  command -v "$1" >/dev/null 2>&1 || { echo "inspect-vs-exiftool: $1 is needed (apt-get install $2)" >&2; exit 2; }
}
need exiftool libimage-exiftool-perl
need hyperfine hyperfine
need python3 python3
need java openjdk-17-jre-headless

echo "== building alice (once, outside the timing)"
"$root/alice" --version
# Time a snapshot of the launcher + jar + libs, so that a rebuild (sources edited, or someone's `mvn package`)
# cannot land inside a timed run; the launcher is the same script, its staleness check finds no sources there.
alice="$out/alice-snapshot/alice"
rm -rf "$out/alice-snapshot"
mkdir -p "$out/alice-snapshot/target"
cp "$root/alice" "$out/alice-snapshot/alice"
cp -R "$root/target/alice.jar" "$root/target/lib" "$out/alice-snapshot/target/"
"$alice" --version > /dev/null

echo "== machine"
{
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//') ($(nproc) cores available)"
  echo "memory: $(free -g | awk '/^Mem:/ {print $2 " GB"}')"
  echo "java: $(java -version 2>&1 | head -2 | tr '\n' ' ')"
  echo "alice: $("$alice" --version 2>/dev/null | head -1), launcher JVM options: ${ALICE_JAVA_OPTS:-default}"
  echo "exiftool: $(exiftool -ver)"
  echo "hyperfine: $(hyperfine --version)"
} | tee "$out/machine.txt"

echo "== corpus $dir"
python3 - "$dir" <<'EOF' | tee "$out/corpus.txt"
import os, sys
n = size = png = rgba = jpg = other = 0
for base, _, names in os.walk(sys.argv[1]):
    for name in names:
        p = os.path.join(base, name)
        n += 1
        size += os.path.getsize(p)
        with open(p, "rb") as f:
            head = f.read(26)
        if head[:8] == b"\x89PNG\r\n\x1a\n":
            png += 1
            rgba += head[25] in (4, 6)  # IHDR colour type with alpha
        elif head[:2] == b"\xff\xd8":
            jpg += 1
        else:
            other += 1
print(f"{n} files, {size / 1e9:.2f} GB, average {size / max(n, 1) / 1e6:.3f} MB: "
      f"{png - rgba} PNG without alpha, {rgba} PNG with alpha (stealth check), {jpg} JPEG, {other} other")
EOF

echo "== warming the page cache"
find "$dir" -type f -exec cat {} + > /dev/null

echo "== one run of each, to check that both read every file"
"$alice" inspect --json "$dir" > "$out/alice.jsonl" || echo "(alice exit status $? — some file unreadable)"
exiftool -json -r "$dir" > "$out/exiftool.json" 2> "$out/exiftool.err" || true
exiftool -fast2 -json -r "$dir" > "$out/exiftool-fast2.json" 2> /dev/null || true
python3 - "$out" <<'EOF' | tee "$out/counts.txt"
import collections, json, sys
out = sys.argv[1]
rows = [json.loads(l) for l in open(f"{out}/alice.jsonl", encoding="utf-8")]
sources = collections.Counter(r.get("source") for r in rows)
errors = sum(1 for r in rows if r.get("error"))
stealth = sum(1 for r in rows if str((r.get("extra") or {}).get("found_in", "")).startswith("stealth"))
print(f"alice inspect --json: {len(rows)} objects, {errors} with an error, {stealth} stealth payloads found, "
      f"sources {dict(sources.most_common())}")
for name in ("exiftool", "exiftool-fast2"):
    objs = json.load(open(f"{out}/{name}.json", encoding="utf-8"))
    print(f"{name.replace('-', ' -')} -json -r: {len(objs)} objects")
EOF

echo "== timing (hyperfine, warmup $warmup, runs $runs, page cache re-warmed before each run)"
# every timed run starts from a warm page cache (some VMs page out cold page cache within a minute)
warm="find '$dir' -type f -exec cat {} + > /dev/null"
hyperfine --warmup "$warmup" --runs "$runs" --prepare "$warm" \
  --export-markdown "$out/inspect-vs-exiftool.md" --export-json "$out/inspect-vs-exiftool.json" \
  -n "alice inspect --json" "'$alice' inspect --json '$dir' > /dev/null" \
  -n "exiftool -json -r" "exiftool -json -r '$dir' > /dev/null" \
  -n "exiftool -fast2 -json -r" "exiftool -fast2 -json -r '$dir' > /dev/null"

echo "== result"
python3 - "$out/inspect-vs-exiftool.json" <<'EOF' | tee "$out/ratio.txt"
import json, sys
r = {x["command"]: x for x in json.load(open(sys.argv[1]))["results"]}
a = r["alice inspect --json"]
for name in ("exiftool -json -r", "exiftool -fast2 -json -r"):
    e = r[name]
    print(f"{name}: {e['mean']:.2f} s ± {e['stddev'] or 0:.2f}; alice inspect --json: {a['mean']:.2f} s ± {a['stddev'] or 0:.2f}; "
          f"alice is {e['mean'] / a['mean']:.1f}x faster")
e = r["exiftool -json -r"]
ratio = e["mean"] / a["mean"]
print(f"ratio of medians {e['median'] / a['median']:.1f}x, of minimums {e['min'] / a['min']:.1f}x")
print(f"target (>= 3x faster than exiftool -json -r, JVM start included): {'met' if ratio >= 3 else 'NOT met'}")
EOF
cat "$out/inspect-vs-exiftool.md"
