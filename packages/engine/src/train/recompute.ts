/**
 * Gradient checkpointing for full-batch training. `recomputed(f, inputs, variables)` returns f's value, but the
 * autodiff tape keeps only `inputs`: the backward pass runs f again under a tape of its own and takes its gradients
 * there. A block whose intermediates are several N×width tensors (Linear → BatchNorm → ReLU keeps five; a ZINB head
 * and its loss some twenty N×G) then holds one tensor, its input, between the forward and the backward pass, at the
 * price of one more forward pass of the block. scDSC's full batch is the case: its tape outgrew the wasm backend's
 * 4 GB heap at a few thousand cells.
 *
 * f must be deterministic (no dropout or noise draws: the second pass must see the values of the first). Constants
 * (data, adjacency) reach f through its closure and get no gradient. `again` is true on the backward pass's run, so
 * f can skip side effects such as BatchNorm's running statistics.
 */
import * as tf from '@tensorflow/tfjs';

type Recomputable<T extends tf.Tensor> = (inputs: tf.Tensor[], again: boolean) => T;

interface EngineState {
  state: { activeTape: unknown };
}

export function recomputed<T extends tf.Tensor>(f: Recomputable<T>, inputs: readonly tf.Tensor[], variables: readonly tf.Variable[]): T {
  const trainable = variables.filter((v) => v.trainable);
  const op = tf.customGrad(((...args: unknown[]) => {
    const save = args.pop() as tf.GradSaveFunc;
    const xs = args.slice(0, inputs.length) as tf.Tensor[];
    save(xs);
    // Inside a custom op the tape is paused: nothing f creates here outlives this tidy but the value.
    const value = tf.tidy(() => f(xs, false));
    const gradFunc = (dy: tf.Tensor, saved: tf.Tensor[]): tf.Tensor[] => secondPass(f, saved, trainable, dy);
    return { value, gradFunc };
  }) as never) as (...t: tf.Tensor[]) => T;
  return op(...inputs, ...trainable);
}

/** d(f·dy)/d(inputs, variables) from a fresh run of f under its own tape. */
function secondPass<T extends tf.Tensor>(f: Recomputable<T>, saved: tf.Tensor[], trainable: tf.Variable[], dy: tf.Tensor): tf.Tensor[] {
  const engine = tf.engine() as unknown as EngineState;
  // This runs inside the outer backward pass, whose tape tfjs keeps in one engine slot; a nested gradients() call
  // starting at depth 0 would replace it and, when done, null it (the outer pass then fails to free its tape).
  const outer = engine.state.activeTape;
  try {
    const xs = [...saved, ...trainable];
    const { value, grads } = tf.engine().gradients(() => f(saved, true), xs, dy, true);
    value.dispose();
    return xs.map((x, i) => grads[i] ?? tf.zerosLike(x));
  } finally {
    engine.state.activeTape = outer;
  }
}

/**
 * The mean over all N rows of a row-local loss, f(rows of the inputs) = the mean over those rows, as a sum of
 * checkpoints of `chunkRows` rows each: the backward pass recomputes one chunk at a time, so a head whose loss needs
 * many N×G temporaries (a ZINB head and its likelihood) holds chunkRows×G of them, not N×G. Equal to f on all rows
 * up to float rounding. `inputs` are row-aligned [N, ·] tensors; constants reach f through its closure, sliced by the
 * chunk's `start` and `size`.
 */
export function recomputedRowChunks(
  f: (inputs: tf.Tensor2D[], start: number, size: number, again: boolean) => tf.Scalar,
  inputs: readonly tf.Tensor2D[],
  variables: readonly tf.Variable[],
  chunkRows: number,
): tf.Scalar {
  const n = inputs[0].shape[0];
  if (!(chunkRows >= 1)) throw new Error(`recomputedRowChunks: chunkRows must be ≥ 1, got ${chunkRows}`);
  const parts: tf.Scalar[] = [];
  for (let start = 0; start < n; start += chunkRows) {
    const size = Math.min(chunkRows, n - start);
    const rows = inputs.map((t) => (size === n ? t : tf.slice(t, [start, 0], [size, t.shape[1]])));
    const mean = recomputed((xs, again) => f(xs as tf.Tensor2D[], start, size, again), rows, variables);
    parts.push(size === n ? mean : tf.mul(mean, size / n));
  }
  return (parts.length === 1 ? parts[0] : tf.addN(parts)) as tf.Scalar;
}
