#!/usr/bin/env bash
# CPU of the video scheduler with many jobs in flight against a fake provider (docs/benchmarks.md, "Video jobs").
# Usage: bash bench/video-polling.sh [JOBS=50] [MINUTES=10]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q test-compile
mvn -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt
# a private copy of the classes: a build during the run must not pull them away from under the JVM
copy=$(mktemp -d)
trap 'rm -rf "$copy"' EXIT
cp -r target/classes "$copy/classes"
cp -r target/test-classes "$copy/test-classes"
java -cp "$copy/test-classes:$copy/classes:$(cat target/test-classpath.txt)" \
  io.alicemultiverse.video.PollingCpuBench "${1:-50}" "${2:-10}"
