/**
 * The noisy ZINB count autoencoder of DCA's descendants — scDeepCluster, scDCC, scziDesk, scNAME:
 *   encoder  x (+ σ·ε on the input) → dense ReLU stack → linear bottleneck z
 *   decoder  z → dense ReLU stack → ZINB heads (mean, dispersion, π)
 * Noise acts only in training (`{ training: true }`); `encode(x)` in eval mode is the clean bottleneck the originals
 * cluster (scDeepCluster_pytorch `forwardAE`'s z0). PyTorch's nn.Linear initialisation by default, as
 * scDeepCluster_pytorch / scDCC; scziDesk (Keras) uses Glorot.
 */
import type * as tf from '@tensorflow/tfjs';
import type { Rng } from '@scbench/numerics';
import { dense, type Dense } from './dense.ts';
import type { Init } from './init.ts';
import type { ApplyOptions, Module } from './layer.ts';
import { denseStack, type Stack } from './stack.ts';
import { gaussianNoise } from './stochastic.ts';
import { zinbDecoder, type ZinbDecoder, type ZinbOutput } from './zinb-decoder.ts';

export interface ZinbAutoencoderOptions {
  /** Hidden sizes of the encoder (scDeepCluster [256, 64]); every one is followed by ReLU. */
  encoder: readonly number[];
  /** Bottleneck size (32). */
  latent: number;
  /** Hidden sizes of the decoder (scDeepCluster [64, 256]). */
  decoder: readonly number[];
  /** σ of the Gaussian noise on the input in training (scDeepCluster 2.5, scziDesk 1.5). */
  inputNoise: number;
  /** σ of the noise after each hidden encoder layer but the last, in training (scziDesk 1.5; default 0). */
  hiddenNoise?: number;
  init?: Init;
}

export interface ZinbAutoencoder extends Module {
  readonly encoder: Stack;
  readonly bottleneck: Dense;
  readonly decoder: Stack;
  readonly zinb: ZinbDecoder;
  /** Bottleneck of x: noisy in training, clean otherwise. */
  encode(x: tf.Tensor2D, opts?: ApplyOptions): tf.Tensor2D;
  /** ZINB parameters of a bottleneck. */
  decode(z: tf.Tensor2D, opts?: ApplyOptions): ZinbOutput;
}

export function zinbAutoencoder(genes: number, o: ZinbAutoencoderOptions, rng: Rng): ZinbAutoencoder {
  if (o.encoder.length === 0 || o.decoder.length === 0) throw new Error('zinbAutoencoder: encoder and decoder need at least one hidden layer each');
  const init = o.init ?? 'torch';
  const r = rng.fork();
  const noise = gaussianNoise(o.inputNoise, r);
  const encoder = denseStack([genes, ...o.encoder], r, { activation: 'relu', outputActivation: 'relu', hiddenNoise: o.hiddenNoise, init });
  const bottleneck = dense(o.encoder[o.encoder.length - 1], o.latent, r, { init });
  const decoder = denseStack([o.latent, ...o.decoder], r, { activation: 'relu', outputActivation: 'relu', init });
  const zinb = zinbDecoder(o.decoder[o.decoder.length - 1], genes, r, { init });
  return {
    encoder,
    bottleneck,
    decoder,
    zinb,
    variables: [...encoder.variables, ...bottleneck.variables, ...decoder.variables, ...zinb.variables],
    encode: (x, opts = {}) => bottleneck.apply(encoder.apply(noise.apply(x, opts), opts), opts),
    decode: (z, opts = {}) => zinb.apply(decoder.apply(z, opts)),
  };
}
