"""scanpy.pp.neighbors for method='gauss' (scanpy 1.9: dense distances when knn=False, Haghverdi et al.'s
Gaussian kernel with sigma_i^2 = (distance to the n_neighbors-th point)^2 / 4 when knn=False, weights below
1e-14 set to 0). Other methods are not needed by the originals run here."""
import numpy as np
import scipy.sparse as sp_sparse


def _indices_distances_dense(D, n_neighbors):
    rows = np.arange(D.shape[0])[:, None]
    idx = np.argpartition(D, n_neighbors - 1, axis=1)[:, :n_neighbors]
    idx = idx[rows, np.argsort(D[rows, idx])]
    return idx, D[rows, idx]


def _gauss(distances, n_neighbors, knn):
    Dsq = np.power(distances, 2)
    indices, dsq = _indices_distances_dense(Dsq, n_neighbors)
    indices, dsq = indices[:, 1:], dsq[:, 1:]  # the 0th neighbour is the point itself
    sigmas_sq = np.median(dsq, axis=1) if knn else dsq[:, -1] / 4
    sigmas = np.sqrt(sigmas_sq)
    num = 2 * np.multiply.outer(sigmas, sigmas)
    den = np.add.outer(sigmas_sq, sigmas_sq)
    W = np.sqrt(num / den) * np.exp(-Dsq / den)
    if not knn:
        W[~(W > 1e-14)] = 0
    else:
        mask = np.zeros(Dsq.shape, dtype=bool)
        for i, row in enumerate(indices):
            mask[i, row] = True
            for j in row:
                if i not in set(indices[j]):
                    W[j, i] = W[i, j]
                    mask[j, i] = True
        W[~mask] = 0
    return W


def neighbors(adata, n_neighbors=15, n_pcs=None, use_rep=None, knn=True, method='umap', metric='euclidean',
              random_state=0, key_added=None):
    if method != 'gauss':
        raise NotImplementedError("shim: pp.neighbors only for method='gauss'")
    if use_rep not in (None, 'X') or (use_rep is None and n_pcs not in (0,) and adata.n_vars > 50):
        raise NotImplementedError('shim: pp.neighbors on X only (n_pcs=0 or use_rep="X")')
    from sklearn.metrics import pairwise_distances
    X = adata.X.toarray() if sp_sparse.issparse(adata.X) else np.asarray(adata.X)
    D = pairwise_distances(X, metric=metric)
    if knn:
        idx, dist = _indices_distances_dense(D, n_neighbors)
        rows = np.repeat(np.arange(D.shape[0]), n_neighbors)
        Dk = sp_sparse.csr_matrix((dist.ravel(), (rows, idx.ravel())), shape=D.shape)
        Dk.eliminate_zeros()
        W = _gauss(D, n_neighbors, knn=True)
        adata.obsp['distances'] = Dk
    else:
        W = _gauss(D, n_neighbors, knn=False)
        adata.obsp['distances'] = D
    # knn=False keeps the dense kernel (AttentionAE-sc's train() then takes its dense branch for both matrices)
    adata.obsp['connectivities'] = sp_sparse.csr_matrix(W) if knn else W
    adata.uns['neighbors'] = {'connectivities_key': 'connectivities', 'distances_key': 'distances',
                              'params': {'n_neighbors': n_neighbors, 'method': method, 'metric': metric}}
