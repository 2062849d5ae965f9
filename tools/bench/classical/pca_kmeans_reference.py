"""scikit-learn's PCA + KMeans on the matrix scbench's pca-kmeans clusters (called by pca-kmeans-reference.ts).

Reads DIR/x.f32 (cells × genes, the scanpy-recipe matrix: normalize_total → log1p → 2000 Seurat HVGs → scale(10)),
DIR/meta.json (shape, k, seeds, scbench's labels and inertia per seed, the true labels). Runs PCA(50, full SVD) and
KMeans(k, n_init=20, k-means++) per seed and prints one JSON line per seed: the inertia of scikit-learn's partition and
of scbench's partition, both in scikit-learn's PCA space (so one objective on one space), and the ARI against the
labels and against scbench's partition of the same seed. Also the total sum of squares of both sides' PCA scores (how
much variance each PCA keeps). Needs Debian's python3-sklearn.
"""
import json
import sys

import numpy as np
import sklearn
from sklearn.cluster import KMeans
from sklearn.decomposition import PCA
from sklearn.metrics import adjusted_rand_score

d = json.load(open(sys.argv[1] + '/meta.json'))
x = np.fromfile(sys.argv[1] + '/x.f32', dtype=np.float32).reshape(d['rows'], d['cols'])
scores = PCA(n_components=d['pcs'], svd_solver='full').fit_transform(x.astype(np.float64))
truth = np.array(d['truth'])


def inertia(labels):
    """Σ‖x_i − mean of i's cluster‖² in scikit-learn's PCA space."""
    return float(sum(((scores[labels == c] - scores[labels == c].mean(0)) ** 2).sum() for c in np.unique(labels)))


print(json.dumps({'scores_sum_squares': float((scores ** 2).sum()), 'scbench_scores_sum_squares': d['scoresSumSquares']}))
for run in d['runs']:
    km = KMeans(n_clusters=d['k'], n_init=20, random_state=run['seed']).fit(scores)
    ours = np.array(run['labels'])
    print(json.dumps({'seed': run['seed'], 'inertia': float(km.inertia_), 'inertia_of_ours': inertia(ours), 'ari_truth': adjusted_rand_score(truth, km.labels_),
                      'ari_vs_ours': adjusted_rand_score(ours, km.labels_)}))
print(json.dumps({'versions': {'sklearn': sklearn.__version__, 'numpy': np.__version__}}))
