#!/usr/bin/env bash
# The figures of the search (issue 19) on an N-document corpus made by
# ../shared/tools/gencorpus with bench/site.toml:
#   - what the index adds to a cold build: builds with search off and on,
#     alternating, medians of wall and CPU time, peak memory; then a warm
#     build with nothing changed (from .pressroom-cache) and what it made;
#   - the index: files, bytes, the largest file;
#   - Pagefind on the same built site, if it is installed (not in CI):
#       npm install --no-save --prefix /tmp/pf pagefind
#     index time, peak memory, files, bytes;
#   - in chromium (TestSearchFigures): bytes of a first and a later query,
#     time to the first results, keystroke to results, and the results of
#     20 queries beside Pagefind's.
#
#   TMPDIR=/dev/shm bench/search.sh [DOCUMENTS] [RUNS]   default: 10000 documents, 3 runs
set -euo pipefail
n=${1:-10000}
runs=${2:-3}
root=$(cd "$(dirname "$0")/.." && pwd)
shared="$root/../shared/tools"
pagefind=${PAGEFIND:-/tmp/pf/node_modules/.bin/pagefind}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "corpus: $n documents in $work ($(stat -f -c %T "$work"))"
go run -C "$shared/gencorpus" . -n "$n" -o "$work/on" >/dev/null
cp "$root/bench/site.toml" "$work/on/site.toml"
mkdir "$work/off"
ln -s "$work/on/content" "$work/off/content"
{ cat "$root/bench/site.toml"; printf '\n[search]\nenabled = false\n'; } >"$work/off/site.toml"
go build -o "$work/pressroom" "$root"

measure() { # name command...: appends "seconds kilobytes cpu-seconds" to $work/times.name
  local name=$1; shift
  /usr/bin/time -f "%e %M %U %S" -o "$work/last" "$@" >"$work/stdout.$name"
  awk '{print $1, $2, $3 + $4}' "$work/last" >>"$work/times.$name"
}
now=2026-01-01T00:00:00Z
for i in $(seq "$runs"); do
  for v in off on; do
    rm -rf "$work/out-$v" "$work"/.out-$v.* "$work/$v/.pressroom-cache"
    measure "$v" "$work/pressroom" build -s "$work/$v" -o "$work/out-$v" --now $now
  done
  measure warm "$work/pressroom" build -s "$work/on" -o "$work/out-on" --now $now
done

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
col() { cut -d' ' -f"$2" "$work/times.$1" | median; }
peak() { cut -d' ' -f2 "$work/times.$1" | sort -n | tail -1; }
for v in off on warm; do
  echo "build, search $v: median $(col $v 1)s (CPU $(col $v 3)s), peak $(($(peak $v) / 1024)) MiB"
done
awk -v a="$(col on 1)" -v b="$(col off 1)" -v ac="$(col on 3)" -v bc="$(col off 3)" \
  'BEGIN {printf "the index adds %.1f %% wall time, %.1f %% CPU time to a cold build\n", (a / b - 1) * 100, (ac / bc - 1) * 100}'
echo "warm build (nothing changed): $(tail -1 "$work/stdout.warm")"
idx="$work/out-on/suche/index"
echo "index: $(find "$idx" -type f | wc -l) files, $(du -sb "$idx" | cut -f1) bytes; largest: $(ls -S "$idx" | head -1) $(stat -c %s "$idx/$(ls -S "$idx" | head -1)") bytes; script: $(stat -c %s "$work"/out-on/js/search.*.js) bytes"

if [ -x "$pagefind" ]; then
  /usr/bin/time -f "%e %M %U %S" -o "$work/last" "$pagefind" --site "$work/out-on" >"$work/pagefind.log" 2>&1
  read -r s kb u sy <"$work/last"
  pf="$work/out-on/pagefind"
  echo "pagefind $("$pagefind" --version 2>/dev/null || true): ${s}s (CPU $(awk -v u="$u" -v s="$sy" 'BEGIN {print u + s}')s), peak $((kb / 1024)) MiB, $(find "$pf" -type f | wc -l) files, $(du -sb "$pf" | cut -f1) bytes"
else
  echo "pagefind not installed at $pagefind: not compared (npm install --no-save --prefix /tmp/pf pagefind)"
fi
cd "$root"
PRESSROOM_SEARCH_SITE="$work/out-on" go test ./internal/conformance -run 'TestSearchFigures$' -count=1 -v -timeout 30m 2>&1 |
  grep -E 'search_bench_test|^(ok|FAIL|---)' | sed 's/^ *search_bench_test.go:[0-9]*: //'
