#!/usr/bin/python3
"""Run the PyTorch original of scDeepCluster (ttgump/scDeepCluster_pytorch) on a shared dataset.

Follows run_scDeepCluster.py's main with K given (--n_clusters > 0): optional geneSelection, read_dataset,
normalize (DCA-style), scDeepCluster(z 32, [256, 64], sigma 2.5, gamma 1), pretrain_autoencoder (Adam amsgrad,
300 epochs), fit (Adadelta, maxiter 2000, update_interval 1, tol 1e-3). Device cpu, float64 as the original sets.

    /usr/bin/python3 tools/fidelity/scdeepcluster/run.py --src tmp/fidelity-src/ttgump+scDeepCluster_pytorch \
        --dataset mixology_celseq2_3cl --seed 0 [--select-genes 2000]
"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'common'))
import harness  # noqa: E402

p = harness.base_args(__doc__)
p.add_argument('--select-genes', type=int, default=0, help="the original's --select_genes (0 = all genes)")
p.add_argument('--pretrain-epochs', type=int, default=300)
p.add_argument('--expm1', action='store_true',
               help='feed expm1 of log-normalised input (what scbench does to such data before a ZINB model)')
p.add_argument('--maxiter', type=int, default=2000)
p.add_argument('--workdir', default=None, help='where the original writes its weight files')
args = p.parse_args()

torch = harness.setup(args.src)
import numpy as np  # noqa: E402
from preprocess import read_dataset, normalize  # noqa: E402  (the original's)
from scDeepCluster import scDeepCluster  # noqa: E402
from single_cell_tools import geneSelection  # noqa: E402
import scanpy as sc  # noqa: E402  (the shim)

tee = harness.Tee(sys.stdout)
sys.stdout = tee
clock = harness.Clock()
x, y = harness.load_h5(args.dataset)
if args.expm1:
    x = np.expm1(x)
harness.seed_all(args.seed)
workdir = args.workdir or os.path.join('tmp', 'fidelity-work', f'scdeepcluster-{args.dataset}-{args.seed}')
os.makedirs(workdir, exist_ok=True)
notes = ['input expm1(x)'] if args.expm1 else []
if args.select_genes > 0:
    x = x[:, geneSelection(x, n=args.select_genes, plot=False)]
    notes.append(f'--select_genes {args.select_genes}')
adata = sc.AnnData(x, dtype='float64')
adata.obs['Group'] = y
if np.all(x.astype(int) == x):
    adata = read_dataset(adata, transpose=False, test_split=False, copy=True)
else:
    notes.append('non-integer input: read_dataset (its integer assert) skipped, ZINB on the values as given')
adata = normalize(adata, size_factors=True, normalize_input=True, logtrans_input=True)
y = y[adata.obs_names.astype(int)] if adata.n_obs != len(y) else y
K = int(len(np.unique(y)))
model = scDeepCluster(input_dim=adata.n_vars, z_dim=32, encodeLayer=[256, 64], decodeLayer=[64, 256],
                      sigma=2.5, gamma=1.0, device='cpu')
model.pretrain_autoencoder(X=adata.X, X_raw=adata.raw.X, size_factor=adata.obs.size_factors, batch_size=256,
                           epochs=args.pretrain_epochs, ae_weights=os.path.join(workdir, 'AE_weights.pth.tar'))
t_pre = clock()
y_pred, _, _, _, _ = model.fit(X=adata.X, X_raw=adata.raw.X, size_factor=adata.obs.size_factors, n_clusters=K,
                               init_centroid=None, y_pred_init=None, y=y, batch_size=256, num_epochs=args.maxiter,
                               update_interval=1, tol=1e-3, save_dir=workdir)
wall = clock()
best, n_evals = harness.best_printed(tee.text(), r'Clustering\s+\d+: NMI= [0-9.]+, ARI= (?P<ari>[-0-9.]+)')
sys.stdout = tee.stream
harness.record('scdeepcluster', 'ttgump/scDeepCluster_pytorch', args.src, args, y, y_pred, wall, '; '.join(notes),
               {'genes': int(adata.n_vars), 'cells': int(adata.n_obs), 'pretrain_epochs': args.pretrain_epochs,
                'cluster_epochs': n_evals, 'pretrain_s': round(t_pre, 1), 'best_printed_ari': best})
