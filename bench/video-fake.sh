# Sourced by the video benchmarks: builds the test classes once, starts the fake fal queue as its own process
# (io.alicemultiverse.video.FakeProviderMain), and sets FAKE_URL, FAKE_STATS and FAKE_PID; stops it on exit.
# Needs: WORK (a scratch folder), READS (status reads a job stays queued, and again running).
mvn -B -q test-compile
mvn -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt
copy="$WORK/classes" # a private copy: a build during the run must not pull the classes away from the fake
rm -rf "$copy" && mkdir -p "$copy" && cp -r target/classes target/test-classes "$copy/"
java -cp "$copy/test-classes:$copy/classes:$(cat target/test-classpath.txt)" \
  io.alicemultiverse.video.FakeProviderMain "$READS" "$WORK/fake.url" "$WORK/fake.stats" 2>"$WORK/fake.err" &
FAKE_PID=$!
trap 'kill "$FAKE_PID" 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do [ -s "$WORK/fake.url" ] && break; sleep 0.2; done
FAKE_URL="$(cat "$WORK/fake.url")"
FAKE_STATS="$WORK/fake.stats"
export FAL_KEY=bench-key ALICE_FAL_BASE_URL="$FAKE_URL"
MODEL=fal-ai/kling-video/v2.1/standard/image-to-video
