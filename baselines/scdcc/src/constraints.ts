import type { PartialTruth } from '@scbench/api';
import { createRng } from '@scbench/numerics';

/** Must-link and cannot-link pairs as row indices: pair t is (ml1[t], ml2[t]). */
export interface PairwiseConstraints {
  ml1: Int32Array;
  ml2: Int32Array;
  cl1: Int32Array;
  cl2: Int32Array;
}

/**
 * scDCC's random pairwise constraints (ttgump/scDCC @ 142e4e0, utils.py:35-82, `generate_random_pair` with
 * error_rate 0): draw two labelled cells at random (with replacement), skip the draw when they are the same cell or
 * the ordered pair is already a must-link, otherwise record a must-link when their labels agree and a cannot-link
 * when they differ, until `count` pairs are made; then each list is shuffled. As in the original, only must-links are
 * checked for repeats (a cannot-link may repeat), and the pairs come only from the cells the runner labelled.
 */
export function randomPairs(labelled: PartialTruth, count: number, seed: number): PairwiseConstraints {
  const { cells, labels } = labelled;
  if (cells.length !== labels.length) throw new Error(`randomPairs: ${cells.length} labelled cells but ${labels.length} labels`);
  if (count > 0 && cells.length < 2) throw new Error(`randomPairs: ${count} pairs need at least 2 labelled cells, got ${cells.length}`);
  const same = new Map<number, Set<number>>(); // must-links made, by first cell
  // Cannot-links may repeat, so the draw ends whenever two classes are labelled; with one class it needs that many
  // distinct ordered must-links (the original loops for ever otherwise).
  const orderedPairs = cells.length * (cells.length - 1);
  if (new Set(labels).size === 1 && count > orderedPairs) {
    throw new Error(`randomPairs: the labelled cells are all of one class and give only ${orderedPairs} distinct pairs, not ${count}; label more cells or ask for fewer pairs`);
  }
  const rng = createRng(seed);
  const ml1: number[] = [];
  const ml2: number[] = [];
  const cl1: number[] = [];
  const cl2: number[] = [];
  let left = count;
  while (left > 0) {
    const a = Math.floor(rng.uniform() * cells.length);
    const b = Math.floor(rng.uniform() * cells.length);
    if (a === b) continue;
    if (same.get(a)?.has(b)) continue;
    if (labels[a] === labels[b]) {
      let s = same.get(a);
      if (!s) same.set(a, (s = new Set()));
      s.add(b);
      ml1.push(cells[a]);
      ml2.push(cells[b]);
    } else {
      cl1.push(cells[a]);
      cl2.push(cells[b]);
    }
    left--;
  }
  const shuffled = (x: number[], y: number[]) => {
    const order = rng.shuffle(Int32Array.from(x, (_, i) => i));
    return [Int32Array.from(order, (i) => x[i]), Int32Array.from(order, (i) => y[i])];
  };
  const [m1, m2] = shuffled(ml1, ml2);
  const [c1, c2] = shuffled(cl1, cl2);
  return { ml1: m1, ml2: m2, cl1: c1, cl2: c2 };
}
