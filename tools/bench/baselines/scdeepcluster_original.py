#!/usr/bin/python3
"""Run the original scDeepCluster (ttgump/scDeepCluster_pytorch @ 537cab7, its scDeepCluster.py and layers.py
unchanged) on a shared .h5 dataset with run_scDeepCluster.py's defaults (z 32, encoder [256, 64], σ 2.5, γ 1,
300 pre-train epochs, maxiter 2000, update_interval 1, tol 1e-3, batch 256, K given), on the CPU.

scanpy is not packaged for Debian, so the DCA-style `normalize` of the original's preprocess.py is written out here
with numpy (filter genes and cells with min_counts 1; size factors n_counts / median; normalize_per_cell to the
median; log1p; scale with zero centring and the ddof-1 standard deviation, no clipping).

    git -C <mirror> show 537cab7:scDeepCluster.py > DIR/scDeepCluster.py   (and layers.py)
    nice -n 10 /usr/bin/python3 tools/bench/baselines/scdeepcluster_original.py --orig DIR \
        --data ../shared/datasets/h5-counts-only/mouse_bladder_top2000.h5 --seeds 0,1,2

Prints one line per seed: final-epoch ARI / NMI, epochs, seconds. Labels are read only to score the final output.
"""
import argparse
import os
import sys
import tempfile
import time

import h5py
import numpy as np
import torch
from sklearn import metrics

ap = argparse.ArgumentParser()
ap.add_argument('--orig', required=True)
ap.add_argument('--data', required=True)
ap.add_argument('--seeds', default='0,1,2')
ap.add_argument('--pretrain-epochs', type=int, default=300)
ap.add_argument('--maxiter', type=int, default=2000)
ap.add_argument('--threads', type=int, default=1)
ap.add_argument('--expm1', action='store_true', help='the file holds log1p values (wang_pancreas): counts = expm1(X), as scbench reads log-normalised data')
args = ap.parse_args()
sys.path.insert(0, args.orig)
from scDeepCluster import scDeepCluster  # noqa: E402

torch.set_num_threads(args.threads)
with h5py.File(args.data, 'r') as f:
    x = np.array(f['X']).astype('float64')
    y = np.array(f['Y'])
if args.expm1:
    x = np.expm1(x)
genes = x.sum(0) >= 1
cells = x.sum(1) >= 1
x, y = x[cells][:, genes], y[cells]
raw = x.copy()
n_counts = x.sum(1)
sf = n_counts / np.median(n_counts)
xn = np.log1p(x / n_counts[:, None] * np.median(n_counts))
sd = xn.std(0, ddof=1)
sd[sd == 0] = 1
xn = (xn - xn.mean(0)) / sd
k = len(np.unique(y))
print(f'{os.path.basename(args.data)}: {x.shape[0]} cells x {x.shape[1]} genes, k={k}, torch {torch.__version__}, threads {args.threads}', flush=True)
aris = []
for seed in [int(s) for s in args.seeds.split(',')]:
    torch.manual_seed(seed)
    np.random.seed(seed)
    t0 = time.time()
    model = scDeepCluster(input_dim=x.shape[1], z_dim=32, encodeLayer=[256, 64], decodeLayer=[64, 256], sigma=2.5, gamma=1., device='cpu')
    with open(os.devnull, 'w') as quiet:
        out, sys.stdout = sys.stdout, quiet
        try:
            model.pretrain_autoencoder(X=xn, X_raw=raw, size_factor=sf, batch_size=256, epochs=args.pretrain_epochs, ae_save=False)
            with tempfile.TemporaryDirectory() as d:
                y_pred, *_ = model.fit(X=xn, X_raw=raw, size_factor=sf, n_clusters=k, init_centroid=None, y_pred_init=None, y=None,
                                       batch_size=256, num_epochs=args.maxiter, update_interval=1, tol=1e-3, save_dir=d)
        finally:
            sys.stdout = out
    ari = metrics.adjusted_rand_score(y, y_pred)
    nmi = metrics.normalized_mutual_info_score(y, y_pred)
    aris.append(ari)
    print(f'seed {seed}  ARI {ari:.3f}  NMI {nmi:.3f}  {time.time() - t0:.0f} s', flush=True)
print(f'mean ARI {np.mean(aris):.3f}', flush=True)
