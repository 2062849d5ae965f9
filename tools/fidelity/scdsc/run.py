#!/usr/bin/python3
"""Run the original scDSC (DHUDBlab/scDSC, the MTAB scripts) on a shared dataset.

The original is four scripts a user edits per dataset; this driver runs the same steps in a work folder:
1. features as MTAB/scanpy_filter.py: AnnData (float32), filter_cells(min_genes 200), filter_genes(min_cells 3),
   normalize_total(1e4), log1p, HVG by cut-offs (min_mean 0.0125, max_mean 3, min_disp 0.5), no scaling;
   written to data/mtab.txt (+ labels, read only by the original's printed evaluation);
2. graph: MTAB/calcu_graph_mtab.py's construct_graph with its method 'p' (top 10), renamed to what load_graph reads;
3. pre-train: MTAB/pretrain_mtab.py's AE and pretrain_ae (batch 1024, lr 1e-3, 200 epochs; n_input = HVG count,
   K from the labels, n_z 10, n_init 20);
4. train: MTAB/dsc_mtab.py's SDCN + train_sdcn (lr 1e-4, 300 epochs, weights 0.1/0.01/1/0.1), with the ZINB
   counts of the same cells and HVG genes through the DCA-style normalize of preprocess.py.
The module-level code of steps 2-3 (hard-coded MTAB sizes) is not run: their definitions are executed from the
snapshot and called with this dataset's sizes. Final labels: the last res2 (argmax of the GCN softmax) that the
original evaluates, i.e. at the start of its last epoch.

    /usr/bin/python3 tools/fidelity/scdsc/run.py --src tmp/fidelity-src/DHUDBlab+scDSC --dataset wang_pancreas --seed 0
"""
import argparse
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'common'))
import harness  # noqa: E402

p = harness.base_args(__doc__)
p.add_argument('--pretrain-epochs', type=int, default=200)
p.add_argument('--epochs', type=int, default=300)
p.add_argument('--min-genes', type=int, default=200, help="scanpy_filter.py's filter_cells(min_genes)")
p.add_argument('--workdir', default=None)
args = p.parse_args()

torch = harness.setup(args.src)
mtab = os.path.join(harness.SRC, 'MTAB')
sys.path.insert(1, mtab)  # dsc_mtab's own imports: top-level utils, evaluation, preprocess, layers, GNN
import numpy as np  # noqa: E402
import scanpy as sc  # noqa: E402  (the shim)

x, y = harness.load_h5(args.dataset)
workdir = os.path.abspath(args.workdir or os.path.join('tmp', 'fidelity-work', f'scdsc-{args.dataset}-{args.seed}'))
os.makedirs(os.path.join(workdir, 'data'), exist_ok=True)
os.makedirs(os.path.join(workdir, 'graph'), exist_ok=True)
os.makedirs(os.path.join(workdir, 'model'), exist_ok=True)
os.chdir(workdir)
tee = harness.Tee(sys.stdout)
sys.stdout = tee
clock = harness.Clock()
harness.seed_all(args.seed)
notes = []

# 1. features (scanpy_filter.py)
adata = sc.AnnData(x)
adata.obs['cell'] = np.arange(adata.n_obs)
adata.var['gene'] = np.arange(adata.n_vars)
sc.pp.filter_cells(adata, min_genes=args.min_genes)
if args.min_genes != 200:
    notes.append(f'filter_cells(min_genes={args.min_genes}) instead of 200')
sc.pp.filter_genes(adata, min_cells=3)
sc.pp.normalize_total(adata, target_sum=1e4)
sc.pp.log1p(adata)
sc.pp.highly_variable_genes(adata, min_mean=0.0125, max_mean=3, min_disp=0.5)
adata = adata[:, adata.var.highly_variable]
cells, genes = adata.obs['cell'].to_numpy(), adata.var['gene'].to_numpy()
# preprocess.normalize (DCA) drops cells whose counts over these genes sum below 1; the original would then feed
# ZINB counts that no longer align with the features and graph (a crash), so such cells are dropped up front
alive = x[np.ix_(cells, genes)].sum(axis=1) >= 1
if not alive.all():
    notes.append(f'{int((~alive).sum())} cells with HVG counts < 1 dropped (DCA filter would misalign the ZINB counts)')
    adata = adata[alive]
    cells = cells[alive]
y = y[cells]
K = int(len(np.unique(y)))
np.savetxt('data/mtab.txt', np.asarray(adata.X, dtype=np.float64))
np.savetxt('data/mtab_label.txt', y, fmt='%d')


def exec_defs(path, stop_marker, env):
    """Execute the definitions of one of the original's scripts, up to its hard-coded per-dataset settings."""
    src = open(path).read()
    exec(compile(src[:src.index(stop_marker)], path, 'exec'), env)
    return env


# 2. graph (calcu_graph_mtab.py, method 'p', topk 10)
g = exec_defs(os.path.join(mtab, 'calcu_graph_mtab.py'), '# File = [Pre-training file,]', {'__name__': 'graph'})
g['construct_graph'](np.loadtxt('data/mtab.txt', dtype=float), y, 'p')
os.replace('graph/mtab_ncos_graph.txt', 'graph/mtab_graph.txt')

# 3. pre-train (pretrain_mtab.py)
pt = exec_defs(os.path.join(mtab, 'pretrain_mtab.py'), '# File = [Pre-training file, gene_expresion',
               {'__name__': 'pretrain'})
n_input = len(genes)
pt['File'] = ['model/mtab.pkl', 'data/mtab.txt', 'data/mtab_label.txt']
pt['Para'] = [1024, 1e-3, args.pretrain_epochs]
pt['Cluster_para'] = [K, 20, n_input, 10]
ae = pt['AE'](n_enc_1=500, n_enc_2=500, n_enc_3=2000, n_dec_1=2000, n_dec_2=500, n_dec_3=500, n_input=n_input,
              n_z=10)
pt['pretrain_ae'](ae, pt['LoadDataset'](np.loadtxt('data/mtab.txt', dtype=float)), y)
t_pre = clock()

# 4. train (dsc_mtab.py)
import dsc_mtab as dsc  # noqa: E402
from preprocess import read_dataset, normalize  # noqa: E402  (top-level preprocess.py, as dsc_mtab imports it)
from utils import load_data  # noqa: E402

counts = x[np.ix_(cells, genes)]
cdata = sc.AnnData(counts)
cdata.obs['Group'] = y
if np.all(counts.astype(int) == counts):
    cdata = read_dataset(cdata, transpose=False, test_split=False, copy=True)
else:
    notes.append('non-integer input: read_dataset (its integer assert) skipped, ZINB on the values as given')
cdata = normalize(cdata, size_factors=True, normalize_input=True, logtrans_input=True)
if cdata.n_obs != len(y) or cdata.n_vars != n_input:
    sys.exit('DCA filtering dropped cells or genes: the ZINB counts would not align with the features')
dsc.args = argparse.Namespace(name='mtab', graph='mtab', pretrain_path='model/mtab.pkl', n_enc_1=500, n_enc_2=500,
                              n_enc_3=2000, n_dec_1=2000, n_dec_2=500, n_dec_3=500, k=None, lr=1e-4, n_clusters=K,
                              n_z=10, n_input=n_input, n_init=20)
dsc.Para = [1024, 1e-4, args.epochs]
dsc.Balance_para = [0.1, 0.01, 1, 0.1]
dsc.device = torch.device('cpu')
last = {}
_eva = dsc.eva


def eva(y_true, y_pred, epoch=0):
    last['pred'], last['epoch'] = np.array(y_pred, copy=True), epoch  # eva's cluster_acc may overwrite y_pred
    try:
        return _eva(y_true, y_pred, epoch)
    except TypeError:
        # evaluation.py's cluster_acc returns None when an epoch's prediction leaves a cluster empty and eva's
        # unpacking then fails (cbmc_top2000): only the original's printout is lost, training goes on
        last['unscored'] = last.get('unscored', 0) + 1


dsc.eva = eva
dsc.train_sdcn(load_data('mtab'), cdata.raw.X, cdata.obs.size_factors)
wall = clock()
if last.get('unscored'):
    notes.append(f"{last['unscored']} epoch evaluations skipped: the original's cluster_acc returned None (an empty cluster)")
text = tee.text()
train_text = text[text.index('SDCN('):] if 'SDCN(' in text else text
best, n_evals = harness.best_printed(train_text, r'\n\d+ :acc [0-9.]+ , nmi [0-9.]+ , ari (?P<ari>[-0-9.]+)')
sys.stdout = tee.stream
harness.record('scdsc', 'DHUDBlab/scDSC', args.src, args, y, last['pred'], wall, '; '.join(notes),
               {'genes': int(n_input), 'cells': int(len(y)), 'pretrain_epochs': args.pretrain_epochs,
                'epochs': args.epochs, 'last_evaluated_epoch': last['epoch'], 'pretrain_s': round(t_pre, 1),
                'best_printed_ari': best, 'graph': 'p, top 10'})
