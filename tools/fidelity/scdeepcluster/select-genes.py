#!/usr/bin/python3
"""Write a shared .h5 dataset restricted to the genes that scDeepCluster_pytorch's `geneSelection` picks (the
original's `--select_genes N`), in the same layout (X cells × genes, Y, gene names and ids sliced alike), so that
ours runs on the very input the original's `--select-genes N` runs use:

    /usr/bin/python3 tools/fidelity/scdeepcluster/select-genes.py --src tmp/fidelity-src/ttgump+scDeepCluster_pytorch \
        --dataset mixology_celseq2_3cl --n 2000 --out tmp/mixology_celseq2_3cl_sel2000.h5
    npx scbench run --methods scdeepcluster,scdcc --datasets 'tmp/mixology_celseq2_3cl_sel2000.h5:valueType=raw counts' …
"""
import argparse
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'common'))
import harness  # noqa: E402

p = harness.base_args(__doc__)
p.add_argument('--n', type=int, default=2000)
p.add_argument('--out', required=True)
args = p.parse_args()
harness.setup(args.src)
import h5py  # noqa: E402
import numpy as np  # noqa: E402
from single_cell_tools import geneSelection  # noqa: E402  (the original's)

source = os.path.join(harness.DATA_ROOT, 'h5', args.dataset + '.h5')
if not os.path.exists(source):
    sys.exit(f'{source} not found: this writes subsets of the uniform .h5 datasets (X cells × genes, Y)')
with h5py.File(source, 'r') as f:
    x = np.array(f['X'])
    keep = np.flatnonzero(geneSelection(x.astype("float64"), n=args.n, plot=False))  # a boolean mask over the genes
    tmp = args.out + '.partial'
    with h5py.File(tmp, 'w') as g:
        for key in f.keys():
            data = np.array(f[key])
            if key == 'X':
                data = data[:, keep]
            elif data.ndim == 1 and data.shape[0] == x.shape[1]:
                data = data[keep]  # per-gene arrays (names, ids)
            g.create_dataset(key, data=data)
os.replace(tmp, args.out)
print(f'{args.out}: {x.shape[0]} cells × {len(keep)} of {x.shape[1]} genes (geneSelection n={args.n})')
