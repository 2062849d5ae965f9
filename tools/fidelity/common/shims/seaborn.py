"""Stub: imported by plotting helpers that the fidelity runs never call."""
