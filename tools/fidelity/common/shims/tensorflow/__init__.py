"""Stub: scDSC's GNN.py imports tensorflow for a commented-out layer; the PyTorch GNNLayer never uses it."""
initializers = None
