"""Stub: the originals import pylab for plots that the fidelity runs never draw."""
