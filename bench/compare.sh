#!/usr/bin/env bash
# Times pressroom's full build against the floor of a goldmark-based build
# (../shared/tools/mdfloor) on a generated corpus, alternating, and prints
# the medians of wall and CPU time, their ratios and the peak memory of
# each; then the same build again with nothing changed (warm, from
# .pressroom-cache), and check.
#
# Each cold build is that of a fresh clone: no cache, no earlier output,
# nothing beside the output folder. The corpus and the outputs live in
# $TMPDIR (default /tmp); for the figures in memory, point it at a tmpfs:
#
#   TMPDIR=/dev/shm bench/compare.sh [DOCUMENTS] [RUNS]   default: 10000 documents, 5 runs
set -euo pipefail
n=${1:-10000}
runs=${2:-5}
root=$(cd "$(dirname "$0")/.." && pwd)
shared="$root/../shared/tools"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "corpus: $n documents in $work ($(stat -f -c %T "$work"))"
go run -C "$shared/gencorpus" . -n "$n" -o "$work/corpus" >/dev/null
cp "$root/bench/site.toml" "$work/corpus/site.toml"
go build -o "$work/pressroom" "$root"
go build -C "$shared/mdfloor" -o "$work/mdfloor" .

measure() { # name command...: appends "seconds kilobytes cpu-seconds" to $work/times.name
  local name=$1; shift
  /usr/bin/time -f "%e %M %U %S" -o "$work/last" "$@" >/dev/null 2>"$work/stderr" || { cat "$work/stderr"; exit 1; }
  awk '{print $1, $2, $3 + $4}' "$work/last" >>"$work/times.$name"
}

for i in $(seq "$runs"); do
  rm -rf "$work/floor"
  measure floor "$work/mdfloor" "$work/corpus" "$work/floor"
  # A fresh clone: no cache, no earlier output, nothing beside it.
  rm -rf "$work/out" "$work"/.out.* "$work/corpus/.pressroom-cache"
  measure build "$work/pressroom" build -s "$work/corpus" -o "$work/out" --now 2026-01-01T00:00:00Z
  # The same build again, nothing changed: from the cache.
  measure warm "$work/pressroom" build -s "$work/corpus" -o "$work/out" --now 2026-01-01T00:00:00Z
  measure check "$work/pressroom" check -s "$work/corpus" --now 2026-01-01T00:00:00Z
done

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
col() { cut -d' ' -f"$2" "$work/times.$1" | median; }
peak() { cut -d' ' -f2 "$work/times.$1" | sort -n | tail -1; }
f=$(col floor 1); fc=$(col floor 3)
b=$(col build 1); bc=$(col build 3)
w=$(col warm 1); c=$(col check 1)
echo "floor: median ${f}s (CPU ${fc}s), peak $(peak floor) KB"
echo "build: median ${b}s (CPU ${bc}s), peak $(peak build) KB ($(($(peak build) / 1024)) MiB)"
echo "check: median ${c}s"
echo "warm build (nothing changed): median ${w}s"
awk -v b="$b" -v f="$f" -v bc="$bc" -v fc="$fc" 'BEGIN {printf "ratio build/floor: %.2f (CPU %.2f)\n", b / f, bc / fc}'
awk -v b="$b" -v w="$w" 'BEGIN {printf "ratio warm/cold build: %.2f\n", w / b}'
