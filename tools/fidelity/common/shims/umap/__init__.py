"""Stub: umap_visual is never called in the fidelity runs."""
