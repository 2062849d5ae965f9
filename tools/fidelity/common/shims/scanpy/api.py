"""`import scanpy.api as sc` (old scanpy) resolves to the same shim."""
from scanpy import AnnData, pp, tl, read  # noqa: F401
