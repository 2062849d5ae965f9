#!/usr/bin/python3
"""Run the PyTorch original of scDCC (ttgump/scDCC, scDCC.py) on a shared dataset.

Follows scDCC_pairwise.py's main: AnnData (float32, as anndata < 0.9 converts), read_dataset, normalize,
scDCC(z 32, [256, 64], sigma 2.5, gamma 1, ml = cl = 1), pretrain_autoencoder (Adam amsgrad, 300 epochs),
fit (Adadelta lr 1, maxiter 2000, update_interval 1, tol 1e-3). Default --n-pairwise 0 (the script's default: no
constraints, unsupervised). With --n-pairwise N > 0, N constraints from the true labels of a random 10 % of cells
(generate_random_pair): semi-supervised, and the script scores the other 90 % ("evaluating cells").
Scores written: all cells (the honest comparison), plus the script's 90 % "evaluating cells" score.

    /usr/bin/python3 tools/fidelity/scdcc/run.py --src tmp/fidelity-src/ttgump+scDCC --dataset wang_pancreas --seed 0
"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'common'))
import harness  # noqa: E402

p = harness.base_args(__doc__)
p.add_argument('--select-genes', type=int, default=0,
               help="genes kept by scDeepCluster_pytorch's geneSelection (scDCC's data files come pre-cut)")
p.add_argument('--selector-src', default=None, help='scDeepCluster_pytorch snapshot, for --select-genes')
p.add_argument('--n-pairwise', type=int, default=0)
p.add_argument('--expm1', action='store_true',
               help='feed expm1 of log-normalised input (what scbench does to such data before a ZINB model)')
p.add_argument('--label-cells', type=float, default=0.1)
p.add_argument('--pretrain-epochs', type=int, default=300)
p.add_argument('--maxiter', type=int, default=2000)
p.add_argument('--workdir', default=None)
args = p.parse_args()

torch = harness.setup(args.src)
import numpy as np  # noqa: E402
from preprocess import read_dataset, normalize  # noqa: E402  (the original's)
from scDCC import scDCC  # noqa: E402
from utils import generate_random_pair  # noqa: E402
import scanpy as sc  # noqa: E402  (the shim)

tee = harness.Tee(sys.stdout)
sys.stdout = tee
clock = harness.Clock()
x, y = harness.load_h5(args.dataset)
if args.expm1:
    x = np.expm1(x)
harness.seed_all(args.seed)
workdir = args.workdir or os.path.join('tmp', 'fidelity-work', f'scdcc-{args.dataset}-{args.seed}-{args.n_pairwise}')
os.makedirs(workdir, exist_ok=True)
notes = ['input expm1(x)'] if args.expm1 else []
notes += ['pretrain_autoencoder called with X_raw positionally (the script passes raw_counts=, a TypeError)']
if args.select_genes > 0:
    sys.path.insert(1, os.path.abspath(args.selector_src))
    from single_cell_tools import geneSelection  # noqa: E402
    x = x[:, geneSelection(x, n=args.select_genes, plot=False)]
    notes.append(f'genes: scDeepCluster_pytorch geneSelection n={args.select_genes}')
adata = sc.AnnData(x)
adata.obs['Group'] = y
if np.all(x.astype(int) == x):
    adata = read_dataset(adata, transpose=False, test_split=False, copy=True)
else:
    notes.append('non-integer input: read_dataset (its integer assert) skipped, ZINB on the values as given')
adata = normalize(adata, size_factors=True, normalize_input=True, logtrans_input=True)
y = y[adata.obs_names.astype(int)] if adata.n_obs != len(y) else y
K = int(len(np.unique(y)))
indx = np.arange(len(y))
np.random.shuffle(indx)
label_cell_indx = indx[0:int(np.ceil(args.label_cells * len(y)))]
if args.n_pairwise > 0:
    ml_ind1, ml_ind2, cl_ind1, cl_ind2, _ = generate_random_pair(y, label_cell_indx, args.n_pairwise, 0)
    notes.append(f'SEMI-SUPERVISED: {args.n_pairwise} constraints from the labels of 10 % of cells')
else:
    ml_ind1, ml_ind2, cl_ind1, cl_ind2 = np.array([]), np.array([]), np.array([]), np.array([])
model = scDCC(input_dim=adata.n_vars, z_dim=32, n_clusters=K, encodeLayer=[256, 64], decodeLayer=[64, 256],
              sigma=2.5, gamma=1.0, ml_weight=1.0, cl_weight=1.0)
model.pretrain_autoencoder(adata.X, adata.raw.X, adata.obs.size_factors, batch_size=256,
                           epochs=args.pretrain_epochs, ae_weights=os.path.join(workdir, 'AE_weights.pth.tar'))
t_pre = clock()
y_pred, _, _, _, _ = model.fit(X=adata.X, X_raw=adata.raw.X, sf=adata.obs.size_factors, y=y, batch_size=256,
                               num_epochs=args.maxiter, ml_ind1=ml_ind1, ml_ind2=ml_ind2, cl_ind1=cl_ind1,
                               cl_ind2=cl_ind2, update_interval=1, tol=1e-3, save_dir=workdir)
wall = clock()
best, n_evals = harness.best_printed(
    tee.text(), r'Clustering\s+\d+: ACC= [0-9.]+, NMI= [0-9.]+, ARI= (?P<ari>[-0-9.]+)')
sys.stdout = tee.stream
ev = harness.scores(np.delete(y, label_cell_indx), np.delete(y_pred, label_cell_indx))
harness.record('scdcc' if args.n_pairwise == 0 else 'scdcc-semisupervised', 'ttgump/scDCC', args.src, args, y,
               y_pred, wall, '; '.join(notes),
               {'genes': int(adata.n_vars), 'cells': int(adata.n_obs), 'n_pairwise': args.n_pairwise,
                'pretrain_epochs': args.pretrain_epochs, 'cluster_epochs': n_evals, 'pretrain_s': round(t_pre, 1),
                'best_printed_ari': best, 'eval90_ari': ev['ari'], 'eval90_acc': ev['acc'], 'eval90_nmi': ev['nmi']})
