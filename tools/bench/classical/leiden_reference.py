"""leidenalg on the graph scbench's Leiden baseline built (called by leiden-reference.ts; not run on its own).

Reads DIR/graph.json (CSR of the symmetric UMAP connectivities, the resolutions scbench used, scbench's partitions
and the true labels) and, for each resolution, runs leidenalg's RB-configuration Leiden (n_iterations=-1, as
scanpy's tl.leiden) over several seeds. Prints one JSON line per resolution: cluster counts, the modularity of every
partition with the same resolution, computed here from the CSR by one formula for both sides (igraph 0.10.2's
Graph.modularity ignores its `resolution` argument, so it is not used), the ARI between scbench's partition and each
leidenalg one, and each side's ARI against the labels.

Needs Debian's python3-leidenalg and python3-sklearn (apt-get install python3-leidenalg python3-sklearn).
"""
import json
import sys

import igraph as ig
import leidenalg
import numpy as np
from sklearn.metrics import adjusted_rand_score

d = json.load(open(sys.argv[1] + '/graph.json'))
n = d['n']
indptr, indices, data = d['indptr'], d['indices'], d['data']
edges, weights = [], []
for i in range(n):
    for p in range(indptr[i], indptr[i + 1]):
        j = indices[p]
        if j > i:  # the matrix is symmetric: one undirected edge per pair; no self-loops in UMAP connectivities
            edges.append((i, j))
            weights.append(data[p])
        elif j == i:
            raise SystemExit('leiden_reference.py: the graph has a self-loop; igraph counts those twice in the degree')
g = ig.Graph(n=n, edges=edges, directed=False)
g.es['weight'] = weights
truth = np.array(d['truth'])
rows = np.repeat(np.arange(n), np.diff(indptr))
cols, vals = np.array(indices), np.array(data, dtype=np.float64)
strength = np.bincount(rows, weights=vals, minlength=n)
two_m = strength.sum()


def modularity(m, gamma):
    """Q = Σ_c [in_c / 2m − γ (K_c / 2m)²], in_c the weight inside c counted from both ends, K_c its total degree."""
    inside = np.bincount(m[rows], weights=vals * (m[rows] == m[cols]), minlength=m.max() + 1)
    k = np.bincount(m, weights=strength, minlength=m.max() + 1)
    return float(inside.sum() / two_m - gamma * ((k / two_m) ** 2).sum())


seeds = d['seeds']
for run in d['runs']:
    gamma = run['resolution']
    ours = np.array(run['labels'])
    ref = []
    for s in seeds:
        part = leidenalg.find_partition(g, leidenalg.RBConfigurationVertexPartition, weights='weight',
                                        resolution_parameter=gamma, n_iterations=-1, seed=s)
        ref.append(np.array(part.membership))
    q = lambda m: modularity(m, gamma)
    print(json.dumps({
        'resolution': gamma,
        'ours': {'clusters': int(ours.max() + 1), 'modularity': q(ours), 'ari_truth': adjusted_rand_score(truth, ours),
                 'modularity_scbench': run['quality']},
        'leidenalg': [{'seed': s, 'clusters': int(m.max() + 1), 'modularity': q(m),
                       'ari_truth': adjusted_rand_score(truth, m), 'ari_vs_ours': adjusted_rand_score(ours, m)}
                      for s, m in zip(seeds, ref)],
        'leidenalg_pairwise_ari': [adjusted_rand_score(ref[a], ref[b]) for a in range(len(ref)) for b in range(a + 1, len(ref))],
    }))
print(json.dumps({'versions': {'leidenalg': leidenalg.version, 'igraph': ig.__version__}}))
