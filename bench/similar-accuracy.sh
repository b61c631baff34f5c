#!/usr/bin/env bash
# Accuracy of `alice similar`/`dedup` on real pictures: Debian wallpapers plus the mild edits of issue 18 (resize 50%,
# JPEG quality 75 and 30, lossy WebP quality 70 through libwebp, brightness +-10%, gamma 0.8 and 1.25, Gaussian blur
# sigma 1, centred 5% crop), pairwise precision/recall per transform at pHash thresholds 0..20, and findimagedupes
# (Debian) on the same set for comparison. Making the copies takes ~20 minutes on 2 cores (4K PNGs).
# Usage: bench/similar-accuracy.sh [WORKDIR]      (default /tmp/alice-similar-accuracy)
# Needs root to install the packages when they are missing; downloads ~hundreds of MB once.
set -euo pipefail
cd "$(dirname "$0")/.."
WORK=${1:-/tmp/alice-similar-accuracy}
PKGS="gnome-backgrounds mate-backgrounds plasma-workspace-wallpapers ukui-wallpapers lomiri-wallpapers lomiri-wallpapers-20.04 findimagedupes ffmpeg"
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
