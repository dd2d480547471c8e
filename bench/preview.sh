#!/usr/bin/env bash
# Times the live preview on a generated corpus, here and on the branch or
# commit BASE (default main), by turns: from writing a release's file to
# the new text being in the page open in headless chromium
# (BenchmarkBrowserEditToVisible), and from writing it to the event leaving
# the server (BenchmarkEditToReload); 20 edits of the body and 20 of the
# title in each run. BASE runs this tree's browser benchmark file, so both
# are measured by the same harness.
#
#   TMPDIR=/dev/shm bench/preview.sh [DOCUMENTS] [RUNS] [BASE]   default: 10000 documents, 2 runs, main
#
# Set PRESSROOM_CORPUS to use a corpus that exists (it is edited and put back).
set -euo pipefail
n=${1:-10000}
runs=${2:-2}
base=${3:-main}
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

corpus=${PRESSROOM_CORPUS:-}
if [ -z "$corpus" ]; then
  corpus="$work/corpus"
  go run -C "$root/../shared/tools/gencorpus" . -n "$n" -o "$corpus" >/dev/null
  cp "$root/bench/site.toml" "$corpus/site.toml"
fi
mkdir "$work/base"
git -C "$root" archive "$base" | tar -x -C "$work/base"
cp "$root/internal/serve/browser_bench_test.go" "$work/base/internal/serve/"

for i in $(seq "$runs"); do
  for side in here base; do
    dir=$root; [ "$side" = base ] && dir="$work/base"
    echo "== run $i: $side"
    (cd "$dir" && PRESSROOM_CORPUS="$corpus" go test ./internal/serve/ -run '^$' \
      -bench 'BenchmarkBrowserEditToVisible|BenchmarkEditToReload' -benchtime 20x) |
      grep -E '^Benchmark' | sed "s/^/$side /" | tee -a "$work/results"
  done
done
echo "== each run (ms): side benchmark median/p95 ..."
awk '{for (i = 1; i <= NF; i++) { if ($i == "ms-median") m = $(i-1); if ($i == "ms-p95") p = $(i-1) }
      sub(/-[0-9]+$/, "", $2); k = $1 " " $2; if (!(k in r)) o[++n] = k; r[k] = r[k] " " m "/" p}
     END {for (i = 1; i <= n; i++) print o[i] ":" r[o[i]]}' "$work/results" | sort
