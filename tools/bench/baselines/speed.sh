#!/usr/bin/env bash
# Ours against the PyTorch original, the same epochs, the same 2 cores, one after the other in one sitting: each method
# with an original that runs here, on pbmc3k and cbmc_top2000, seed 0, E epochs of every training phase (default 10;
# the originals' full schedules take hours here; scMAE: 81, the epoch its original evaluates at, as our default). Ours: bench.ts (wall time of method.run; peak RSS of the process).
# The original: its tools/fidelity driver with FIDELITY_THREADS=2 (wall time from after loading the file to its
# labels; ru_maxrss). Needs Debian's python3-torch and the snapshots of tools/fidelity/README.md under $SRC.
#   SRC=tmp/fidelity-src E=10 bash tools/bench/baselines/speed.sh [method ...]      (output also appended to $LOG)
set -u
cd "$(dirname "$0")/../../.."
SRC=${SRC:-tmp/fidelity-src}
E=${E:-10}
LOG=${LOG:-tools/bench/baselines/speed.txt}
DATASETS=${DATASETS:-pbmc3k cbmc_top2000}
methods=("$@")
[ ${#methods[@]} -eq 0 ] && methods=(scdeepcluster scdsc scmae attentionae-sc scgnn)
declare -A ORIG_ARGS=(
  [scdeepcluster]="--src $SRC/ttgump+scDeepCluster_pytorch --pretrain-epochs $E --maxiter $E"
  [scdsc]="--src $SRC/DHUDBlab+scDSC --pretrain-epochs $E --epochs $E"
  [scmae]="--src $SRC/CSUBioGroup+scMAE --epochs 81"
  [attentionae-sc]="--src $SRC/LiShenghao813+AttentionAE-sc --training-epoch $E --clustering-epoch $E"
  [scgnn]="--src $SRC/juexinwang+scGNN"
)
# scGNN.py's own options go through its driver's --extra (one argument): E epochs for the feature AE before the loop,
# per EM iteration, per cluster AE and for the GAE; 2 EM iterations (its README's demo count; both sides may stop
# earlier on its convergence rule).
declare -A ORIG_EXTRA=(
  [scgnn]="--Regu-epochs $E --EM-epochs $E --cluster-epochs $E --GAEepochs $E --EM-iteration 2"
)
declare -A OUR_SETS=(
  [scdeepcluster]="--set pretrainEpochs=$E --set maxEpochs=$E"
  [scdsc]="--set pretrainEpochs=$E --set epochs=$E"
  [scmae]="--set epochs=81"
  [attentionae-sc]="--set stage1Epochs=$E --set stage2Epochs=$E"
  [scgnn]="--set reguEpochs=$E --set emEpochs=$E --set clusterEpochs=$E --set gaeEpochs=$E --set emIterations=2"
)
say() { echo "$*" | tee -a "$LOG"; }
say "# $(date -u +%F) $(git rev-parse --short HEAD), $E epochs per phase, load $(cut -d' ' -f1-3 /proc/loadavg)"
say "| method | dataset | ours s | ours peak MB | original s | original peak MB | original ÷ ours |"
say "|---|---|---|---|---|---|---|"
for d in $DATASETS; do
  for m in "${methods[@]}"; do
    [ -n "${ORIG_ARGS[$m]:-}" ] || { echo "no original driver for $m" >&2; exit 2; }
    # shellcheck disable=SC2086
    ours=$(node_modules/.bin/tsx tools/bench/baselines/bench.ts --method "$m" --dataset "$d" --seeds 0 ${OUR_SETS[$m]} 2>&1 | tail -1)
    o_s=$(sed -n 's/.*  \([0-9.]*\) s\/run .*/\1/p' <<<"$ours")
    o_mb=$(sed -n 's/.*peak RSS \([0-9]*\) MB.*/\1/p' <<<"$ours")
    # shellcheck disable=SC2086
    orig=$(FIDELITY_THREADS=2 /usr/bin/python3 "tools/fidelity/$m/run.py" ${ORIG_ARGS[$m]} ${ORIG_EXTRA[$m]:+--extra "${ORIG_EXTRA[$m]}"} --dataset "$d" --seed 0 --no-record 2>&1 | grep '^FIDELITY ' | tail -1)
    r_s=$(sed -n 's/.*"wall_s": \([0-9.]*\).*/\1/p' <<<"$orig")
    r_mb=$(sed -n 's/.*"peak_rss_mb": \([0-9.]*\).*/\1/p' <<<"$orig")
    ratio=$( [ -n "$o_s" ] && [ -n "$r_s" ] && awk -v a="$r_s" -v b="$o_s" 'BEGIN{printf "%.2f", a/b}' || echo "—")
    say "| $m | $d | ${o_s:-failed} | ${o_mb:-—} | ${r_s:-failed} | ${r_mb:-—} | $ratio |"
  done
done
