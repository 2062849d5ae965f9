/**
 * Small dense float64 decompositions for randomized PCA: a thin Householder QR of a tall row-major matrix and a
 * one-sided Jacobi SVD of a small one. Both are backward stable and cope with rank deficiency (zero columns),
 * which matters because power iterations on low-rank data produce nearly dependent columns.
 */

export interface Qr {
  /** n × l, orthonormal columns, row-major. */
  q: Float64Array;
  /** l × l upper triangular, row-major. */
  r: Float64Array;
}

/** Thin QR of the n × l row-major matrix `a` (n ≥ l). `a` is not modified. */
export function householderQr(a: Float64Array, n: number, l: number): Qr {
  if (a.length !== n * l) throw new Error(`householderQr: a has ${a.length} entries, expected ${n}×${l}`);
  if (n < l) throw new Error(`householderQr: needs rows ≥ columns, got ${n}×${l}`);
  const A = Float64Array.from(a);
  const tau = new Float64Array(l);
  const r = new Float64Array(l * l);
  const w = new Float64Array(l);
  for (let j = 0; j < l; j++) {
    let norm2 = 0;
    for (let i = j; i < n; i++) norm2 += A[i * l + j] * A[i * l + j];
    const norm = Math.sqrt(norm2);
    const ajj = A[j * l + j];
    if (norm === 0) {
      tau[j] = 0; // zero column: H = I, R[j,j] = 0
    } else {
      // v = x − α e₁ with α = −sign(x₀)‖x‖ (no cancellation); stored in place of column j.
      const alpha = ajj >= 0 ? -norm : norm;
      const v0 = ajj - alpha;
      A[j * l + j] = v0;
      tau[j] = 2 / (norm2 - ajj * ajj + v0 * v0);
      applyReflector(A, n, l, j, tau[j], j + 1, l, A, l, w);
      A[j * l + j] = v0;
      r[j * l + j] = alpha;
    }
    for (let c = j + 1; c < l; c++) r[j * l + c] = A[j * l + c];
  }
  // Q = H₀ H₁ … H_{l−1} [I; 0], accumulated backwards so each reflector touches only columns j..l−1.
  const q = new Float64Array(n * l);
  for (let j = 0; j < l; j++) q[j * l + j] = 1;
  for (let j = l - 1; j >= 0; j--) {
    if (tau[j] === 0) continue;
    applyReflector(A, n, l, j, tau[j], j, l, q, l, w);
  }
  return { q, r };
}

/**
 * M ← (I − τ v vᵀ) M on rows j..n−1 and columns c0..c1−1 of M (row-major, leading dimension ldm), where v is
 * column j of V (rows j..n−1).
 */
function applyReflector(
  V: Float64Array, n: number, lv: number, j: number, tau: number,
  c0: number, c1: number, M: Float64Array, ldm: number, w: Float64Array,
): void {
  for (let c = c0; c < c1; c++) w[c] = 0;
  for (let i = j; i < n; i++) {
    const vi = V[i * lv + j];
    if (vi === 0) continue;
    const off = i * ldm;
    for (let c = c0; c < c1; c++) w[c] += vi * M[off + c];
  }
  for (let i = j; i < n; i++) {
    const f = tau * V[i * lv + j];
    if (f === 0) continue;
    const off = i * ldm;
    for (let c = c0; c < c1; c++) M[off + c] -= f * w[c];
  }
}

export interface Svd {
  /** m × l, orthonormal columns (row-major). */
  u: Float64Array;
  /** Descending. */
  s: Float64Array;
  /** l × l, orthonormal columns (row-major): a = u · diag(s) · vᵀ. */
  v: Float64Array;
}

/** One-sided Jacobi (Hestenes) SVD of the m × l row-major matrix `a`, m ≥ l. Accurate to working precision. */
export function jacobiSvd(a: Float64Array, m: number, l: number): Svd {
  if (a.length !== m * l) throw new Error(`jacobiSvd: a has ${a.length} entries, expected ${m}×${l}`);
  if (m < l) throw new Error(`jacobiSvd: needs rows ≥ columns, got ${m}×${l}`);
  const U = Float64Array.from(a);
  const V = new Float64Array(l * l);
  for (let j = 0; j < l; j++) V[j * l + j] = 1;
  const eps = 1e-15;
  for (let sweep = 0; sweep < 80; sweep++) {
    let rotated = false;
    for (let p = 0; p < l - 1; p++) {
      for (let q = p + 1; q < l; q++) {
        let alpha = 0;
        let beta = 0;
        let gamma = 0;
        for (let i = 0; i < m; i++) {
          const up = U[i * l + p];
          const uq = U[i * l + q];
          alpha += up * up;
          beta += uq * uq;
          gamma += up * uq;
        }
        if (gamma === 0 || Math.abs(gamma) <= eps * Math.sqrt(alpha * beta)) continue;
        rotated = true;
        // Rotation that zeroes the (p,q) entry of UᵀU (Rutishauser's stable formulas).
        const zeta = (beta - alpha) / (2 * gamma);
        const t = (zeta >= 0 ? 1 : -1) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
        const c = 1 / Math.sqrt(1 + t * t);
        const s = c * t;
        rotateColumns(U, m, l, p, q, c, s);
        rotateColumns(V, l, l, p, q, c, s);
      }
    }
    if (!rotated) break;
  }
  const sv = new Float64Array(l);
  for (let j = 0; j < l; j++) {
    let s2 = 0;
    for (let i = 0; i < m; i++) s2 += U[i * l + j] * U[i * l + j];
    sv[j] = Math.sqrt(s2);
  }
  const order = Array.from({ length: l }, (_, j) => j).sort((x, y) => sv[y] - sv[x] || x - y);
  const u = new Float64Array(m * l);
  const v = new Float64Array(l * l);
  const s = new Float64Array(l);
  for (let c = 0; c < l; c++) {
    const j = order[c];
    s[c] = sv[j];
    const inv = sv[j] > 0 ? 1 / sv[j] : 0; // a zero singular value leaves a zero column in u
    for (let i = 0; i < m; i++) u[i * l + c] = U[i * l + j] * inv;
    for (let i = 0; i < l; i++) v[i * l + c] = V[i * l + j];
  }
  return { u, s, v };
}

function rotateColumns(M: Float64Array, rows: number, cols: number, p: number, q: number, c: number, s: number): void {
  for (let i = 0; i < rows; i++) {
    const mp = M[i * cols + p];
    const mq = M[i * cols + q];
    M[i * cols + p] = c * mp - s * mq;
    M[i * cols + q] = s * mp + c * mq;
  }
}
