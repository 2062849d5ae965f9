#!/usr/bin/env bash
# Does every deep baseline finish on the largest shared datasets? Each method's `quick` schedule (the default layer
# sizes, so a step needs the memory of the full schedule's) through bench.ts, seed 0, one thread, one after another;
# prints the mean line (ARI, s/run, peak RSS) or the error of each. Per-run output under $OUT.
#   bash tools/bench/baselines/largest.sh [method ...]        (DATASETS="cbmc_top2000 worm_neuron" by default)
set -u
cd "$(dirname "$0")/../../.."
DATASETS=${DATASETS:-cbmc_top2000 worm_neuron}
OUT=${OUT:-tmp/largest}
methods=("$@")
[ ${#methods[@]} -eq 0 ] && methods=(scdsc attentionae-sc scname scgnn scmae dec desc scdeepcluster sczidesk scdcc)
mkdir -p "$OUT"
echo "# $(date -u +%F) $(git rev-parse --short HEAD), quick schedules, seed 0, SCBENCH_THREADS=1, load $(cut -d' ' -f1-3 /proc/loadavg)"
for d in $DATASETS; do
  for m in "${methods[@]}"; do
    SCBENCH_THREADS=1 timeout 2400 node_modules/.bin/tsx tools/bench/baselines/bench.ts --method "$m" --dataset "$d" --schedule quick > "$OUT/$m-$d.txt" 2>&1
    rc=$?
    line=$(grep '^mean' "$OUT/$m-$d.txt" | tail -1)
    [ $rc -eq 0 ] || line="failed (rc $rc): $(grep -m1 -E 'Error|error' "$OUT/$m-$d.txt" | cut -c1-160)"
    echo "| $m | $d | $line |"
  done
done
