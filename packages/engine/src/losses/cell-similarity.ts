/**
 * scziDesk's self-training term between the cells of a batch (xuebaliang/scziDesk @ eaaf88f, scziDesk/loss.py
 * `cal_latent`, `target_dis`; network.py `kl_loss`): for the batch bottleneck z [B, d],
 *   s_ij = (1 + ‖z_i − z_j‖²/α)^(−(α+1)/2),   p = s without its diagonal, rows normalised,
 *   q = p² / rowsum(p), rows normalised (the sharpened target),
 *   both with s's diagonal (= 1) added back, and the loss Σ q log q − Σ q log p (summed over the batch's B² entries).
 * As in the original, nothing is stopped: gradients flow through the target q as well.
 */
import * as tf from '@tensorflow/tfjs';
import { squaredDistances } from './clustering.ts';

export function cellStudentTKl(z: tf.Tensor2D, alpha = 1): tf.Scalar {
  const n = z.shape[0];
  const s = tf.pow(tf.add(1, tf.div(squaredDistances(z, z), alpha)), -(alpha + 1) / 2);
  const eye = tf.eye(n);
  const diag = tf.mul(s, eye);
  const off = tf.sub(s, diag);
  const p = tf.div(off, tf.sum(off, 1, true));
  const q0 = tf.div(tf.square(p), tf.sum(p, 1, true));
  const q = tf.div(q0, tf.sum(q0, 1, true));
  const pd = tf.add(p, diag);
  const qd = tf.add(q, diag);
  return tf.sub(tf.sum(tf.mul(qd, tf.log(qd))), tf.sum(tf.mul(qd, tf.log(pd)))) as tf.Scalar;
}
