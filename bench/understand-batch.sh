#!/usr/bin/env bash
# Issue 8 benchmark, as a user runs it: fresh `./alice understand` processes (JVM start, catalog, image preparation,
# HTTP, storing results and updating the search index all included) against a fake OpenAI server on 127.0.0.1
# (bench/fake_openai.py, stdlib Python) that answers each request after 500 ms.
#
#   bench/understand-batch.sh
#
# Measures: (1) a batch of 20 1024² PNGs (target ≤ 1.5 s); (2) the re-run over 1,000 already-analysed images
# (target < 1 s and no request); (3) the local analyzer over 200 1024² PNGs (target ≥ 100 images/s).
# Environment: RUNS (default 10), DATA (default bench-data/understand). Needs ffmpeg (test pictures) and hyperfine.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
runs="${RUNS:-10}"
data="${DATA:-$root/bench-data/understand}"
alice="$root/alice"
command -v hyperfine >/dev/null 2>&1 || { [ "$(id -u)" = 0 ] && apt-get install -y -qq hyperfine >&2; }
command -v hyperfine >/dev/null 2>&1 || { echo "understand-batch.sh: hyperfine is needed" >&2; exit 2; }
mkdir -p "$data"

# pictures: 20 noisy RGB 1024² PNGs (~2 MB, photo-like gradients, as generators save them) and 20 small ones;
# byte-different copies of them
pictures() { # DIR SIZE NOISE
  mkdir -p "$1"
  for i in $(seq 0 19); do
    [ -f "$1/img-$i.png" ] || ffmpeg -loglevel error -y -f lavfi -i "gradients=s=$2:seed=$i:n=5" \
      -vf "noise=alls=$3:allf=u,format=rgb24" -frames:v 1 "$1/img-$i.png"
  done
}
library() { # INBOX LIBRARY
  [ -d "$2" ] || "$alice" organize --inbox "$1" --library "$2" --json > /dev/null
}
pictures "$data/inbox20/p" 1024x1024 5
library "$data/inbox20" "$data/lib20.pristine"
[ -d "$data/inbox200" ] || python3 "$here/understand_corpus.py" "$data/inbox20/p" "$data/inbox200/p" 200
library "$data/inbox200" "$data/lib200.pristine"
pictures "$data/small/p" 64x64 5
[ -d "$data/inbox1000" ] || python3 "$here/understand_corpus.py" "$data/small/p" "$data/inbox1000/p" 1000
library "$data/inbox1000" "$data/lib1000"

fifo="$(mktemp -u)"; mkfifo "$fifo"
python3 "$here/fake_openai.py" 0 0.5 > "$fifo" &
fake=$!
trap 'kill $fake 2>/dev/null; rm -f "$fifo"' EXIT
read -r port < "$fifo"
count() { python3 -c "import json,urllib.request;print(json.load(urllib.request.urlopen('http://127.0.0.1:$port/count'))['requests'])"; }
export OPENAI_API_KEY=bench-not-a-key
remote="--provider openai --base-url http://127.0.0.1:$port/v1 --yes --json"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"

"$alice" understand --help > /dev/null  # builds alice if needed (the class archive is made on a first real run)
rm -rf "$data/lib20" && cp -a "$data/lib20.pristine" "$data/lib20"
"$alice" understand --all $remote --library "$data/lib20" | tail -1
hyperfine -N -w 1 -r "$runs" --prepare "sh -c 'rm -rf $data/lib20 && cp -a $data/lib20.pristine $data/lib20'" \
  -n "batch of 20 (1024² PNG), 500 ms fake provider" "$alice understand --all $remote --library $data/lib20"

"$alice" understand --all $remote --library "$data/lib1000" | tail -1   # analyses the 1,000 once
before=$(count)
hyperfine -N -w 1 -r "$runs" -n "re-run over 1,000 analysed images" \
  "$alice understand --all $remote --library $data/lib1000"
echo "requests to the provider during the re-runs: $(( $(count) - before ))"

hyperfine -N -w 1 -r "$(( (runs + 1) / 2 ))" \
  --prepare "sh -c 'rm -rf $data/lib200 && cp -a $data/lib200.pristine $data/lib200'" \
  -n "local analyzer, 200 × 1024² PNG" "$alice understand --all --json --library $data/lib200"
echo "(images/s = 200 / mean of the last run)"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
