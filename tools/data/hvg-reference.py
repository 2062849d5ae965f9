#!/usr/bin/python3
"""Reference values for Seurat-flavour highly variable genes, computed with numpy + pandas along the exact code
path of scanpy's highly_variable_genes(flavor='seurat', n_top_genes=...) (pandas.cut binning, groupby mean/std,
the single-gene-bin rule, the n-th-highest cutoff). scanpy itself is not packaged for Debian; pandas is.

    /usr/bin/python3 tools/data/hvg-reference.py

Output: packages/datasets/src/preprocess/hvg.reference.json
"""
import json
import os

import numpy as np
import pandas as pd

rng = np.random.default_rng(11)
n_cells, n_genes, n_top, n_bins = 50, 120, 30, 20
mu = rng.gamma(0.5, 4.0, size=n_genes)
counts = rng.negative_binomial(2, 2 / (2 + mu[None, :] * rng.lognormal(0, 0.4, size=(n_cells, 1)))).astype(np.float32)
counts[:, :3] = 0          # all-zero genes: dispersion NaN
counts[:, 3] = 5           # constant gene: variance 0 → dispersion NaN
# normalize_total(1e4) + log1p in float32, as scanpy does on a float32 X
totals = counts.sum(1, keepdims=True)
logx = np.log1p(counts / np.where(totals > 0, totals, 1) * 1e4).astype(np.float32)

X = np.expm1(logx.astype(np.float64))
mean = X.mean(0)
var = X.var(0, ddof=1)
mean[mean == 0] = 1e-12
disp = var / mean
disp[disp == 0] = np.nan
disp = np.log(disp)
mean = np.log1p(mean)
df = pd.DataFrame({'means': mean, 'dispersions': disp})
df['mean_bin'] = pd.cut(df['means'], bins=n_bins)
stats = df.groupby('mean_bin')['dispersions'].agg(avg='mean', dev='std')
one = stats['dev'].isnull()
stats.loc[one, 'dev'] = stats.loc[one, 'avg']
stats.loc[one, 'avg'] = 0
s = stats.loc[df['mean_bin']].set_index(df.index)
norm = ((df['dispersions'] - s['avg']) / s['dev']).to_numpy()
x = norm[~np.isnan(norm)]
x[::-1].sort()
cut = x[min(n_top, x.size) - 1]
hv = np.nan_to_num(norm, nan=-np.inf) >= cut

nan_to_none = lambda a: [None if np.isnan(v) else float(v) for v in a]
ref = {
    'nTop': n_top, 'nBins': n_bins, 'cells': n_cells, 'genes': n_genes,
    'logData': [float(v) for v in logx.ravel()],
    'means': nan_to_none(mean), 'dispersions': nan_to_none(disp), 'dispersionsNorm': nan_to_none(norm),
    'binCodes': [int(c) for c in df['mean_bin'].cat.codes], 'selected': [int(i) for i in np.flatnonzero(hv)],
    'cutoff': float(cut),
}
out = os.path.join(os.path.dirname(__file__), '..', '..', 'packages', 'datasets', 'src', 'preprocess', 'hvg.reference.json')
with open(out, 'w') as f:
    json.dump(ref, f)
print('wrote', out, 'selected', hv.sum())
