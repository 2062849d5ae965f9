#!/usr/bin/python3
"""leidenalg (scanpy.tl.leiden's RBConfiguration, directed, weighted, n_iterations -1) on the connectivities that
`tools/fidelity/attentionae-sc/run.py --dump-leiden DIR` wrote, for several seeds: the clusters found per seed.
Its partner `leiden-on-z.ts` runs ours on the same z, so the two Leiden implementations are compared on one graph.

    /usr/bin/python3 tools/fidelity/inputs/leiden-on-z.py --dir tmp/leiden-wang-0 [--seeds 10]
"""
import argparse
import json
import os
import sys

import numpy as np
import scipy.sparse as sp_sparse
from sklearn.metrics import adjusted_rand_score

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'common', 'shims'))
import scanpy  # noqa: E402  (the shim: scanpy.tl.leiden's call of leidenalg)

p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
p.add_argument('--dir', required=True)
p.add_argument('--seeds', type=int, default=10)
args = p.parse_args()
for f in ('leiden.json', 'conn.f32'):
    if not os.path.exists(os.path.join(args.dir, f)):
        sys.exit(f'{os.path.join(args.dir, f)} not found; write the folder with '
                 f'tools/fidelity/attentionae-sc/run.py --dump-leiden {args.dir}')
meta = json.load(open(os.path.join(args.dir, 'leiden.json')))
n = meta['rows']
conn = np.fromfile(os.path.join(args.dir, 'conn.f32'), dtype=np.float32).reshape(n, n)
a = scanpy.AnnData(np.zeros((n, 1), dtype=np.float32))
a.obsp['connectivities'] = sp_sparse.csr_matrix(conn)
ks, agreement = [], []
for seed in range(args.seeds):
    scanpy.tl.leiden(a, resolution=meta['resolution'], random_state=seed)
    labels = a.obs['leiden'].astype(int).to_numpy()
    ks.append(int(labels.max()) + 1)
    agreement.append(adjusted_rand_score(meta['labels'], labels))
print(f"leidenalg on the original's graph ({n} cells, resolution {meta['resolution']}): clusters per seed 0–{args.seeds - 1} {ks}, "
      f"mean {np.mean(ks):.2f}; the original's run found {max(meta['labels']) + 1}; ARI with its labels, mean over seeds "
      f"{np.mean(agreement):.3f}")
