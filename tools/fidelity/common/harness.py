"""Shared plumbing of the fidelity drivers: environment shims, data loading, seeding, scoring, the result record.

A driver calls `setup(src)` first: it puts the scanpy/pylab shims and the original's snapshot on sys.path,
pins torch to one thread and makes `.cuda()` a no-op (the originals call it unconditionally).
"""
import argparse
import io
import json
import os
import random
import re
import resource
import subprocess
import sys
import time

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
FIDELITY = os.path.dirname(HERE)
RESULTS = os.path.join(FIDELITY, 'results.jsonl')
DATA_ROOT = os.environ.get('SCBENCH_DATASETS', '/work/shared/datasets')


def base_args(description):
    p = argparse.ArgumentParser(description=description)
    p.add_argument('--src', default=os.environ.get('FIDELITY_SRC'), help="the original's snapshot (a folder)")
    p.add_argument('--dataset', required=True, help='shared dataset id (h5/<id>.h5 or h5-counts-only/<id>.h5)')
    p.add_argument('--seed', type=int, default=0)
    p.add_argument('--no-record', action='store_true', help='do not append to results.jsonl')
    return p


def setup(src):
    if not src or not os.path.isdir(src):
        sys.exit('--src (or FIDELITY_SRC) must name the extracted snapshot of the original; see extract-original.sh')
    global SRC
    SRC = os.path.abspath(src)
    sys.path.insert(0, SRC)
    sys.path.insert(0, os.path.join(HERE, 'shims'))
    import torch
    torch.set_num_threads(THREADS)
    torch.Tensor.cuda = lambda self, *a, **k: self
    torch.nn.Module.cuda = lambda self, *a, **k: self
    # sklearn.utils.linear_assignment_ (removed in scikit-learn 0.23) for the originals' cluster_acc
    import types
    from scipy.optimize import linear_sum_assignment
    la = types.ModuleType('sklearn.utils.linear_assignment_')
    la.linear_assignment = lambda cost: np.stack(linear_sum_assignment(cost), axis=1)
    sys.modules['sklearn.utils.linear_assignment_'] = la
    # numpy 1.24 removed the np.int / np.float aliases that the originals still use
    np.int, np.float, np.bool = int, float, bool
    return torch


SRC = None
# One thread for the fidelity runs (several ran side by side); the speed benchmark gives the original the cores ours uses.
THREADS = int(os.environ.get('FIDELITY_THREADS', '1'))


def commit_of(src):
    path = os.path.join(SRC or src, 'COMMIT')
    return open(path).read().strip() if os.path.exists(path) else 'unknown'


def load_h5(dataset):
    import h5py
    for sub, one_based in (('h5', False), ('h5-counts-only', True)):
        path = os.path.join(DATA_ROOT, sub, dataset + '.h5')
        if os.path.exists(path):
            with h5py.File(path, 'r') as f:
                x = np.array(f['X']).astype('float64')
                y = np.array(f['Y']).astype(np.int64)
            if one_based:
                y = y - 1
            return x, y
    sys.exit(f'dataset {dataset!r} not found under {DATA_ROOT}/h5 or h5-counts-only')


def seed_all(seed):
    import torch
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)


def cluster_acc(y, pred):
    from scipy.optimize import linear_sum_assignment
    y = np.asarray(y, np.int64)
    pred = np.asarray(pred, np.int64)
    d = max(pred.max(), y.max()) + 1
    w = np.zeros((d, d), dtype=np.int64)
    np.add.at(w, (pred, y), 1)
    r, c = linear_sum_assignment(w.max() - w)
    return w[r, c].sum() / pred.size


def scores(y, pred):
    from sklearn import metrics
    pred = np.unique(np.asarray(pred), return_inverse=True)[1]
    return {'acc': round(float(cluster_acc(y, pred)), 4),
            'nmi': round(float(metrics.normalized_mutual_info_score(y, pred)), 4),
            'ari': round(float(metrics.adjusted_rand_score(y, pred)), 4),
            'k_found': int(pred.max() + 1)}


class Tee(io.TextIOBase):
    """Copies stdout to the log and keeps it, so the original's own per-epoch prints can be parsed."""

    def __init__(self, stream):
        self.stream, self.parts = stream, []

    def write(self, s):
        self.parts.append(s)
        return self.stream.write(s)

    def flush(self):
        self.stream.flush()

    def text(self):
        return ''.join(self.parts)


def best_printed(text, pattern, key='ari'):
    """Max of a metric over the original's own per-epoch prints (label-picked: the paper protocol)."""
    vals = [float(m.group(key)) for m in re.finditer(pattern, text)]
    return (max(vals), len(vals)) if vals else (None, 0)


def peak_rss_mb():
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def record(method, repo, src, args, y, pred, wall, notes, extra=None):
    row = {'method': method, 'repo': repo, 'commit': commit_of(src), 'dataset': args.dataset, 'seed': args.seed,
           **scores(y, pred), 'wall_s': round(wall, 1), 'peak_rss_mb': peak_rss_mb(),
           'torch_threads': THREADS, 'date': time.strftime('%Y-%m-%d'), 'notes': notes}
    if extra:
        row.update(extra)
    line = json.dumps(row)
    print('FIDELITY ' + line, flush=True)
    if not args.no_record:
        with open(RESULTS, 'a') as f:
            f.write(line + '\n')
    return row


class Clock:
    def __init__(self):
        self.t0 = time.time()

    def __call__(self):
        return time.time() - self.t0
