// A deterministic stand-in encoder for tests: each text maps to a fixed pseudo-random unit vector; calls are counted.
import { createHash } from 'node:crypto';
import type { Matrix } from '@scbench/api';
import type { EmbedOptions, TextEncoder } from '../encoder.ts';

export interface FakeEncoder extends TextEncoder {
  calls: string[][];
}

export function fakeVector(text: string, dim: number): Float32Array {
  const v = new Float32Array(dim);
  let seed = createHash('sha256').update(text).digest().readUInt32LE(0) || 1;
  for (let i = 0; i < dim; i++) {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    v[i] = (seed >>> 0) / 2 ** 32 - 0.5;
  }
  return v;
}

export function fakeEncoder(id = 'fake/v1', dim = 8, batchSize = 4): FakeEncoder {
  const calls: string[][] = [];
  return {
    id,
    dim,
    calls,
    async embed(texts: readonly string[], options: EmbedOptions = {}): Promise<Matrix> {
      calls.push([...texts]);
      const data = new Float32Array(texts.length * dim);
      for (let i = 0; i < texts.length; i++) {
        data.set(fakeVector(texts[i], dim), i * dim);
        if ((i + 1) % batchSize === 0 || i === texts.length - 1) options.onProgress?.(i + 1, texts.length);
      }
      return { rows: texts.length, cols: dim, data };
    },
  };
}
