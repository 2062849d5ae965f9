#!/usr/bin/python3
"""Run the original AttentionAE-sc (LiShenghao813/AttentionAE-sc) on a shared dataset.

Follows run_AttentionAE-sc.py's main for fewer than max_num_cell (4000) cells, with its argparse defaults
(lr 1e-3, n_z 16, 8 heads, 2500 HVG, 200 + 100 epochs, Leiden resolution 1.0, 'gauss' graph, 15 neighbours,
knn False): utils.load_data on an h5ad written from the shared file (raw counts in X, labels in obs.celltype),
sklearn scale, AttentionAE(256, 64, 64, 256), train(), clustering(). K is Leiden's (the original's design),
not the dataset's. Environment fixes, none changing the computation: train.py and the main use `scipy` without
importing it; utils.load_data calls np.num_to_num (np.nan_to_num meant); torch.cuda.max_memory_allocated on a
CPU device. If train() takes its early-stop path it returns a bare model where the main unpacks a pair (a crash in
the original): the driver then goes on with that model and says so in the notes.

    /usr/bin/python3 tools/fidelity/attentionae-sc/run.py --src tmp/fidelity-src/LiShenghao813+AttentionAE-sc \
        --dataset wang_pancreas --seed 0
"""
import argparse
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'common'))
import harness  # noqa: E402

p = harness.base_args(__doc__)
p.add_argument('--training-epoch', type=int, default=200)
p.add_argument('--clustering-epoch', type=int, default=100)
p.add_argument('--workdir', default=None)
p.add_argument('--dump-leiden', default=None, metavar='DIR',
               help="write the z that use_Leiden clusters, scanpy's Gaussian connectivities of it and the labels it "
                    "finds to DIR (for tools/fidelity/inputs/leiden-on-z.*)")
args = p.parse_args()
dump_dir = os.path.abspath(args.dump_leiden) if args.dump_leiden else None

torch = harness.setup(args.src)
import numpy as np  # noqa: E402
import scipy  # noqa: E402
import scipy.sparse  # noqa: E402
import anndata as ad  # noqa: E402
from sklearn import preprocessing  # noqa: E402

np.num_to_num = np.nan_to_num
torch.cuda.max_memory_allocated = lambda *a, **k: 0
import utils  # noqa: E402  (the original's)
import train as train_mod  # noqa: E402
from model import AttentionAE  # noqa: E402
train_mod.scipy = scipy

if dump_dir:
    import json  # noqa: E402
    import scanpy  # noqa: E402  (the shim)
    original_use_leiden = utils.use_Leiden

    def use_leiden_dumped(features, resolution=1):
        centers, labels = original_use_leiden(features, resolution=resolution)
        os.makedirs(dump_dir, exist_ok=True)
        z = np.ascontiguousarray(features, dtype=np.float32)
        g = scanpy.AnnData(z)
        scanpy.pp.neighbors(g, knn=False, method='gauss', metric='cosine', n_pcs=0)  # as use_Leiden builds it
        z.tofile(os.path.join(dump_dir, 'z.f32'))
        c = g.obsp['connectivities']
        np.ascontiguousarray(c.toarray() if scipy.sparse.issparse(c) else c, dtype=np.float32).tofile(os.path.join(dump_dir, 'conn.f32'))
        json.dump({'rows': int(z.shape[0]), 'cols': int(z.shape[1]), 'resolution': resolution,
                   'labels': [int(v) for v in labels]}, open(os.path.join(dump_dir, 'leiden.json'), 'w'))
        return centers, labels
    utils.use_Leiden = use_leiden_dumped

x, y = harness.load_h5(args.dataset)
workdir = os.path.abspath(args.workdir or os.path.join('tmp', 'fidelity-work', f'aae-{args.dataset}-{args.seed}'))
os.makedirs(workdir, exist_ok=True)
os.chdir(workdir)
tee = harness.Tee(sys.stdout)
sys.stdout = tee
clock = harness.Clock()
harness.seed_all(args.seed)
notes = []
a = ad.AnnData(scipy.sparse.csr_matrix(x.astype(np.float32)))
a.obs['celltype'] = [str(v) for v in y]
a.obs_names = [str(i) for i in range(a.n_obs)]
a.write_h5ad('data.h5ad')
opts = argparse.Namespace(lr=0.001, n_z=16, n_heads=8, n_hvg=2500, training_epoch=args.training_epoch,
                          clustering_epoch=args.clustering_epoch, resolution=1.0, connectivity_methods='gauss',
                          n_neighbors=15, knn=False, name='data', celltype='known', max_num_cell=4000, cuda=False)
device = torch.device('cpu')
adata, rawData, dataset, adj, r_adj = utils.load_data('data', args=opts)
if adata.shape[0] >= opts.max_num_cell:
    sys.exit('above max_num_cell the original subsamples by true cell type (label leakage); not run here')
celltype = adata.obs['celltype'].tolist()
y = np.array([int(c) for c in celltype])
size_factor = adata.obs['size_factors'].values
Zscore_data = preprocessing.scale(dataset)
opts.n_input = dataset.shape[1]
init_model = AttentionAE(256, 64, 64, 256, n_input=opts.n_input, n_z=opts.n_z, heads=opts.n_heads, device=device)
out = train_mod.train(init_model, Zscore_data, rawData, adj, r_adj, size_factor, device, opts)
if isinstance(out, tuple):
    pretrain_model = out[0]
else:
    pretrain_model = out
    notes.append("train() took its early-stop path (the original main would crash unpacking it); continued")
t_pre = clock()
metric, pred_label, _, model, _ = train_mod.clustering(pretrain_model, Zscore_data, rawData, celltype, adj, r_adj,
                                                       size_factor, device, opts)
wall = clock()
text = tee.text()
import re  # noqa: E402
init = re.search(r'init: ASW= [-0-9.]+, ARI= (?P<ari>[-0-9.]+)', text)
stopped = re.search(r'delta_label', text) is not None
sys.stdout = tee.stream
harness.record('attentionae-sc', 'LiShenghao813/AttentionAE-sc', args.src, args, y, pred_label, wall,
               '; '.join(notes + ['K from Leiden at resolution 1 (the original), not from the labels']),
               {'genes': int(opts.n_input), 'cells': int(len(y)), 'training_epoch': opts.training_epoch,
                'clustering_epoch': opts.clustering_epoch, 'stopped_by_tol': stopped, 'pretrain_s': round(t_pre, 1),
                'init_leiden_ari': float(init.group('ari')) if init else None, 'asw': round(float(metric[0]), 4)})
