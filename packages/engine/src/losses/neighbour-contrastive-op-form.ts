/**
 * scNAME's neighbourhood contrastive loss as plain tfjs ops (what `neighbourContrastive` was before its one-pass
 * form): a B × N positives mask, `where` and two logSumExps, differentiated by autodiff. The reference its test
 * compares against and its benchmark times; not for training (about 4× the CPU time per step at 256 × 8,617).
 */
import * as tf from '@tensorflow/tfjs';
import { l2NormalizeRows } from './contrastive.ts';

export function neighbourContrastiveOpForm(z: tf.Tensor2D, zTilde: tf.Tensor2D, bank: tf.Tensor2D, k: number, temperature: number): tf.Scalar {
  const b = l2NormalizeRows(bank);
  const idx = tf.topk(tf.matMul(l2NormalizeRows(z), b, false, true), k).indices;
  const [rows, n] = [z.shape[0], b.shape[0]];
  const nb = idx.dataSync();
  const mask = new Uint8Array(rows * n);
  for (let i = 0; i < rows; i++) for (let c = 0; c < k; c++) mask[i * n + nb[i * k + c]] = 1;
  const logits = tf.div(tf.matMul(l2NormalizeRows(zTilde), b, false, true), temperature) as tf.Tensor2D;
  const logNum = tf.logSumExp(tf.where(tf.tensor2d(mask, [rows, n], 'bool'), logits, tf.fill(logits.shape, -1e9)), 1);
  return tf.neg(tf.mean(tf.sub(logNum, tf.logSumExp(logits, 1)))) as tf.Scalar;
}
