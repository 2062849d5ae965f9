/**
 * Optimisers with PyTorch's update rules (the reference implementations of most baselines are PyTorch):
 * Adam (L2 weight decay, optional AMSGrad), AdamW (decoupled decay), SGD with (Nesterov) momentum, Adadelta.
 * Written here rather than taken from tf.train so the rules, names and defaults match the papers' code.
 */
import * as tf from '@tensorflow/tfjs';
import { variableFrom } from '../variable.ts';

export type OptimizerSpec =
  | { kind: 'adam'; lr?: number; beta1?: number; beta2?: number; eps?: number; weightDecay?: number; amsgrad?: boolean }
  | { kind: 'adamw'; lr?: number; beta1?: number; beta2?: number; eps?: number; weightDecay?: number; amsgrad?: boolean }
  | { kind: 'sgd'; lr: number; momentum?: number; nesterov?: boolean; weightDecay?: number }
  | { kind: 'adadelta'; lr?: number; rho?: number; eps?: number; weightDecay?: number };

export interface Optimizer {
  /** Current learning rate; schedules may change it between steps. */
  lr: number;
  readonly spec: OptimizerSpec;
  /** Apply one update; grads[i] belongs to vars[i]. */
  step(vars: readonly tf.Variable[], grads: readonly tf.Tensor[]): void;
  dispose(): void;
}

type Slots = tf.Variable[];

export function createOptimizer(spec: OptimizerSpec): Optimizer {
  const slots = new Map<tf.Variable, Slots>();
  let t = 0;
  const slotsOf = (v: tf.Variable, n: number): Slots => {
    let s = slots.get(v);
    if (!s) {
      s = Array.from({ length: n }, () => variableFrom(tf.zerosLike(v), false));
      slots.set(v, s);
    }
    return s;
  };
  const opt: Optimizer = {
    lr: spec.lr ?? (spec.kind === 'adadelta' ? 1 : 1e-3),
    spec,
    step(vars, grads) {
      t++;
      tf.tidy(() => {
        vars.forEach((v, i) => update(v, grads[i], slotsOf));
      });
    },
    dispose() {
      for (const s of slots.values()) s.forEach((x) => x.dispose());
      slots.clear();
    },
  };

  function update(p: tf.Variable, g0: tf.Tensor, slot: (v: tf.Variable, n: number) => Slots): void {
    const lr = opt.lr;
    switch (spec.kind) {
      case 'adam':
      case 'adamw': {
        const b1 = spec.beta1 ?? 0.9;
        const b2 = spec.beta2 ?? 0.999;
        const eps = spec.eps ?? 1e-8;
        const wd = spec.weightDecay ?? (spec.kind === 'adamw' ? 0.01 : 0);
        const [m, v, vmax] = slot(p, spec.amsgrad ? 3 : 2);
        const g = spec.kind === 'adam' && wd ? tf.add(g0, tf.mul(p, wd)) : g0;
        m.assign(tf.add(tf.mul(m, b1), tf.mul(g, 1 - b1)));
        v.assign(tf.add(tf.mul(v, b2), tf.mul(tf.square(g), 1 - b2)));
        let vUse: tf.Tensor = v;
        if (vmax) {
          vmax.assign(tf.maximum(vmax, v));
          vUse = vmax;
        }
        // PyTorch: p −= (lr / bc₁)·m / (√v / √bc₂ + ε).
        const bc1 = 1 - b1 ** t;
        const bc2 = 1 - b2 ** t;
        const denom = tf.add(tf.div(tf.sqrt(vUse), Math.sqrt(bc2)), eps);
        const base = spec.kind === 'adamw' && wd ? tf.mul(p, 1 - lr * wd) : p;
        p.assign(tf.sub(base, tf.mul(tf.div(m, denom), lr / bc1)));
        return;
      }
      case 'sgd': {
        const mu = spec.momentum ?? 0;
        let g = spec.weightDecay ? tf.add(g0, tf.mul(p, spec.weightDecay)) : g0;
        if (mu) {
          const [buf] = slot(p, 1);
          buf.assign(tf.add(tf.mul(buf, mu), g)); // buf starts at 0, so step 1 gives buf = g as PyTorch
          g = spec.nesterov ? tf.add(g, tf.mul(buf, mu)) : buf;
        }
        p.assign(tf.sub(p, tf.mul(g, lr)));
        return;
      }
      case 'adadelta': {
        const rho = spec.rho ?? 0.9;
        const eps = spec.eps ?? 1e-6;
        const g = spec.weightDecay ? tf.add(g0, tf.mul(p, spec.weightDecay)) : g0;
        const [sq, acc] = slot(p, 2);
        sq.assign(tf.add(tf.mul(sq, rho), tf.mul(tf.square(g), 1 - rho)));
        const delta = tf.mul(tf.div(tf.sqrt(tf.add(acc, eps)), tf.sqrt(tf.add(sq, eps))), g);
        acc.assign(tf.add(tf.mul(acc, rho), tf.mul(tf.square(delta), 1 - rho)));
        p.assign(tf.sub(p, tf.mul(delta, lr)));
        return;
      }
    }
  }
  return opt;
}
