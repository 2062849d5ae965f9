"""The few scanpy calls the originals make, reimplemented (scanpy is not packaged for Debian; anndata is).

Each function follows scanpy 1.9's code path for the arguments the originals pass: in-place on an AnnData,
same observation/variable annotations, same float arithmetic order where it matters. Not a general scanpy.
"""
import numpy as np
import pandas as pd
import scipy.sparse as sp_sparse
from anndata import AnnData, read_h5ad

from . import pp, tl  # noqa: F401

read = read_h5ad
__version__ = '1.9-shim'
