#!/usr/bin/env bash
# Fuzz campaigns with Jazzer, one target after another (one core: the machine is shared).
#
#   bench/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]
#   bench/fuzz.sh 600                                  # 10 minutes for each of the 14 targets
#   bench/fuzz.sh 180 ContainerFuzzTest#png C2paFuzzTest#jumbf
#
# A target is Class#method of a @FuzzTest (class names as below). Each campaign starts from the checked-in seeds
# (src/test/resources/**/<Class>Inputs/<method>/) plus the corpus kept from earlier campaigns in target/fuzz/.
# A finding (an exception escaping a parser, more than 1 s of CPU or more memory than metadata/Limits.java and
# media/Limits.java allow for one input, see testsupport/FuzzBounds.java; or an input still running after the
# libFuzzer -timeout) is copied into the seeds folder, where `mvn verify` replays it from then on.
# Prints one line per target: how long it ran and whether it found anything; the log is in target/fuzz/<target>.log.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_TARGET="${1:-180}"
shift || true
ALL=(
  metadata.ContainerFuzzTest#png metadata.ContainerFuzzTest#jpeg metadata.ContainerFuzzTest#webp
  metadata.ContainerFuzzTest#isoBmff metadata.ContainerFuzzTest#jxl metadata.ContainerFuzzTest#stealth metadata.ContainerFuzzTest#sidecar
  metadata.ContainerFuzzTest#anyFile metadata.c2pa.C2paFuzzTest#jumbf metadata.c2pa.C2paFuzzTest#app11
  metadata.generators.GeneratorFuzzTest#a1111 metadata.generators.GeneratorFuzzTest#comfyUi
  metadata.generators.GeneratorFuzzTest#everyParser search.QueryParserFuzzTest#query
)
TARGETS=()
if [ "$#" -gt 0 ]; then
  for want in "$@"; do
    for t in "${ALL[@]}"; do [[ "$t" == *"$want" ]] && TARGETS+=("$t"); done
  done
else
  TARGETS=("${ALL[@]}")
fi

mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/fuzz-cp.txt -Dmdep.includeScope=test >/dev/null
# a snapshot of the classes: a build running meanwhile (mvn test) must not pull them from under a campaign
rm -rf target/fuzz/classes && mkdir -p target/fuzz/classes
cp -r target/classes target/fuzz/classes/main && cp -r target/test-classes target/fuzz/classes/test
CP="target/fuzz/classes/test:target/fuzz/classes/main:$(cat target/fuzz-cp.txt)"
for t in "${TARGETS[@]}"; do
  class="io.alicemultiverse.${t%#*}"
  method="${t#*#}"
  name="${class##*.}#$method"
  seeds="src/test/resources/$(echo "${class%.*}" | tr . /)/${class##*.}Inputs/$method"
  work="target/fuzz/${class##*.}-$method"
  # a finding of an earlier campaign was copied into the seeds when it was found: start this one with none
  rm -rf "$work/findings"
  mkdir -p "$work/corpus" "$work/findings" "$seeds"
  start=$(date +%s)
  set +e
  # -timeout: a hang that never returns (FuzzBounds reports inputs that end after more than 1 s of CPU; the first
  # inputs load and instrument classes, which took over a minute on the busy shared machine, hence the margin);
  # -Xmx: an allocation the heap cannot hold is a finding too. -rss_limit_mb=0: the JVM's heap is the limit.
  # Coverage from our classes and metadata-extractor; Jazzer's sanitizer hooks only in ours (hooking every class
  # loaded made start-up take minutes on the shared machine).
  OPT_OUT_TRACKING=true java -Xmx2g -cp "$CP" com.code_intelligence.jazzer.Jazzer \
    --target_class="$class" --target_method="$method" \
    --instrumentation_includes='io.alicemultiverse.**:com.drew.**' --custom_hook_includes='io.alicemultiverse.**' \
    -max_total_time="$SECONDS_PER_TARGET" -timeout=300 -rss_limit_mb=0 -max_len=65536 \
    -artifact_prefix="$work/findings/" "$work/corpus" "$seeds" >"target/fuzz/$name.log" 2>&1
  rc=$?
  set -e
  ran=$(( $(date +%s) - start ))
  # libFuzzer's own count: "Done N runs in S second(s)" (the fuzzing proper, without JVM start and class loading)
  done_line=$(grep -E '^Done [0-9]+ runs in [0-9]+ second' "target/fuzz/$name.log" | tail -1 || true)
  execs=$(echo "$done_line" | awk '{print $2}')
  fuzzed=$(echo "$done_line" | awk '{print $5}')
  # slow-unit-* files only mean "took longer than 10 s" (class loading on a busy machine): not findings
  found=$(find "$work/findings" -type f ! -name 'slow-unit-*' | wc -l)
  if [ "$rc" -eq 0 ] && [ "$found" -eq 0 ]; then
    echo "$name: fuzzed ${fuzzed:-?}s (${ran}s with start-up), ${execs:-0} inputs, no finding"
  else
    for f in "$work"/findings/*; do
      [[ -f "$f" && "$(basename "$f")" != slow-unit-* ]] && cp "$f" "$seeds/" && echo "$name: finding $(basename "$f") copied to $seeds/"
    done
    echo "$name: ${ran}s, exit $rc, FINDING (see target/fuzz/$name.log)"
  fi
done
