#!/usr/bin/env bash
# Issue 15: SIGKILL the real `alice` launcher (the built jar) at random moments of every file operation —
# organize --move, organize (copy), dedup --apply trash, dedup --apply hardlink, undo, index rebuild,
# organize --watch — each followed by the next command, and check after every kill that nothing is lost or doubled
# (by content hash against the inputs' manifest), that `alice check` is clean after --repair, and at the end of every
# cycle that undoing every run gives the inbox back byte for byte. The harness is
# src/test/java/io/alicemultiverse/testsupport/CrashLoop.java (CrashLoopTest runs a short version in mvn verify).
#
#   bench/crash-loop.sh [KILLS] [GROUPS] [SEED]     # defaults: 100 kills, 80 picture groups (~160 files), seed 2026
#
# Environment: WORK (default bench-data/crash-loop; a cycle's folder is kept only when it found a problem).
# Exit 0 when nothing was lost or doubled and every check passed.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
work="${WORK:-$root/bench-data/crash-loop}"
cd "$root"
./alice --version >/dev/null # builds target/alice.jar when sources changed
mvn -q -B -o test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
rm -rf "$work" && mkdir -p "$work/alice/target"
# a snapshot of the launcher and the jar, so that editing the sources meanwhile does not rebuild under the loop
cp "$root/alice" "$work/alice/alice" && cp -R "$root/target/alice.jar" "$root/target/lib" "$work/alice/target/"
alice="$work/alice/alice"
# the launcher's class archives, written by unkilled runs first (a killed first run would write none)
warm="$(mktemp -d)"
mkdir -p "$warm/inbox/p" && cp "$root/../shared/samples/"*/*.png "$warm/inbox/p/" 2>/dev/null || true
for c in "organize --inbox $warm/inbox" "dedup" "undo" "check"; do "$alice" $c --library "$warm/lib" >/dev/null 2>&1 || true; done
rm -rf "$warm"
java -cp "target/test-classes:target/classes:$(cat target/cp.txt)" io.alicemultiverse.bench.CrashLoopBench \
  "$alice" "$work/run" "${1:-100}" "${2:-80}" "${3:-2026}" | tee "$work/crash-loop.log"
