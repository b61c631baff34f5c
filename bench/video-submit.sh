#!/usr/bin/env bash
# Submit overhead of a video job beyond the provider's latency (docs/benchmarks.md, "Video jobs").
# Usage: bash bench/video-submit.sh [JOBS=200]
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
  io.alicemultiverse.video.SubmitOverheadBench "${1:-200}"
