/** Sentence pooling of token states, and L2 normalisation (pure functions on typed arrays). */

export type Pooling = 'mean' | 'cls';

/**
 * Pool token states [batch, seq, hidden] to [batch, hidden]: `mean` over positions whose mask is 1 (the
 * sentence-transformers default), or `cls` (the first position).
 */
export function poolTokens(states: Float32Array, batch: number, seq: number, hidden: number, mask: ArrayLike<number | bigint>, pooling: Pooling): Float32Array {
  const out = new Float32Array(batch * hidden);
  for (let b = 0; b < batch; b++) {
    const o = b * hidden;
    if (pooling === 'cls') {
      out.set(states.subarray(b * seq * hidden, b * seq * hidden + hidden), o);
      continue;
    }
    let count = 0;
    for (let t = 0; t < seq; t++) {
      if (Number(mask[b * seq + t]) === 0) continue;
      count++;
      const s = (b * seq + t) * hidden;
      for (let h = 0; h < hidden; h++) out[o + h] += states[s + h];
    }
    const inv = 1 / Math.max(count, 1e-9);
    for (let h = 0; h < hidden; h++) out[o + h] *= inv;
  }
  return out;
}
