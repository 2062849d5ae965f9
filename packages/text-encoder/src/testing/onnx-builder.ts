/**
 * A tiny ONNX sentence-transformer stand-in, serialised by hand: a minimal protobuf writer for the few ONNX
 * messages needed (ModelProto, GraphProto, NodeProto, TensorProto, ValueInfoProto, AttributeProto), field numbers
 * from onnx/onnx.proto. No pretrained ONNX encoder is available offline, so tests and the benchmark build this one.
 *
 * Graph (opset 13), inputs `input_ids`, `attention_mask` (int64 [batch, seq]):
 *   hidden = Gather(E, input_ids) · W  ⊙  float(attention_mask)[..., None]        → `last_hidden_state` [b, s, h]
 * or, with `pooled`, ReduceMean over the sequence of that                          → `sentence_embedding` [b, h]
 */

// ---- protobuf wire format ------------------------------------------------------------------------------
class Writer {
  private parts: number[] = [];

  varint(v: number | bigint): this {
    let x = BigInt.asUintN(64, BigInt(v)); // negative int64 → two's complement, 10 bytes
    while (x >= 0x80n) {
      this.parts.push(Number(x & 0x7fn) | 0x80);
      x >>= 7n;
    }
    this.parts.push(Number(x));
    return this;
  }
  private tag(field: number, wire: number): this {
    return this.varint((field << 3) | wire);
  }
  int(field: number, v: number | bigint): this {
    return this.tag(field, 0).varint(v);
  }
  bytes(field: number, b: Uint8Array): this {
    this.tag(field, 2).varint(b.length);
    for (const x of b) this.parts.push(x);
    return this;
  }
  string(field: number, s: string): this {
    return this.bytes(field, new TextEncoder().encode(s));
  }
  message(field: number, m: Writer): this {
    return this.bytes(field, m.finish());
  }
  finish(): Uint8Array {
    return Uint8Array.from(this.parts);
  }
}

const FLOAT = 1;
const INT64 = 7;
const ATTR_INT = 2;
const ATTR_INTS = 7;

type Dim = number | string;

function valueInfo(name: string, elemType: number, dims: Dim[]): Writer {
  const shape = new Writer();
  for (const d of dims) shape.message(1, typeof d === 'number' ? new Writer().int(1, d) : new Writer().string(2, d));
  const tensorType = new Writer().int(1, elemType).message(2, shape);
  return new Writer().string(1, name).message(2, new Writer().message(1, tensorType));
}

function tensor(name: string, dims: number[], data: Float32Array | BigInt64Array): Writer {
  const t = new Writer();
  for (const d of dims) t.int(1, d);
  t.int(2, data instanceof Float32Array ? FLOAT : INT64).string(8, name);
  return t.bytes(9, new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
}

interface Attr {
  name: string;
  int?: number;
  ints?: number[];
}

function node(op: string, inputs: string[], outputs: string[], attrs: Attr[] = []): Writer {
  const n = new Writer();
  for (const i of inputs) n.string(1, i);
  for (const o of outputs) n.string(2, o);
  n.string(3, `${op}_${outputs[0]}`).string(4, op);
  for (const a of attrs) {
    const w = new Writer().string(1, a.name);
    if (a.ints) {
      for (const v of a.ints) w.int(8, v);
      w.int(20, ATTR_INTS);
    } else {
      w.int(3, a.int!).int(20, ATTR_INT);
    }
    n.message(5, w);
  }
  return n;
}

export interface TinyEncoderSpec {
  /** [vocab × hidden] token embeddings. */
  embedding: Float32Array;
  vocab: number;
  hidden: number;
  /** [hidden × hidden] projection. */
  projection: Float32Array;
  /** Emit a pooled `sentence_embedding` (mean over *all* positions, padding included) instead of token states. */
  pooled?: boolean;
}

/** Serialise the tiny encoder as ONNX bytes (write them to `model.onnx`). */
export function tinyEncoderOnnx(spec: TinyEncoderSpec): Uint8Array {
  const { vocab, hidden } = spec;
  if (spec.embedding.length !== vocab * hidden || spec.projection.length !== hidden * hidden) throw new Error('tinyEncoderOnnx: weight sizes do not match vocab/hidden');
  const g = new Writer();
  g.message(1, node('Gather', ['E', 'input_ids'], ['tokens'], [{ name: 'axis', int: 0 }]));
  g.message(1, node('MatMul', ['tokens', 'W'], ['projected']));
  g.message(1, node('Cast', ['attention_mask'], ['mask_f'], [{ name: 'to', int: FLOAT }]));
  g.message(1, node('Unsqueeze', ['mask_f', 'last_axis'], ['mask3']));
  g.message(1, node('Mul', ['projected', 'mask3'], [spec.pooled ? 'masked' : 'last_hidden_state']));
  if (spec.pooled) g.message(1, node('ReduceMean', ['masked'], ['sentence_embedding'], [{ name: 'axes', ints: [1] }, { name: 'keepdims', int: 0 }]));
  g.string(2, 'tiny-encoder');
  g.message(5, tensor('E', [vocab, hidden], spec.embedding));
  g.message(5, tensor('W', [hidden, hidden], spec.projection));
  g.message(5, tensor('last_axis', [1], BigInt64Array.from([-1n])));
  g.message(11, valueInfo('input_ids', INT64, ['batch', 'seq']));
  g.message(11, valueInfo('attention_mask', INT64, ['batch', 'seq']));
  g.message(12, spec.pooled ? valueInfo('sentence_embedding', FLOAT, ['batch', hidden]) : valueInfo('last_hidden_state', FLOAT, ['batch', 'seq', hidden]));
  const model = new Writer().int(1, 8).string(2, 'scbench-text-encoder-tests').message(7, g).message(8, new Writer().string(1, '').int(2, 13));
  return model.finish();
}

/** Deterministic small weights for the tiny encoder. */
export function tinyWeights(vocab: number, hidden: number, seed = 1): { embedding: Float32Array; projection: Float32Array } {
  let s = seed >>> 0 || 1;
  const next = (): number => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32 - 0.5;
  };
  return { embedding: Float32Array.from({ length: vocab * hidden }, next), projection: Float32Array.from({ length: hidden * hidden }, next) };
}
