/** Cross-modal alignment terms of scLLM-DSC (§3.7). */
import * as tf from '@tensorflow/tfjs';

/** Rows scaled to unit L2 norm (F.normalize with eps 1e-12). */
export function l2NormalizeRows(x: tf.Tensor2D, eps = 1e-12): tf.Tensor2D {
  return tf.div(x, tf.maximum(tf.norm(x, 'euclidean', 1, true), eps)) as tf.Tensor2D;
}

/** Columns scaled to unit L2 norm over the cells (scCDCG's pre-training z). */
export function l2NormalizeCols(x: tf.Tensor2D, eps = 1e-12): tf.Tensor2D {
  return tf.div(x, tf.maximum(tf.norm(x, 'euclidean', 0, true), eps)) as tf.Tensor2D;
}

/**
 * Bidirectional InfoNCE: S = a·bᵀ/τ, loss = ½(CE over rows + CE over columns) with the diagonal as positives.
 * Any scale is safe.
 *
 * Written as ½(mean_i lse(S_i·) + mean_j lse(S_·j)) − mean_i S_ii with a hand-written gradient
 * (∂/∂S = ½(softmax_rows + softmax_cols)/n − I/n), so the N×N matrix meets one `exp` per step instead of four
 * (two log-softmaxes and their backward passes, each a single-threaded N×N exp on wasm), and no N×N eye or
 * transpose. When every |S_ij| ≤ B = max‖a_i‖·max‖b_j‖/τ ≤ 40 (unit rows and τ ≥ 0.025), E = exp(S) needs no
 * shift at all (e^±40 and N·e^40 are well inside float32), and the backward pass never forms the softmaxes:
 *   ∂L/∂a = (½/n)[(E·b) ⊘ r + E·(b ⊘ c)]/τ − b/(nτ),   ∂L/∂b = (½/n)[Eᵀ·(a ⊘ r) + (Eᵀ·a) ⊘ c]/τ − a/(nτ)
 * (r, c the row and column sums of E): two N×N×2d products and no other N×N work. Otherwise rows and columns
 * get their own max shift (two exps). Same value as the log-softmax form up to float32 rounding.
 */
export function infoNce(a: tf.Tensor2D, b: tf.Tensor2D, temperature = 0.1): tf.Scalar {
  const n = a.shape[0];
  const d = a.shape[1];
  const maxNorm = (x: tf.Tensor2D): number => tf.tidy(() => tf.sqrt(tf.max(tf.sum(tf.square(x), 1))).dataSync()[0]);
  const bounded = (maxNorm(a) * maxNorm(b)) / temperature <= 40;
  const f = tf.customGrad(((aa: tf.Tensor2D, bb: tf.Tensor2D, save: (t: tf.Tensor[]) => void) => {
    const s = tf.matMul(tf.div(aa, temperature), bb, false, true) as tf.Tensor2D;
    const diag = tf.div(tf.sum(tf.mul(aa, bb)), n * temperature);
    if (bounded) {
      const e = tf.exp(s);
      const rs = tf.sum(e, 1, true); // N×1
      const cs = tf.reshape(tf.sum(e, 0), [n, 1]); // column sums as N×1
      save([aa, bb, e, rs, cs]);
      const lse = tf.add(tf.mean(tf.log(rs)), tf.mean(tf.log(cs)));
      return {
        value: tf.sub(tf.mul(0.5, lse), diag) as tf.Scalar,
        gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
          const [sa, sb, se, r, c] = saved as tf.Tensor2D[];
          const k = tf.div(dy, temperature);
          const eb = tf.matMul(se, tf.concat([sb, tf.div(sb, c)], 1)); // [E·b | E·(b ⊘ c)]
          const ea = tf.matMul(se, tf.concat([tf.div(sa, r), sa], 1), true, false); // [Eᵀ·(a ⊘ r) | Eᵀ·a]
          const ga = tf.add(tf.div(tf.slice(eb, [0, 0], [n, d]), r), tf.slice(eb, [0, d], [n, d]));
          const gb = tf.add(tf.slice(ea, [0, 0], [n, d]), tf.div(tf.slice(ea, [0, d], [n, d]), c));
          return [
            tf.mul(tf.sub(tf.mul(ga, 0.5 / n), tf.div(sb, n)), k),
            tf.mul(tf.sub(tf.mul(gb, 0.5 / n), tf.div(sa, n)), k),
          ];
        },
      };
    }
    const rm = tf.max(s, 1, true);
    const cm = tf.max(s, 0, true);
    const er = tf.exp(tf.sub(s, rm));
    const ec = tf.exp(tf.sub(s, cm));
    const rs = tf.sum(er, 1, true);
    const cs = tf.sum(ec, 0, true);
    save([aa, bb, tf.add(tf.div(er, rs), tf.div(ec, cs))]);
    const lse = tf.add(tf.mean(tf.add(rm, tf.log(rs))), tf.mean(tf.add(cm, tf.log(cs))));
    return {
      value: tf.sub(tf.mul(0.5, lse), diag) as tf.Scalar,
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [sa, sb, p] = saved as tf.Tensor2D[];
        // ∂L/∂S = G − I/n with G = ½(P_rows + P_cols)/n; S = abᵀ/τ.
        const k = tf.div(dy, temperature);
        const g = tf.mul(p, 0.5 / n);
        return [
          tf.mul(tf.sub(tf.matMul(g, sb), tf.div(sb, n)), k),
          tf.mul(tf.sub(tf.matMul(g, sa, true, false), tf.div(sa, n)), k),
        ];
      },
    };
  }) as never);
  return f(a, b) as tf.Scalar;
}

/** VICReg-style variance hinge: mean over dims of relu(1 − √(Var(z[:,k]) + ε)), unbiased variance as torch.var. */
export function varianceRegulariser(z: tf.Tensor2D, eps = 1e-4): tf.Scalar {
  const n = z.shape[0];
  const { variance } = tf.moments(z, 0);
  const unbiased = tf.mul(variance, n > 1 ? n / (n - 1) : 1);
  return tf.mean(tf.relu(tf.sub(1, tf.sqrt(tf.add(unbiased, eps))))) as tf.Scalar;
}
