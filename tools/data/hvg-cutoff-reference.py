#!/usr/bin/python3
"""Reference values for Seurat-flavour highly variable genes selected by cut-offs (no n_top_genes), computed with
numpy + pandas along scanpy's highly_variable_genes(flavor='seurat', min_mean=, max_mean=, min_disp=) code path:
the same means / dispersions / pandas.cut binning / single-gene-bin rule as hvg-reference.py, then NaN normalized
dispersions set to 0 and the four strict comparisons. scanpy itself is not packaged for Debian; pandas is.

    /usr/bin/python3 tools/data/hvg-cutoff-reference.py

Output: packages/datasets/src/preprocess/hvg-cutoff.reference.json
"""
import json
import os

import numpy as np
import pandas as pd

rng = np.random.default_rng(5)
n_cells, n_genes, n_bins = 80, 200, 20
min_mean, max_mean, min_disp = 0.0125, 3.0, 0.5
mu = rng.gamma(0.4, 0.5, size=n_genes)
counts = rng.negative_binomial(1.5, 1.5 / (1.5 + mu[None, :] * rng.lognormal(0, 0.5, size=(n_cells, 1)))).astype(np.float32)
counts[:, :2] = 0          # all-zero genes: dispersion NaN
# normalize_per_cell (to the median total, as DCA-style preprocessing does) + log1p, in float32
totals = counts.sum(1, keepdims=True)
logx = np.log1p(counts / np.where(totals > 0, totals, 1) * np.median(totals[totals > 0])).astype(np.float32)

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
stats = df.groupby('mean_bin', observed=False)['dispersions'].agg(avg='mean', dev='std')
one = stats['dev'].isnull()
stats.loc[one, 'dev'] = stats.loc[one, 'avg']
stats.loc[one, 'avg'] = 0
s = stats.loc[df['mean_bin']].set_index(df.index)
norm = ((df['dispersions'] - s['avg']) / s['dev']).to_numpy()
cut_norm = np.nan_to_num(norm, nan=0.0)
hv = (mean > min_mean) & (mean < max_mean) & (cut_norm > min_disp) & (cut_norm < np.inf)

ref = {
    'cells': n_cells, 'genes': n_genes, 'nBins': n_bins, 'minMean': min_mean, 'maxMean': max_mean, 'minDisp': min_disp,
    'logData': [float(v) for v in logx.ravel()],
    'selected': [int(i) for i in np.flatnonzero(hv)],
}
out = os.path.join(os.path.dirname(__file__), '..', '..', 'packages', 'datasets', 'src', 'preprocess', 'hvg-cutoff.reference.json')
with open(out, 'w') as f:
    json.dump(ref, f)
print('wrote', out, 'selected', int(hv.sum()), 'of', n_genes)
