"""scanpy.pp subset: filter_genes, filter_cells, normalize_per_cell, normalize_total, log1p, scale,
highly_variable_genes (flavor 'seurat'), neighbors (methods 'umap' and 'gauss')."""
import numpy as np
import pandas as pd
import scipy.sparse as sp_sparse


def _dense(X):
    return X.toarray() if sp_sparse.issparse(X) else X


def _mean_var(X):
    # scanpy.preprocessing._utils._get_mean_var: E[x], E[x^2]-E[x]^2, then ddof=1 correction
    X = _dense(X)
    mean = np.mean(X, axis=0, dtype=np.float64)
    mean_sq = np.multiply(X, X).mean(axis=0, dtype=np.float64)
    var = mean_sq - mean ** 2
    var *= X.shape[0] / (X.shape[0] - 1)
    return mean, var


def filter_genes(adata, min_counts=None, min_cells=None, max_counts=None, max_cells=None, inplace=True):
    X = _dense(adata.X)
    if min_counts is not None or max_counts is not None:
        number = np.asarray(X.sum(axis=0)).ravel()
        keep = np.ones(X.shape[1], bool)
        if min_counts is not None:
            keep &= number >= min_counts
        if max_counts is not None:
            keep &= number <= max_counts
        adata.var['n_counts'] = number
    else:
        number = np.asarray((X > 0).sum(axis=0)).ravel()
        keep = np.ones(X.shape[1], bool)
        if min_cells is not None:
            keep &= number >= min_cells
        if max_cells is not None:
            keep &= number <= max_cells
        adata.var['n_cells'] = number
    adata._inplace_subset_var(keep)


def filter_cells(adata, min_counts=None, min_genes=None, max_counts=None, max_genes=None, inplace=True):
    X = _dense(adata.X)
    if min_counts is not None or max_counts is not None:
        number = np.asarray(X.sum(axis=1)).ravel()
        keep = np.ones(X.shape[0], bool)
        if min_counts is not None:
            keep &= number >= min_counts
        if max_counts is not None:
            keep &= number <= max_counts
        adata.obs['n_counts'] = number
    else:
        number = np.asarray((X > 0).sum(axis=1)).ravel()
        keep = np.ones(X.shape[0], bool)
        if min_genes is not None:
            keep &= number >= min_genes
        if max_genes is not None:
            keep &= number <= max_genes
        adata.obs['n_genes'] = number
    adata._inplace_subset_obs(keep)


def normalize_per_cell(adata, counts_per_cell_after=None, counts_per_cell=None, key_n_counts='n_counts',
                       copy=False, layers=(), use_rep=None, min_counts=1):
    X = _dense(adata.X)
    counts = np.asarray(X.sum(axis=1)).ravel()
    adata.obs[key_n_counts] = counts
    keep = counts >= min_counts
    if not keep.all():
        adata._inplace_subset_obs(keep)
        X = _dense(adata.X)
        counts = counts[keep]
    counts = counts.copy()
    if counts_per_cell_after is None:
        counts_per_cell_after = np.median(counts)
    counts += counts == 0
    counts = counts / counts_per_cell_after
    adata.X = X / counts[:, None]


def normalize_total(adata, target_sum=None, exclude_highly_expressed=False, key_added=None, inplace=True):
    X = _dense(adata.X)
    counts = np.asarray(X.sum(axis=1)).ravel()
    if target_sum is None:
        target_sum = np.median(counts[counts > 0])
    c = counts.copy()
    c[c == 0] = 1
    adata.X = (X / (c / target_sum)[:, None]).astype(X.dtype, copy=False)
    if key_added is not None:
        adata.obs[key_added] = counts


def log1p(adata, copy=False, base=None):
    X = _dense(adata.X)
    adata.X = np.log1p(X)
    adata.uns['log1p'] = {'base': base}


def scale(adata, zero_center=True, max_value=None, copy=False):
    X = np.array(_dense(adata.X), copy=True)
    mean, var = _mean_var(X)
    std = np.sqrt(var)
    std[std == 0] = 1
    if zero_center:
        X -= mean.astype(X.dtype)
    X /= std.astype(X.dtype)
    if max_value is not None:
        X[X > max_value] = max_value
    adata.X = X
    adata.var['mean'] = mean
    adata.var['std'] = std


def highly_variable_genes(adata, n_top_genes=None, min_disp=0.5, max_disp=np.inf, min_mean=0.0125, max_mean=3,
                          n_bins=20, flavor='seurat', subset=False, inplace=True, batch_key=None):
    """flavor='seurat' of scanpy 1.9 (_highly_variable_genes_single_batch), data assumed log1p."""
    if flavor != 'seurat' or batch_key is not None:
        raise NotImplementedError('shim: only flavor=seurat without batch_key')
    X = np.expm1(_dense(adata.X))
    mean, var = _mean_var(X)
    mean[mean == 0] = 1e-12
    dispersion = var / mean
    dispersion[dispersion == 0] = np.nan
    dispersion = np.log(dispersion)
    mean = np.log1p(mean)
    df = pd.DataFrame({'means': mean, 'dispersions': dispersion})
    df['mean_bin'] = pd.cut(df['means'], bins=n_bins)
    disp_grouped = df.groupby('mean_bin')['dispersions']
    disp_mean_bin = disp_grouped.mean()
    disp_std_bin = disp_grouped.std(ddof=1)
    one_gene_per_bin = disp_std_bin.isnull()
    disp_std_bin[one_gene_per_bin.values] = disp_mean_bin[one_gene_per_bin.values].values
    disp_mean_bin[one_gene_per_bin.values] = 0
    df['dispersions_norm'] = (df['dispersions'].values - disp_mean_bin[df['mean_bin'].values].values) \
        / disp_std_bin[df['mean_bin'].values].values
    dispersion_norm = df['dispersions_norm'].values
    if n_top_genes is not None:
        dn = dispersion_norm[~np.isnan(dispersion_norm)]
        dn[::-1].sort()
        n_top_genes = min(n_top_genes, adata.n_vars, dn.size)  # scanpy: 'returning all genes'
        cut = dn[n_top_genes - 1]
        gene_subset = np.nan_to_num(dispersion_norm) >= cut
    else:
        dispersion_norm = dispersion_norm.copy()
        dispersion_norm[np.isnan(dispersion_norm)] = 0
        gene_subset = np.logical_and.reduce((mean > min_mean, mean < max_mean,
                                             dispersion_norm > min_disp, dispersion_norm < max_disp))
    adata.var['highly_variable'] = gene_subset
    adata.var['means'] = df['means'].values
    adata.var['dispersions'] = df['dispersions'].values
    adata.var['dispersions_norm'] = df['dispersions_norm'].values.astype('float32')
    adata.uns['hvg'] = {'flavor': flavor}
    if subset:
        adata._inplace_subset_var(gene_subset)
    if not inplace:
        return adata.var[['means', 'dispersions', 'dispersions_norm', 'highly_variable']]


from ._neighbors import neighbors  # noqa: E402,F401
