#!/usr/bin/python3
"""Compare our scDSC and AttentionAE-sc inputs (written by dump.ts) with what the original code computes.

scDSC: scanpy_filter.py's steps (MTAB lines 21-56, through the scanpy shim, as tools/fidelity/scdsc/run.py runs them)
and calcu_graph_mtab.py's construct_graph(method 'p', top 10), executed from the snapshot. AttentionAE-sc: its own
utils.load_data (filter, normalize_per_cell 1e4, size factors, log1p, 2500 HVG, gauss graph) and sklearn's scale.
With --log-input expm1 the originals are handed expm1 of the stored values, as ours then reads them.
Prints the largest absolute difference of each array and the number of graph edges that differ; exits 1 on a
shape or edge mismatch.

    npx tsx tools/fidelity/inputs/dump.ts --dataset chetah_headneck --out tmp/fidelity-inputs
    /usr/bin/python3 tools/fidelity/inputs/compare.py --scdsc-src tmp/fidelity-src/DHUDBlab+scDSC \
        --aae-src tmp/fidelity-src/LiShenghao813+AttentionAE-sc --dataset chetah_headneck --dir tmp/fidelity-inputs
"""
import argparse
import json
import os
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'common'))
import harness  # noqa: E402

p = argparse.ArgumentParser(description=__doc__)
p.add_argument('--scdsc-src', required=True)
p.add_argument('--aae-src', required=True)
p.add_argument('--dataset', default='chetah_headneck')
p.add_argument('--dir', default='tmp/fidelity-inputs', help="dump.ts's --out")
p.add_argument('--log-input', default='as-given', choices=['as-given', 'expm1'])
args = p.parse_args()
ours_dir = os.path.abspath(args.dir)
meta = json.load(open(os.path.join(ours_dir, 'meta.json')))
if meta['dataset'] != args.dataset or meta['logInput'] != args.log_input:
    sys.exit(f"{ours_dir} holds {meta['dataset']} / {meta['logInput']}; rerun dump.ts with this --dataset and --log-input")

harness.setup(args.aae_src)  # shims on the path, torch on one thread
import numpy as np  # noqa: E402
import scipy.sparse  # noqa: E402
import scanpy as sc  # noqa: E402  (the shim)

x, _ = harness.load_h5(args.dataset)
if args.log_input == 'expm1':
    x = np.expm1(x)
ok = True


def ours(sub, name, shape):
    return np.fromfile(os.path.join(ours_dir, sub, name), dtype=np.float32).reshape(shape)


def report(what, a, b):
    global ok
    if a.shape != b.shape:
        print(f'{what}: shapes differ, original {a.shape} vs ours {b.shape}')
        ok = False
        return
    print(f'{what}: max |original - ours| = {np.abs(np.asarray(a, dtype=np.float64) - b).max():.3g}')


# scDSC
adata = sc.AnnData(x.astype(np.float32))
sc.pp.filter_cells(adata, min_genes=200)
if adata.n_obs != x.shape[0]:
    print(f'scdsc: filter_cells(min_genes=200) keeps {adata.n_obs} of {x.shape[0]} cells; ours keeps all: not compared')
    ok = False
else:
    sc.pp.filter_genes(adata, min_cells=3)
    sc.pp.normalize_total(adata, target_sum=1e4)
    sc.pp.log1p(adata)
    sc.pp.highly_variable_genes(adata, min_mean=0.0125, max_mean=3, min_disp=0.5)
    feats = np.asarray(adata[:, adata.var.highly_variable].X, dtype=np.float64)
    n, g = meta['scdsc']
    report(f'scdsc features ({feats.shape[1]} genes)', feats, ours('scdsc', 'x.f32', (n, g)))
    src = open(os.path.join(args.scdsc_src, 'MTAB', 'calcu_graph_mtab.py')).read()
    env = {'__name__': 'graph'}
    exec(compile(src[:src.index('# File = [Pre-training file,]')], 'calcu_graph_mtab.py', 'exec'), env)
    with tempfile.TemporaryDirectory() as tmp:
        os.makedirs(os.path.join(tmp, 'graph'))
        here = os.getcwd()
        os.chdir(tmp)
        env['construct_graph'](feats.copy(), np.zeros(len(feats), dtype=int), 'p')
        orig_edges = np.loadtxt('graph/mtab_ncos_graph.txt', dtype=int)
        os.chdir(here)
    our_edges = np.loadtxt(os.path.join(ours_dir, 'scdsc', 'graph.txt'), dtype=int)
    so, su = set(map(tuple, orig_edges)), set(map(tuple, our_edges))
    print(f'scdsc graph: {len(so)} directed edges in the original, {len(su)} ours, {len(so ^ su)} differ')
    ok = ok and so == su

# AttentionAE-sc
sys.path.insert(0, os.path.abspath(args.aae_src))
import anndata as ad  # noqa: E402
from sklearn import preprocessing  # noqa: E402

np.num_to_num = np.nan_to_num  # utils.load_data's typo for np.nan_to_num
import utils  # noqa: E402  (the original's)

with tempfile.TemporaryDirectory() as tmp:
    a = ad.AnnData(scipy.sparse.csr_matrix(x.astype(np.float32)))
    a.obs_names = [str(i) for i in range(a.n_obs)]
    a.write_h5ad(os.path.join(tmp, 'data.h5ad'))
    opts = argparse.Namespace(n_hvg=2500, connectivity_methods='gauss', n_neighbors=15, knn=False)
    adata, raw, data, adj, r_adj = utils.load_data(os.path.join(tmp, 'data'), args=opts)
dense = lambda m: np.asarray(m.todense()) if scipy.sparse.issparse(m) else np.asarray(m)  # noqa: E731
n, g = meta['attentionae']
if adata.n_obs != n:
    print(f'attentionae-sc: load_data keeps {adata.n_obs} of {n} cells; not compared')
    ok = False
else:
    report(f'attentionae-sc log HVG data ({data.shape[1]} genes)', dense(data), ours('attentionae-sc', 'logx.f32', (n, g)))
    report('attentionae-sc counts', dense(raw), ours('attentionae-sc', 'counts.f32', (n, g)))
    report('attentionae-sc size factors', adata.obs['size_factors'].values, ours('attentionae-sc', 'sf.f32', (n,)))
    report('attentionae-sc network input (sklearn scale)', preprocessing.scale(dense(data)), ours('attentionae-sc', 'zscore.f32', (n, g)))
    report('attentionae-sc connectivities', dense(adj), ours('attentionae-sc', 'conn.f32', (n, n)))
    report('attentionae-sc distances', dense(r_adj), ours('attentionae-sc', 'dist.f32', (n, n)))
sys.exit(0 if ok else 1)
