#!/usr/bin/env bash
# Generates the corpus for the `alice inspect` vs exiftool benchmark (docs/benchmarks.md, issue 3):
# COUNT files of about 0.5 MB, 60 % RGB PNG with generator tEXt chunks, 35 % JPEG with an A1111 EXIF UserComment,
# 5 % RGBA PNG (stealth check), metadata copied from the shared samples. See bench/make_inspect_corpus.py.
#
#   bench/make-inspect-corpus.sh [DIR] [COUNT]     defaults: bench-data/inspect (gitignored), 10000
#
# Needs python3 (standard library only) and ffmpeg; installs ffmpeg with apt-get when missing and run as root.
# ALICE_SAMPLES overrides where the samples are (default /work/shared/samples). Replaces DIR when it holds a
# previous corpus; refuses a DIR with other files.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
dir="${1:-$root/bench-data/inspect}"
count="${2:-10000}"

need() { # need COMMAND PACKAGE
  command -v "$1" >/dev/null 2>&1 && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing $2…" >&2
    apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >&2
  fi
  command -v "$1" >/dev/null 2>&1 || { echo "make-inspect-corpus: $1 is needed (apt-get install $2)" >&2; exit 2; }
}
need python3 python3
need ffmpeg ffmpeg
samples="${ALICE_SAMPLES:-/work/shared/samples}"
[ -f "$samples/AUTOMATIC1111/automatic1111_cropped.jpg" ] || {
  echo "make-inspect-corpus: samples not found in $samples (set ALICE_SAMPLES)" >&2; exit 2; }

if [ -e "$dir" ]; then # replace only a previous corpus: nothing but batch-NN/gen-NNNNN.{png,jpg}
  if [ -n "$(find "$dir" -mindepth 1 ! -regex '.*/batch-[0-9][0-9]\(/gen-[0-9]+\.\(png\|jpg\)\)?' -print -quit)" ]; then
    echo "make-inspect-corpus: $dir holds other files; choose another DIR" >&2; exit 2
  fi
  rm -rf -- "$dir"
fi
ALICE_SAMPLES="$samples" python3 "$here/make_inspect_corpus.py" "$dir" "$count"
