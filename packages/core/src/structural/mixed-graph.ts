/**
 * A convex mix of two graph operators on the same cells: M = (1 − w)·A + w·B. scLLM-DSC's `textGraph` switch mixes
 * a kNN graph of the semantic view into the structural graph, so the gene knowledge shapes the code through the
 * NCut term as well as through InfoNCE (reports/findings, ba1608f). The mix of two symmetric operators is symmetric.
 * Each operand is deflated against its own trivial vector (its degrees differ from the other's); the mix is not
 * deflated again.
 */
import { tf } from '@scbench/engine';
import type { StructuralGraph } from './graphs.ts';

export function mixGraphs(base: StructuralGraph, extra: StructuralGraph, weight: number): StructuralGraph {
  if (!(weight > 0 && weight < 1)) throw new Error(`mixGraphs: weight must be in (0, 1), got ${weight}`);
  if (base.info.cells !== extra.info.cells) throw new Error(`mixGraphs: graphs on ${base.info.cells} and ${extra.info.cells} cells`);
  return {
    info: { ...base.info, bytes: base.info.bytes + extra.info.bytes, seconds: base.info.seconds + extra.info.seconds },
    apply: (z) => tf.tidy(() => tf.add(tf.mul(base.apply(z), 1 - weight), tf.mul(extra.apply(z), weight)) as tf.Tensor2D),
    dispose: () => {
      base.dispose();
      extra.dispose();
    },
  };
}
