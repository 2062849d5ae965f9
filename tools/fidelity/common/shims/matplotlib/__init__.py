"""Stub: plotting is never called in the fidelity runs."""
