#!/usr/bin/env bash
# scale.ts for every deep baseline (scdcc: the scdeepcluster network at n_pairwise 0, the same figures) on synthetic:cells=100000, one process each, one after another, each under a
# time limit (default 1500 s; a run cut off still printed its per-epoch figures). Output: stdout and $LOG.
#   bash tools/bench/baselines/scale.sh [method ...]     LIMIT=900 LOG=/tmp/scale.log bash tools/bench/baselines/scale.sh scdsc
set -u
cd "$(dirname "$0")/../../.."
LIMIT=${LIMIT:-1500}
LOG=${LOG:-tools/bench/baselines/scale-100k.txt}
DATASET=${DATASET:-synthetic:cells=100000}
methods=("$@")
[ ${#methods[@]} -eq 0 ] && methods=(scmae desc dec scdeepcluster sczidesk scname scdsc attentionae-sc)
echo "# $(date -u +%F) $(git rev-parse --short HEAD) $DATASET, limit ${LIMIT} s, load $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$LOG"
# On a crash node prints the throwing source line (a wasm glue line is one minified line of ~200 kB) and a caret under
# it: both are dropped, the error and its stack are kept.
readable() { awk '(length($0) <= 300 && $0 !~ /^[[:space:]]*\^*[[:space:]]*$/) || $0 == "" { print; fflush() }'; }
for m in "${methods[@]}"; do
  timeout "$LIMIT" node_modules/.bin/tsx tools/bench/baselines/scale.ts --method "$m" --dataset "$DATASET" 2>&1 | readable | tee -a "$LOG"
  rc=${PIPESTATUS[0]}
  [ "$rc" -eq 124 ] && echo "$m: stopped at the ${LIMIT} s limit" | tee -a "$LOG"
  [ "$rc" -ne 0 ] && [ "$rc" -ne 124 ] && echo "$m: exit $rc" | tee -a "$LOG"
done
