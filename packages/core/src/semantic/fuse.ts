// Fusion of the two paths: Z = ω·Z⁽¹⁾ + (1−ω)·Z⁽²⁾ (METHODS.md §3.5, main_AE.py lines 152–154).
//
// normalise = true (default): each row of each path is scaled to unit L2 norm first (zero rows stay zero), so ω
//   really is the share of each path. Both paths live in the same encoder space, where cosine is the meaningful
//   similarity, so unit rows lose nothing the clustering uses.
// normalise = false ('paper'): the original adds the raw paths. Z⁽²⁾ is (a mean of) unit vectors while Z⁽¹⁾ in paper
//   weighting has norm ~ the cell's total counts, so Z⁽¹⁾ dominates for any ω not close to 0 (§3.5, bug 10).
import type { Matrix } from '@scbench/api';
import { l2NormalizeRows } from '@scbench/numerics';

export function fuse(z1: Matrix, z2: Matrix, omega: number, normalise: boolean): Matrix {
  if (!(omega >= 0 && omega <= 1)) throw new Error(`fuse: omega must be in [0, 1], got ${omega}`);
  if (z1.rows !== z2.rows || z1.cols !== z2.cols) throw new Error(`fuse: paths differ in shape (${z1.rows}×${z1.cols} vs ${z2.rows}×${z2.cols})`);
  const a = normalise ? l2NormalizeRows(z1) : z1;
  const b = normalise ? l2NormalizeRows(z2) : z2;
  const data = new Float32Array(a.data.length);
  for (let t = 0; t < data.length; t++) data[t] = omega * a.data[t] + (1 - omega) * b.data[t];
  return { rows: a.rows, cols: a.cols, data };
}
