"""scanpy.tl subset: leiden / louvain on the stored connectivities (python3-igraph, python3-leidenalg)."""
import numpy as np
import pandas as pd


def _graph(adata, directed):
    # scanpy._utils.get_igraph_from_adjacency: one edge per non-zero entry (both directions), weights attached
    import igraph as ig
    import scipy.sparse as sp_sparse
    A = sp_sparse.csr_matrix(adata.obsp['connectivities'])
    src, dst = A.nonzero()
    g = ig.Graph(directed=directed)
    g.add_vertices(A.shape[0])
    g.add_edges(list(zip(src.tolist(), dst.tolist())))
    g.es['weight'] = np.asarray(A[src, dst]).ravel().tolist()
    return g


def leiden(adata, resolution=1, random_state=0, key_added='leiden', directed=True, n_iterations=-1,
           use_weights=True, **kw):
    import leidenalg
    g = _graph(adata, directed)
    part = leidenalg.find_partition(g, leidenalg.RBConfigurationVertexPartition,
                                    weights='weight' if use_weights else None, n_iterations=n_iterations,
                                    seed=random_state, resolution_parameter=resolution)
    groups = np.array(part.membership)
    adata.obs[key_added] = pd.Categorical(values=groups.astype('U'),
                                          categories=sorted(map(str, np.unique(groups)), key=int))


def louvain(adata, resolution=None, random_state=0, key_added='louvain', directed=True, use_weights=False, **kw):
    import louvain as lv
    g = _graph(adata, directed)
    lv.set_rng_seed(random_state)
    part = lv.find_partition(g, lv.RBConfigurationVertexPartition, resolution_parameter=resolution or 1)
    groups = np.array(part.membership)
    adata.obs[key_added] = pd.Categorical(values=groups.astype('U'),
                                          categories=sorted(map(str, np.unique(groups)), key=int))
