#!/usr/bin/env bash
# Times pressroom's full build against the floor of a goldmark-based build
# (../shared/tools/mdfloor) on a generated corpus, alternating, and prints
# the medians, their ratio and the peak memory of each; then the same
# build again with nothing changed (warm, from .pressroom-cache), and check.
#
#   bench/compare.sh [DOCUMENTS] [RUNS]      default: 10000 documents, 5 runs
set -euo pipefail
n=${1:-10000}
runs=${2:-5}
root=$(cd "$(dirname "$0")/.." && pwd)
shared="$root/../shared/tools"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "corpus: $n documents"
go run -C "$shared/gencorpus" . -n "$n" -o "$work/corpus" >/dev/null
cp "$root/bench/site.toml" "$work/corpus/site.toml"
go build -o "$work/pressroom" "$root"
go build -C "$shared/mdfloor" -o "$work/mdfloor" .

measure() { # name command...: appends "seconds kilobytes" to $work/name
  local name=$1; shift
  /usr/bin/time -f "%e %M" -o "$work/last" "$@" >/dev/null
  cat "$work/last" >>"$work/times.$name"
}

for i in $(seq "$runs"); do
  rm -rf "$work/floor"
  measure floor "$work/mdfloor" "$work/corpus" "$work/floor"
  rm -rf "$work/out" "$work"/.out.* "$work/corpus/.pressroom-cache"
  measure build "$work/pressroom" build -s "$work/corpus" -o "$work/out" --now 2026-01-01T00:00:00Z
  # The same build again, nothing changed: from the cache.
  measure warm "$work/pressroom" build -s "$work/corpus" -o "$work/out" --now 2026-01-01T00:00:00Z
  measure check "$work/pressroom" check -s "$work/corpus" --now 2026-01-01T00:00:00Z
done

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
f=$(cut -d" " -f1 "$work/times.floor" | median)
b=$(cut -d' ' -f1 "$work/times.build" | median)
c=$(cut -d' ' -f1 "$work/times.check" | median)
w=$(cut -d' ' -f1 "$work/times.warm" | median)
fm=$(cut -d' ' -f2 "$work/times.floor" | sort -n | tail -1)
bm=$(cut -d' ' -f2 "$work/times.build" | sort -n | tail -1)
echo "floor: median ${f}s, peak ${fm} KB"
echo "build: median ${b}s, peak ${bm} KB ($((bm / 1024)) MiB)"
echo "check: median ${c}s"
echo "warm build (nothing changed): median ${w}s"
awk -v b="$b" -v f="$f" 'BEGIN {printf "ratio build/floor: %.2f\n", b / f}'
awk -v b="$b" -v w="$w" 'BEGIN {printf "ratio warm/cold build: %.2f\n", w / b}'
