/**
 * Small ONNX models built in memory for the tests: a minimal protobuf writer for the few
 * `onnx.proto` messages a graph needs (mirrors `src/test_models.rs`). Internal; not exported.
 */
import type { OipDatatype } from "./datatypes.ts";

/** ONNX TensorProto.DataType codes. */
const ONNX_TYPE: Readonly<Record<OipDatatype, number>> = {
  FP32: 1,
  UINT8: 2,
  INT8: 3,
  UINT16: 4,
  INT16: 5,
  INT32: 6,
  INT64: 7,
  BYTES: 8,
  BOOL: 9,
  FP16: 10,
  FP64: 11,
  UINT32: 12,
  UINT64: 13,
  BF16: 16,
};

class Msg {
  readonly parts: Uint8Array[] = [];
  #varint(v: bigint): void {
    const out: number[] = [];
    let x = BigInt.asUintN(64, v);
    do {
      const byte = Number(x & 0x7fn);
      x >>= 7n;
      out.push(x === 0n ? byte : byte | 0x80);
    } while (x !== 0n);
    this.parts.push(Uint8Array.from(out));
  }
  int(field: number, v: number): this {
    this.#varint(BigInt(field << 3));
    this.#varint(BigInt(v));
    return this;
  }
  bytes(field: number, v: Uint8Array): this {
    this.#varint(BigInt((field << 3) | 2));
    this.#varint(BigInt(v.byteLength));
    this.parts.push(v);
    return this;
  }
  str(field: number, v: string): this {
    return this.bytes(field, Buffer.from(v, "utf8"));
  }
  msg(field: number, m: Msg): this {
    return this.bytes(field, m.encode());
  }
  encode(): Buffer {
    return Buffer.concat(this.parts);
  }
}

function valueInfo(name: string, datatype: OipDatatype, shape: readonly number[]): Msg {
  const dims = new Msg();
  for (const [i, d] of shape.entries()) dims.msg(1, d >= 0 ? new Msg().int(1, d) : new Msg().str(2, `${name}_d${i}`));
  const tensor = new Msg().int(1, ONNX_TYPE[datatype]).msg(2, dims);
  return new Msg().str(1, name).msg(2, new Msg().msg(1, tensor));
}

/** A graph under construction. */
export class Graph {
  readonly #graph = new Msg();
  input(name: string, datatype: OipDatatype, shape: readonly number[]): this {
    this.#graph.msg(11, valueInfo(name, datatype, shape));
    return this;
  }
  output(name: string, datatype: OipDatatype, shape: readonly number[]): this {
    this.#graph.msg(12, valueInfo(name, datatype, shape));
    return this;
  }
  node(op: string, inputs: readonly string[], outputs: readonly string[], attrs: Record<string, number> = {}): this {
    const n = new Msg();
    for (const i of inputs) n.str(1, i);
    for (const o of outputs) n.str(2, o);
    n.str(4, op);
    for (const [k, v] of Object.entries(attrs)) n.msg(5, new Msg().str(1, k).int(3, v).int(20, 2));
    this.#graph.msg(1, n);
    return this;
  }
  initializerF32(name: string, shape: readonly number[], values: Float32Array): this {
    const t = new Msg();
    for (const d of shape) t.int(1, d);
    t.int(2, 1)
      .str(8, name)
      .bytes(9, new Uint8Array(values.buffer, values.byteOffset, values.byteLength));
    this.#graph.msg(5, t);
    return this;
  }
  model(): Buffer {
    this.#graph.str(2, "test");
    return new Msg()
      .int(1, 8)
      .str(2, "arbiter-tests")
      .msg(8, new Msg().str(1, "").int(2, 17))
      .msg(7, this.#graph)
      .encode();
  }
}

/** `y = Identity(x)` over `[-1, 3]`. */
export function identityModel(datatype: OipDatatype): Buffer {
  return new Graph()
    .input("x", datatype, [-1, 3])
    .output("y", datatype, [-1, 3])
    .node("Identity", ["x"], ["y"])
    .model();
}

/** `c = a + b` over FP32 `[-1, 2]`. */
export function addModel(): Buffer {
  return new Graph()
    .input("a", "FP32", [-1, 2])
    .input("b", "FP32", [-1, 2])
    .output("c", "FP32", [-1, 2])
    .node("Add", ["a", "b"], ["c"])
    .model();
}

/** `layers` chained 512x512 MatMuls on `x: FP32 [-1, 512]`: as slow as you make it. */
export function slowModel(layers: number): Buffer {
  const w = new Float32Array(512 * 512);
  for (let i = 0; i < 512; i++) w[i * 513] = 1;
  const g = new Graph().input("x", "FP32", [-1, 512]).output("y", "FP32", [-1, 512]).initializerF32("w", [512, 512], w);
  for (let i = 0; i < layers; i++)
    g.node("MatMul", [i === 0 ? "x" : `h${i}`, "w"], [i === layers - 1 ? "y" : `h${i + 1}`]);
  return g.model();
}

/** `y = x + W` with `n` FP32 weights: a model whose size is its weights. */
export function heavyModel(n: number): Buffer {
  const w = new Float32Array(n);
  for (let i = 0; i < n; i++) w[i] = i;
  return new Graph()
    .input("x", "FP32", [-1, n])
    .output("y", "FP32", [-1, n])
    .initializerF32("w", [n], w)
    .node("Add", ["x", "w"], ["y"])
    .model();
}

/** `x: FP32 [4]` (no batch dimension) → `y`. */
export function fixedShapeModel(): Buffer {
  return new Graph().input("x", "FP32", [4]).output("y", "FP32", [4]).node("Identity", ["x"], ["y"]).model();
}

/** FP32 bytes of `values`. */
export function f32(...values: number[]): Buffer {
  return Buffer.from(new Float32Array(values).buffer);
}
