/**
 * A `DenseProduct` for @scbench/numerics' `pca` that runs X·M and Xᵀ·M on the engine: X is uploaded once and
 * kept until `dispose()`, M is cast to float32 per call. The products are all of a randomized PCA's O(n·p) work
 * (16 of them with sklearn's 7 power iterations): at 100,000 × 2,000 that is minutes in the JS kernel. float32
 * products instead of float64 accumulation: the PCs serve the sparse graph's neighbour search.
 */
import type { Matrix } from '@scbench/api';
import { tf } from '@scbench/engine';
import type { DenseProduct } from '@scbench/numerics';

export interface EngineProduct {
  readonly product: DenseProduct;
  dispose(): void;
}

/** Bound to one matrix: `product` refuses any other (it would silently multiply the wrong one). */
export function engineProduct(x: Matrix): EngineProduct {
  const xt = tf.tensor2d(x.data, [x.rows, x.cols]);
  return {
    product: (a, m, l, transposeX) => {
      if (a !== x) throw new Error('engineProduct: called with a matrix other than the one it was built for');
      const rows = transposeX ? x.rows : x.cols;
      const y = tf.tidy(() => tf.matMul(xt, tf.tensor2d(Float32Array.from(m), [rows, l]), transposeX, false));
      const out = Float64Array.from(y.dataSync());
      y.dispose();
      return out;
    },
    dispose: () => xt.dispose(),
  };
}
