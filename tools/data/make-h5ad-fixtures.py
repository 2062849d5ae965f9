#!/usr/bin/python3
"""Write small .h5ad files with the real anndata (Debian python3-anndata 0.8.0) so that the TypeScript reader is
tested against the library's own modern on-disk layout, not only against fixtures we wrote ourselves.

    /usr/bin/python3 tools/data/make-h5ad-fixtures.py

Output: packages/datasets/src/fixtures/anndata08_{dense,csr}.h5ad (a few kB each) + expected.json.
"""
import json
import os

import anndata as ad
import numpy as np
import pandas as pd
import scipy.sparse as sp

out = os.path.join(os.path.dirname(__file__), '..', '..', 'packages', 'datasets', 'src', 'fixtures')
os.makedirs(out, exist_ok=True)

rng = np.random.default_rng(7)
n_cells, n_genes = 12, 9
counts = rng.negative_binomial(2, 0.4, size=(n_cells, n_genes)).astype(np.float32)
counts[:, 4] = 0  # an all-zero gene
cell_types = np.array(['T', 'B', 'NK'])[rng.integers(0, 3, n_cells)]
obs = pd.DataFrame(
    {
        'cell_type': pd.Categorical(cell_types, categories=['B', 'NK', 'T', 'unused']),
        'batch': np.array(['b1', 'b2'])[np.arange(n_cells) % 2],  # plain strings
        'n_counts': counts.sum(1),
    },
    index=[f'cell{i}' for i in range(n_cells)],
)
var = pd.DataFrame({'symbol': [f'SYM{j}' for j in range(n_genes)]}, index=[f'ENSG{j:05d}' for j in range(n_genes)])

expected = {'counts': counts.tolist(), 'cells': list(obs.index), 'genes': list(var.index), 'symbols': list(var.symbol),
            'cell_type': list(cell_types), 'batch': list(obs.batch)}

for kind in ('dense', 'csr'):
    X = counts.copy() if kind == 'dense' else sp.csr_matrix(counts)
    a = ad.AnnData(X=X, obs=obs.copy(), var=var.copy())
    a.layers['counts'] = sp.csr_matrix(counts)
    a.raw = a  # raw/X and raw/var, as after scanpy's `adata.raw = adata`
    # make X scaled (negative values) in the dense file so the raw-preference rule is exercised
    if kind == 'dense':
        a.X = (counts - counts.mean(0)) / (counts.std(0) + 1)
    a.write_h5ad(os.path.join(out, f'anndata08_{kind}.h5ad'))

with open(os.path.join(out, 'anndata08.expected.json'), 'w') as f:
    json.dump(expected, f, indent=1)
print('wrote', out)
