#!/usr/bin/env bash
# Accuracy of `alice similar`/`dedup` on real pictures: Debian wallpapers plus transformed copies (resize 50%,
# JPEG quality 30, PNG<->WebP, 5% crop, brightness +-10%), pairwise precision/recall per transform at thresholds
# 0..20, and findimagedupes (Debian) on the same set for comparison.
# Usage: bench/similar-accuracy.sh [WORKDIR]      (default /tmp/alice-similar-accuracy)
# Needs root to install the packages when they are missing; downloads ~hundreds of MB once.
set -euo pipefail
cd "$(dirname "$0")/.."
WORK=${1:-/tmp/alice-similar-accuracy}
PKGS="gnome-backgrounds mate-backgrounds plasma-workspace-wallpapers findimagedupes ffmpeg"
missing=$(for p in $PKGS; do dpkg -s "$p" >/dev/null 2>&1 || echo "$p"; done)
if [ -n "$missing" ]; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $missing
  else
    echo "missing packages (run as root or install them): $missing" >&2; exit 2
  fi
fi
rm -rf "$WORK" && mkdir -p "$WORK"
# originals: every raster picture; for plasma, one (the largest landscape) image per wallpaper, since its other
# files are the same picture at other sizes; SVG and XML skipped
{
  find /usr/share/backgrounds -type f \( -iname '*.jpg' -o -iname '*.jpeg' -o -iname '*.png' -o -iname '*.webp' \)
  for d in /usr/share/wallpapers/*/contents/images; do
    ls "$d" | grep -Ei '^[0-9]+x[0-9]+\.(png|jpe?g|webp)$' \
      | awk -F'[x.]' '{ print ($1 >= $2 ? 1 : 0) * 1e9 + $1 * $2, $0 }' | sort -n | tail -1 | sed "s|^[^ ]* |$d/|"
  done
} | while read -r f; do echo "$(sha256sum "$f" | cut -c1-64) $f"; done | sort -u -k1,1 | cut -d' ' -f2- > "$WORK/originals.txt"
echo "$(wc -l < "$WORK/originals.txt") originals" >&2
mvn -q -B -o test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
CP="target/test-classes:target/classes:$(cat target/cp.txt)"
java -cp "$CP" io.alicemultiverse.bench.SimilarAccuracy make "$WORK/originals.txt" "$WORK/set"
java -cp "$CP" io.alicemultiverse.bench.SimilarAccuracy score "$WORK/set" | tee "$WORK/alice.md"
echo
# findimagedupes at its default threshold (90%) and at 95%
for t in 90 95; do
  cut -f1 "$WORK/set/files.tsv" | findimagedupes -q -t "$t%" - > "$WORK/findimagedupes-$t.txt" 2>/dev/null || true
  echo "findimagedupes -t $t%:"
  java -cp "$CP" io.alicemultiverse.bench.SimilarAccuracy groups "$WORK/set" "$WORK/findimagedupes-$t.txt"
done | tee "$WORK/findimagedupes.md"
