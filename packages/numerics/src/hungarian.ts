/**
 * Minimum-cost assignment on a rectangular cost matrix (rows × cols, row-major), the Hungarian method with
 * potentials (Kuhn–Munkres, O(n²·m)). Every row of the smaller side is assigned; result[i] is the column of row i,
 * or -1 when rows > cols and row i is left over. Same optimum as scipy.optimize.linear_sum_assignment.
 */
export function linearSumAssignment(cost: Float64Array | Float32Array, rows: number, cols: number): Int32Array {
  if (cost.length !== rows * cols) throw new Error(`linearSumAssignment: cost has ${cost.length} entries, expected ${rows}×${cols}`);
  const result = new Int32Array(rows).fill(-1);
  if (rows === 0 || cols === 0) return result;
  if (rows > cols) {
    // Solve the transpose so that the left side is the smaller one.
    const t = new Float64Array(rows * cols);
    for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) t[j * rows + i] = cost[i * cols + j];
    const colToRow = linearSumAssignment(t, cols, rows);
    for (let j = 0; j < cols; j++) result[colToRow[j]] = j;
    return result;
  }
  const n = rows;
  const m = cols;
  // 1-based arrays as in the classic formulation; p[j] = row matched to column j (0 = none).
  const u = new Float64Array(n + 1);
  const v = new Float64Array(m + 1);
  const p = new Int32Array(m + 1);
  const way = new Int32Array(m + 1);
  const minv = new Float64Array(m + 1);
  const used = new Uint8Array(m + 1);
  for (let i = 1; i <= n; i++) {
    p[0] = i;
    let j0 = 0;
    minv.fill(Infinity);
    used.fill(0);
    do {
      used[j0] = 1;
      const i0 = p[j0];
      let delta = Infinity;
      let j1 = 0;
      const rowOff = (i0 - 1) * m;
      for (let j = 1; j <= m; j++) {
        if (used[j]) continue;
        const cur = cost[rowOff + j - 1] - u[i0] - v[j];
        if (cur < minv[j]) {
          minv[j] = cur;
          way[j] = j0;
        }
        if (minv[j] < delta) {
          delta = minv[j];
          j1 = j;
        }
      }
      for (let j = 0; j <= m; j++) {
        if (used[j]) {
          u[p[j]] += delta;
          v[j] -= delta;
        } else {
          minv[j] -= delta;
        }
      }
      j0 = j1;
    } while (p[j0] !== 0);
    do {
      const j1 = way[j0];
      p[j0] = p[j1];
      j0 = j1;
    } while (j0 !== 0);
  }
  for (let j = 1; j <= m; j++) if (p[j] !== 0) result[p[j] - 1] = j - 1;
  return result;
}
