/**
 * Masked-swap corruption, the pretext task of scMAE and scNAME (after VIME, Yoon et al. 2020): each entry of a
 * batch is, with probability p, replaced by the same gene's value in another cell of the batch, and the mask of
 * entries that changed is returned as the target a mask predictor learns.
 *
 * The two originals draw the donor cell differently:
 * - `row-permutation` (scMAE, `datasets.py:apply_noise`, CSUBioGroup/scMAE@599e443 lines 246–253): one random
 *   permutation of the batch's rows; every swapped entry of row i comes from row perm[i] (which may be i itself).
 * - `column-shuffle` (VIME's `pretext_generator`, used by scNAME): each gene column is permuted independently, so
 *   the donors of one row's swapped entries are different cells.
 * In both, the mask is 1 where the value changed (a swap that draws an equal value is not masked), as the originals
 * compute it (`corrupted != x`).
 */
import { permutation, type Rng } from './rng.ts';

export type SwapDonor = 'row-permutation' | 'column-shuffle';
export const SWAP_DONORS: readonly SwapDonor[] = ['row-permutation', 'column-shuffle'];

export interface MaskedSwap {
  /** rows × cols, row-major: the corrupted batch. */
  readonly corrupted: Float32Array;
  /** rows × cols: 1 where `corrupted` differs from the input, else 0. */
  readonly mask: Float32Array;
}

export function maskedSwap(x: Float32Array, rows: number, cols: number, p: number, rng: Rng, donor: SwapDonor = 'row-permutation'): MaskedSwap {
  if (x.length !== rows * cols) throw new Error(`maskedSwap: x has ${x.length} entries, expected ${rows}×${cols}`);
  if (!(p >= 0 && p <= 1)) throw new Error(`maskedSwap: p must be a probability in [0, 1], got ${p}`);
  if (!SWAP_DONORS.includes(donor)) throw new Error(`maskedSwap: donor must be one of ${SWAP_DONORS.join(', ')}, got '${String(donor)}'`);
  const corrupted = new Float32Array(x);
  const mask = new Float32Array(rows * cols);
  if (rows === 0 || p === 0) return { corrupted, mask };
  if (donor === 'row-permutation') {
    const perm = permutation(rng, rows);
    for (let i = 0; i < rows; i++) {
      const src = perm[i] * cols;
      const dst = i * cols;
      for (let j = 0; j < cols; j++) {
        if (rng.uniform() < p) corrupted[dst + j] = x[src + j];
      }
    }
  } else {
    const swap = new Uint8Array(rows * cols);
    for (let e = 0; e < swap.length; e++) swap[e] = rng.uniform() < p ? 1 : 0;
    for (let j = 0; j < cols; j++) {
      const perm = permutation(rng, rows);
      for (let i = 0; i < rows; i++) if (swap[i * cols + j]) corrupted[i * cols + j] = x[perm[i] * cols + j];
    }
  }
  for (let e = 0; e < mask.length; e++) mask[e] = corrupted[e] !== x[e] ? 1 : 0;
  return { corrupted, mask };
}
