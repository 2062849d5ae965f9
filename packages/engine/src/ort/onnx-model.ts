/**
 * A minimal writer of ONNX ModelProto bytes: just enough protobuf (varints, length-delimited fields,
 * packed floats) to describe small float32 graphs built in code. No onnx/protobuf dependency needed.
 * Field numbers follow onnx/onnx.proto.
 */

type Dim = number | string;

export interface OnnxValue {
  name: string;
  /** Numbers are fixed sizes; strings are symbolic dimensions. */
  shape: readonly Dim[];
  /** TensorProto.DataType: 1 float32 (default), 6 int32, 7 int64. */
  elemType?: number;
}

export type AttrValue = number | string | readonly number[] | { float: number } | { floats: readonly number[] };

export interface OnnxNode {
  op: string;
  inputs: readonly string[];
  outputs: readonly string[];
  attrs?: Record<string, AttrValue>;
  domain?: string;
}

export interface OnnxInitializer {
  name: string;
  dims: readonly number[];
  /** Float32 values, or int64 given as numbers with `int64: true`. */
  values: readonly number[] | Float32Array;
  int64?: boolean;
}

export interface OnnxGraph {
  name?: string;
  nodes: readonly OnnxNode[];
  inputs: readonly OnnxValue[];
  outputs: readonly OnnxValue[];
  initializers?: readonly OnnxInitializer[];
  /** Default opset 17. */
  opset?: number;
}

class Writer {
  private buf = new Uint8Array(256);
  private len = 0;

  private ensure(n: number): void {
    if (this.len + n <= this.buf.length) return;
    const next = new Uint8Array(Math.max(this.buf.length * 2, this.len + n));
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
  }

  varint(v: number | bigint): this {
    // Negative int64 values are written as their 64-bit two's complement (10 bytes).
    let x = BigInt.asUintN(64, BigInt(v));
    this.ensure(10);
    while (x >= 0x80n) {
      this.buf[this.len++] = Number(x & 0x7fn) | 0x80;
      x >>= 7n;
    }
    this.buf[this.len++] = Number(x);
    return this;
  }

  tag(field: number, wire: number): this {
    return this.varint((field << 3) | wire);
  }

  bytes(field: number, b: Uint8Array): this {
    this.tag(field, 2).varint(b.length);
    this.ensure(b.length);
    this.buf.set(b, this.len);
    this.len += b.length;
    return this;
  }

  string(field: number, s: string): this {
    return this.bytes(field, new TextEncoder().encode(s));
  }

  message(field: number, w: Writer): this {
    return this.bytes(field, w.finish());
  }

  int(field: number, v: number): this {
    return this.tag(field, 0).varint(v);
  }

  float(field: number, v: number): this {
    this.tag(field, 5);
    this.ensure(4);
    new DataView(this.buf.buffer).setFloat32(this.len, v, true);
    this.len += 4;
    return this;
  }

  finish(): Uint8Array {
    return this.buf.slice(0, this.len);
  }
}

function valueInfo(v: OnnxValue): Writer {
  const shape = new Writer();
  for (const d of v.shape) {
    const dim = new Writer();
    if (typeof d === 'number') dim.int(1, d);
    else dim.string(2, d);
    shape.message(1, dim);
  }
  const tensorType = new Writer().int(1, v.elemType ?? 1).message(2, shape);
  const type = new Writer().message(1, tensorType);
  return new Writer().string(1, v.name).message(2, type);
}

function attribute(name: string, value: AttrValue): Writer {
  // AttributeProto: name=1, f=2, i=3, s=4, floats=7, ints=8, type=20 (FLOAT 1, INT 2, STRING 3, FLOATS 6, INTS 7).
  const w = new Writer().string(1, name);
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) throw new Error(`attribute ${name}: use { float } for non-integer values`);
    return w.int(3, value).int(20, 2);
  }
  if (typeof value === 'string') return w.string(4, value).int(20, 3);
  if ('float' in value) return w.float(2, value.float).int(20, 1);
  if ('floats' in value) {
    for (const f of value.floats) w.float(7, f);
    return w.int(20, 6);
  }
  for (const i of value as readonly number[]) w.int(8, i);
  return w.int(20, 7);
}

function initializer(t: OnnxInitializer): Writer {
  // TensorProto: dims=1, data_type=2, name=8, raw_data=9 (little-endian).
  const w = new Writer();
  for (const d of t.dims) w.int(1, d);
  w.int(2, t.int64 ? 7 : 1).string(8, t.name);
  if (t.int64) {
    const raw = new BigInt64Array(t.values.length);
    t.values.forEach((v, i) => (raw[i] = BigInt(v)));
    w.bytes(9, new Uint8Array(raw.buffer));
  } else {
    const raw = Float32Array.from(t.values);
    w.bytes(9, new Uint8Array(raw.buffer));
  }
  return w;
}

/** Serialise a graph as an ONNX model (IR version 8) ready for `new InferenceSession(bytes)`. */
export function onnxModel(g: OnnxGraph): Uint8Array {
  const graph = new Writer();
  g.nodes.forEach((n, k) => {
    const node = new Writer();
    for (const i of n.inputs) node.string(1, i);
    for (const o of n.outputs) node.string(2, o);
    node.string(3, `${n.op}_${k}`).string(4, n.op);
    for (const [name, v] of Object.entries(n.attrs ?? {})) node.message(5, attribute(name, v));
    if (n.domain) node.string(7, n.domain);
    graph.message(1, node);
  });
  graph.string(2, g.name ?? 'scbench');
  for (const t of g.initializers ?? []) graph.message(5, initializer(t));
  for (const v of g.inputs) graph.message(11, valueInfo(v));
  for (const v of g.outputs) graph.message(12, valueInfo(v));
  const opset = new Writer().string(1, '').int(2, g.opset ?? 17);
  return new Writer().int(1, 8).string(2, 'scbench-engine').message(7, graph).message(8, opset).finish();
}
