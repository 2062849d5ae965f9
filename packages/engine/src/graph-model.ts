/**
 * TF.js graph models (a converted SavedModel: `model.json` + binary weight shards) loaded from a local folder
 * with *this* engine's tfjs, never from the network, and run with plain typed arrays in and out, so callers
 * (text-encoder) never touch tfjs types.
 */
import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import * as tf from '@tensorflow/tfjs';

export interface GraphInput {
  /** Int32Array → int32 tensor, Float32Array → float32 tensor. */
  data: Int32Array | Float32Array;
  shape: readonly number[];
}

export interface GraphOutput {
  data: Float32Array | Int32Array | Uint8Array;
  shape: number[];
}

export interface LocalGraphModel {
  /** Absolute path of the model.json that was loaded. */
  readonly path: string;
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];
  /**
   * Run the graph (`executeAsync` when it has dynamic ops such as `Where`) and return the requested
   * outputs (default: the graph's outputs), read back and disposed.
   */
  run(inputs: Record<string, GraphInput>, outputs?: readonly string[]): Promise<GraphOutput[]>;
  dispose(): void;
}

interface ModelJson {
  modelTopology?: unknown;
  format?: string;
  generatedBy?: string;
  convertedBy?: string | null;
  signature?: unknown;
  userDefinedMetadata?: Record<string, unknown>;
  modelInitializer?: unknown;
  weightsManifest?: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[];
}

/** `model.json` itself, or a folder holding one. */
function modelJsonPath(pathOrDir: string): string {
  if (!existsSync(pathOrDir)) throw new Error(`graph model not found: ${pathOrDir} does not exist (expected a folder with model.json, or the model.json file)`);
  const p = statSync(pathOrDir).isDirectory() ? join(pathOrDir, 'model.json') : pathOrDir;
  if (!existsSync(p)) throw new Error(`graph model not found: ${p} is missing (a TF.js graph model folder holds model.json and its weight shards)`);
  return p;
}

/** An IOHandler that reads model.json and its shards from disk (the tfjs `file://` handler needs tfjs-node). */
export function fileGraphModelHandler(pathOrDir: string): tf.io.IOHandler {
  const json = modelJsonPath(pathOrDir);
  return {
    async load(): Promise<tf.io.ModelArtifacts> {
      let m: ModelJson;
      try {
        m = JSON.parse(await readFile(json, 'utf8')) as ModelJson;
      } catch (e) {
        throw new Error(`graph model ${json} is not valid JSON: ${(e as Error).message}`);
      }
      if (!m.modelTopology) throw new Error(`graph model ${json} has no modelTopology (is it a TF.js graph model?)`);
      const specs: tf.io.WeightsManifestEntry[] = [];
      const buffers: Uint8Array[] = [];
      for (const group of m.weightsManifest ?? []) {
        specs.push(...group.weights);
        for (const p of group.paths) {
          const file = join(dirname(json), p);
          if (!existsSync(file)) throw new Error(`graph model ${json} names weight shard '${p}', but ${file} is missing`);
          buffers.push(await readFile(file));
        }
      }
      const total = buffers.reduce((s, b) => s + b.byteLength, 0);
      const weightData = new ArrayBuffer(total);
      const view = new Uint8Array(weightData);
      let at = 0;
      for (const b of buffers) {
        view.set(b, at);
        at += b.byteLength;
      }
      return {
        modelTopology: m.modelTopology as tf.io.ModelArtifacts['modelTopology'],
        format: m.format,
        generatedBy: m.generatedBy,
        convertedBy: m.convertedBy ?? undefined,
        signature: m.signature as tf.io.ModelArtifacts['signature'],
        userDefinedMetadata: m.userDefinedMetadata as tf.io.ModelArtifacts['userDefinedMetadata'],
        modelInitializer: m.modelInitializer as tf.io.ModelArtifacts['modelInitializer'],
        weightSpecs: specs,
        weightData,
      };
    },
  };
}

function toTensor(name: string, x: GraphInput): tf.Tensor {
  const n = x.shape.reduce((a, b) => a * b, 1);
  if (n !== x.data.length) throw new Error(`graph input '${name}': shape [${x.shape.join(', ')}] needs ${n} values, got ${x.data.length}`);
  return tf.tensor(x.data, [...x.shape], x.data instanceof Int32Array ? 'int32' : 'float32');
}

/** Load a TF.js graph model from a local folder (or model.json path) onto the current tfjs backend. */
export async function loadLocalGraphModel(pathOrDir: string): Promise<LocalGraphModel> {
  const handler = fileGraphModelHandler(pathOrDir);
  const path = modelJsonPath(pathOrDir);
  const model = await tf.loadGraphModel(handler);
  const inputNames = model.inputNodes;
  const outputNames = model.outputNodes;
  // Static graphs run with `execute`; graphs with dynamic ops (USE-lite has `Where`) need `executeAsync`.
  let dynamic: boolean | null = null;
  const execute = async (feed: Record<string, tf.Tensor>, names: string[]): Promise<tf.Tensor | tf.Tensor[]> => {
    if (dynamic !== true) {
      try {
        const out = model.execute(feed, names);
        dynamic = false;
        return out;
      } catch (e) {
        if (dynamic === false || !/executeAsync/.test((e as Error).message)) throw e;
        dynamic = true;
      }
    }
    return model.executeAsync(feed, names);
  };
  return {
    path,
    inputNames,
    outputNames,
    async run(inputs, outputs = outputNames) {
      for (const name of inputNames) if (!(name in inputs)) throw new Error(`graph model ${path}: input '${name}' missing (inputs: ${inputNames.join(', ')})`);
      const feed: Record<string, tf.Tensor> = {};
      for (const [name, x] of Object.entries(inputs)) feed[name] = toTensor(name, x);
      try {
        const out = await execute(feed, [...outputs]);
        const list = Array.isArray(out) ? out : [out];
        try {
          const read: GraphOutput[] = [];
          for (const t of list) read.push({ data: (await t.data()) as GraphOutput['data'], shape: t.shape });
          return read;
        } finally {
          for (const t of list) t.dispose();
        }
      } finally {
        for (const t of Object.values(feed)) t.dispose();
      }
    },
    dispose() {
      model.dispose();
    },
  };
}

