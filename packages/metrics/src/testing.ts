/** Small deterministic helpers shared by the tests (an LCG: tests must not depend on numerics' stream). */
export function randomLabels(n: number, k: number, seed: number): Int32Array {
  let s = seed >>> 0;
  return Int32Array.from({ length: n }, () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return (s >>> 8) % k;
  });
}

/** Every partial one-to-one map of rows 0..rows−1 into cols 0..cols−1 (−1 = unmatched), maximal ones only. */
export function* injections(rows: number, cols: number): Generator<Int32Array> {
  const map = new Int32Array(rows).fill(-1);
  const used = new Uint8Array(cols);
  function* rec(r: number, free: number): Generator<Int32Array> {
    if (r === rows) {
      yield map.slice();
      return;
    }
    // A row may stay unmatched only if there are more rows left than free columns (maximal maps suffice).
    if (rows - r > free) {
      map[r] = -1;
      yield* rec(r + 1, free);
    }
    for (let j = 0; j < cols; j++) {
      if (used[j]) continue;
      used[j] = 1;
      map[r] = j;
      yield* rec(r + 1, free - 1);
      used[j] = 0;
    }
    map[r] = -1;
  }
  yield* rec(0, cols);
}
