#!/usr/bin/python3
"""The labelled cells and pairwise constraints the original scDCC run draws for a seed, written as JSON.

Replays tools/fidelity/scdcc/run.py up to its constraints: the same h5 (harness.load_h5), `harness.seed_all(seed)`,
the 10 % of cells from numpy's shuffle (scDCC_pairwise.py:80-82) and `generate_random_pair` from the original's
utils.py (ttgump/scDCC @ 142e4e0, error rate 0). Nothing between the seeding and the draw uses a random stream, so
these are the cells and pairs of the fidelity rows (tools/fidelity/results.jsonl) of that seed.

    /usr/bin/python3 tools/bench/baselines/scdcc_original_pairs.py --src tmp/fidelity-src/ttgump+scDCC \
        --dataset wang_pancreas --seed 0 --out tmp/scdcc-pairs-0.json
"""
import argparse
import json
import os
import sys

import numpy as np

p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
p.add_argument('--src', required=True, help='snapshot of ttgump/scDCC (tools/fidelity/extract-original.sh)')
p.add_argument('--dataset', default='wang_pancreas')
p.add_argument('--seed', type=int, default=0)
p.add_argument('--n-pairwise', type=int, default=1000)
p.add_argument('--out', required=True)
args = p.parse_args()
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'fidelity', 'common'))
sys.path.insert(1, os.path.abspath(args.src))
import harness  # noqa: E402
from utils import generate_random_pair  # noqa: E402  (the original's)

x, y = harness.load_h5(args.dataset)
harness.seed_all(args.seed)
indx = np.arange(len(y))
np.random.shuffle(indx)
labelled = indx[0:int(np.ceil(0.1 * len(y)))]
ml1, ml2, cl1, cl2, _ = generate_random_pair(y, labelled, args.n_pairwise, 0)
with open(args.out, 'w') as f:
    json.dump({'dataset': args.dataset, 'seed': args.seed, 'y': y.tolist(), 'labelled': sorted(int(i) for i in labelled),
               'ml1': ml1.tolist(), 'ml2': ml2.tolist(), 'cl1': cl1.tolist(), 'cl2': cl2.tolist()}, f)
print(f'{len(labelled)} labelled cells, {len(ml1)} must-links, {len(cl1)} cannot-links → {args.out}')
