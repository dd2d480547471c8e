#!/usr/bin/env bash
# Press photos: pressroom against Hugo on the same camera-size JPEGs, in one
# run, alternating. The photos are made by bench/photos/gen.go (N photos of
# MP megapixels). pressroom builds a release with all of them in its
# gallery (widths 480, 960, 1600 and the 1200 px link preview, plus the
# cleaned print original); Hugo (Debian's hugo) resizes the same files with
# resources.Match … .Resize to 480, 960 and 1600 px. Cold: no cache, no
# output (Hugo: no resources/_gen). Warm: the same build again.
# Prints median wall and CPU seconds, cores busy (CPU/wall) and peak memory.
#
#   bench/photos.sh [N] [MP] [RUNS]      default: 20 photos of 12 MP, 3 runs
#   TMPDIR=/dev/shm bench/photos.sh      to keep disk speed out of it
set -euo pipefail
n=${1:-20}
mp=${2:-12}
runs=${3:-3}
root=$(cd "$(dirname "$0")/.." && pwd)
command -v hugo >/dev/null || { echo "hugo missing: apt-get install hugo"; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "== $n photos of $mp MP in $work ($(stat -f -c %T "$work")), $(nproc) cores, $runs runs; $(hugo version | cut -d' ' -f1,2)"
go run "$root/bench/photos/gen.go" -n "$n" -mp "$mp" -o "$work/photos"
du -sh "$work/photos" | awk '{print "photos: " $1}'
go build -o "$work/pressroom" "$root"

# pressroom: one release with a gallery of all photos.
pr="$work/pr"
bundle="$pr/content/pressemitteilungen/2026-01-05-fotos"
mkdir -p "$bundle"
cat >"$pr/site.toml" <<'TOML'
title = "Fotos"
baseURL = "https://presse.example.org/"
[sections.pressemitteilungen]
title = "Pressemitteilungen"
kind = "release"
permalink = "/:section/:year/:slug/"
[images]
widths = [480, 960, 1600]
TOML
{
  echo "---"
  echo "title: Fotos"
  echo "date: 2026-01-05 10:00"
  echo "summary: Fotos."
  echo "images:"
  for f in "$work"/photos/*.jpg; do
    b=$(basename "$f")
    echo "  - {file: $b, alt: Foto $b, credit: \"Foto: Test\"}"
  done
  echo "---"
  echo
  echo "Text."
} >"$bundle/index.md"
cp "$work"/photos/*.jpg "$bundle/"

# Hugo: the same files as global resources, three widths each.
hu="$work/hugo"
mkdir -p "$hu/assets/photos" "$hu/layouts"
cp "$work"/photos/*.jpg "$hu/assets/photos/"
cat >"$hu/config.toml" <<'TOML'
baseURL = "https://presse.example.org/"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]
TOML
cat >"$hu/layouts/index.html" <<'HTML'
{{ range resources.Match "photos/*.jpg" }}{{ $a := .Resize "480x" }}{{ $b := .Resize "960x" }}{{ $c := .Resize "1600x" }}
<img src="{{ $b.RelPermalink }}" srcset="{{ $a.RelPermalink }} 480w, {{ $b.RelPermalink }} 960w, {{ $c.RelPermalink }} 1600w">{{ end }}
HTML

measure() { # name command...: appends "seconds kilobytes cpu-seconds"
  local name=$1; shift
  /usr/bin/time -f "%e %M %U %S" -o "$work/last" "$@" >/dev/null 2>"$work/err" || { cat "$work/err"; exit 1; }
  awk '{print $1, $2, $3 + $4}' "$work/last" >>"$work/times.$name"
}
for i in $(seq "$runs"); do
  rm -rf "$hu/public" "$hu/resources"
  measure hugo hugo -s "$hu" --quiet
  measure hugo-warm hugo -s "$hu" --quiet
  rm -rf "$work/out" "$work"/.out.* "$pr/.pressroom-cache"
  measure pressroom "$work/pressroom" build -s "$pr" -o "$work/out" --now 2026-02-01T00:00:00Z
  measure pressroom-warm "$work/pressroom" build -s "$pr" -o "$work/out" --now 2026-02-01T00:00:00Z
done

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
col() { cut -d' ' -f"$2" "$work/times.$1" | median; }
peak() { cut -d' ' -f2 "$work/times.$1" | sort -n | tail -1; }
for k in hugo pressroom hugo-warm pressroom-warm; do
  awk -v k="$k" -v w="$(col "$k" 1)" -v c="$(col "$k" 3)" -v m="$(peak "$k")" \
    'BEGIN {printf "%-15s median %6.2fs wall, %6.2fs CPU, %.2f cores busy, peak %d MiB\n", k, w, c, (w > 0 ? c / w : 0), m / 1024}'
done
awk -v p="$(col pressroom 1)" -v h="$(col hugo 1)" -v pc="$(col pressroom 3)" -v hc="$(col hugo 3)" \
  'BEGIN {printf "pressroom/hugo cold: %.2f wall, %.2f CPU\n", p / h, pc / hc}'
echo "pressroom's outputs: $(find "$work/out" -name '*.jpg' | wc -l) JPEG files (variants and originals); Hugo's: $(find "$hu/public" -name '*.jpg' | wc -l)"
