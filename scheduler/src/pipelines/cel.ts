/**
 * CEL expressions in pipelines (`when`, `exit_when`, transform assignments, rules, vector filters):
 * compiled once when a pipeline version is prepared ({@link compileCel}), evaluated per request
 * against a {@link CelScope}.
 *
 * ## Variables an expression sees
 *
 * - each of the node's inputs by name (`amount > 100.0`);
 * - `inputs`: the node's inputs as a map (`has(inputs.amount)`, `"amount" in inputs`);
 * - `attributes`: the request attributes, a `map<string, string>`;
 * - `outputs`: what the node's upstream nodes produced, both flat (`outputs["risk.probability"]`)
 *   and nested (`outputs.risk.probability`), with the pipeline's inputs under `input`
 *   (`outputs.input.amount`); only nodes the node depends on through edges appear;
 * - `result`: in `exit_when` only, the node's own outputs;
 * - in transforms, the names of earlier assignments; in a rules node's `score`, `label` and `scores`.
 *
 * An input named like a reserved variable (`inputs`, `attributes`, `outputs`, `result`) is reachable
 * only through `inputs["..."]`.
 *
 * ## Values
 *
 * JSON-like values map to CEL as usual: numbers are `double`, bigints `int`, strings, bools, bytes,
 * lists and maps. A tensor is a map `{datatype: string, shape: list<int>, data: list}` whose data
 * are `double` for FP16/BF16/FP32/FP64, `int` for INT8..INT64 and UINT8..UINT32, `uint` for UINT64,
 * `bool` for BOOL and `bytes` for BYTES. A tensor that passes through an expression unchanged stays
 * the same tensor; a new one is built with `tensor(datatype, shape, data)`. CEL is strict about
 * numeric types: `x + 1` fails when `x` is a double (write `x + 1.0`); comparisons across numeric
 * types (`x > 1`) are fine.
 *
 * ## Functions
 *
 * The CEL standard library, the `strings` extension (`lowerAscii`, `split`, `indexOf`...), and:
 *
 * | function | result |
 * |---|---|
 * | `tensor(datatype, shape, data)` | a tensor (data length must match the shape) |
 * | `normalize(v)` | `v` scaled to unit L2 norm, `list<double>` (a zero vector stays zero) |
 * | `standardize(x, mean, std)` | `(x - mean) / std`; `x` a number or vector, `mean`/`std` numbers or vectors |
 * | `rescale(x, lo, hi)` | `(x - lo) / (hi - lo)`, same broadcasting |
 * | `clamp(x, lo, hi)` | `x` limited to `[lo, hi]`, same broadcasting |
 * | `concat(a, b, ...)` (2 to 8 arguments) | one list: lists and tensors contribute their elements, scalars themselves |
 * | `pick(v, i)` / `pick(v, [i, j, ...])` | element `i` of a list or tensor / the elements at those indices |
 * | `threshold(x, t)` | `1.0` where `x >= t`, else `0.0` (number or elementwise) |
 * | `one_hot(i, n)` | `n` doubles, `1.0` at index `i` |
 * | `one_hot(value, categories)` | `1.0` at the position of `value` in `categories`; all `0.0` when absent |
 * | `argmax(v)` / `argmin(v)` | `int` index of the first largest / smallest element |
 * | `top_k(v, k)` | `list<int>`: indices of the `k` largest elements, largest first |
 * | `sum(v)` / `mean(v)` | `double` |
 * | `min(v)` / `max(v)` | smallest / largest element, `double`; `min(a, b)` / `max(a, b)` of two numbers |
 * | `softmax(v)` | `list<double>` |
 * | `dot(a, b)` | `double` |
 * | `abs`, `sqrt`, `exp`, `log`, `sigmoid`, `floor`, `ceil`, `round` | `double` of one number |
 * | `get(map, key, default)` | `map[key]` when present, else `default` |
 *
 * "Vector" arguments accept a list of numbers or a tensor (its data).
 */

import { type Datatype, elementCount, InvalidArgumentError, isDatatype } from "@arbiter/core";
import {
  type CelInput,
  type CelList,
  type CelMap,
  type CelResult,
  CelScalar,
  type CelValue,
  celEnv,
  celFunc,
  celList,
  celMap,
  celUint,
  isCelError,
  isCelList,
  isCelMap,
  isCelType,
  isCelUint,
  parse,
  plan,
} from "@bufbuild/cel";
import { strings } from "@bufbuild/cel/ext";
import { isTensorValue, type NodeValue, type NodeValues, type TensorValue } from "./node-kind.ts";

type Expr = ReturnType<typeof parse>["expr"];
type Bindings = Record<string, CelInput>;

/** Variables every expression sees besides the node's inputs (see the module comment). */
export const RESERVED_VARIABLES: readonly string[] = Object.freeze(["inputs", "attributes", "outputs", "result"]);

/** Identifiers that name CEL types (`type(x) == double`), never variables. */
const TYPE_NAMES = new Set([
  "int",
  "uint",
  "double",
  "bool",
  "string",
  "bytes",
  "list",
  "map",
  "null_type",
  "type",
  "dyn",
]);

// ---------------------------------------------------------------------------------------------
// Values: NodeValue <-> CEL
// ---------------------------------------------------------------------------------------------

/** Tensors already converted to CEL maps (one conversion per tensor, however many expressions read it). */
const celOfTensor = new WeakMap<TensorValue, CelMap>();
/** The tensor behind a CEL map made by {@link toCelValue} or `tensor()`: how tensors survive an expression. */
const tensorOfCel = new WeakMap<CelMap, TensorValue>();

/** Converts a value on an edge to what CEL expressions see (see the module comment). */
export function toCelValue(value: NodeValue): CelInput {
  switch (typeof value) {
    case "number":
    case "string":
    case "boolean":
    case "bigint":
      return value;
  }
  if (value === null || value instanceof Uint8Array) return value;
  if (Array.isArray(value)) return listToCel(value as readonly NodeValue[]);
  if (isTensorValue(value)) return tensorToCel(value);
  return objectToCel(value as { readonly [key: string]: NodeValue });
}

function listToCel(list: readonly NodeValue[]): CelList {
  // The CEL list converts primitive elements lazily on access; only structured elements need us.
  for (let i = 0; i < list.length; i++) {
    const v = list[i];
    if (typeof v === "object" && v !== null && !(v instanceof Uint8Array)) return celList(list.map(toCelValue));
  }
  return celList(list as readonly CelInput[]);
}

function objectToCel(object: { readonly [key: string]: NodeValue }): CelMap {
  const map = new Map<string, CelInput>();
  for (const key of Object.keys(object)) map.set(key, toCelValue(object[key] as NodeValue));
  return celMap(map);
}

function tensorToCel(tensor: TensorValue): CelMap {
  const cached = celOfTensor.get(tensor);
  if (cached !== undefined) return cached;
  const map = celMap(
    new Map<string, CelInput>([
      ["datatype", tensor.datatype],
      ["shape", tensor.shape.map((d) => BigInt(d))],
      ["data", celList(tensorElements(tensor))],
    ]),
  );
  celOfTensor.set(tensor, map);
  tensorOfCel.set(map, tensor);
  return map;
}

function tensorElements(tensor: TensorValue): CelInput[] {
  const data = tensor.data as ArrayLike<unknown>;
  switch (tensor.datatype) {
    case "FP16":
    case "BF16":
    case "FP32":
    case "FP64":
      return Array.from(data as ArrayLike<number>, Number);
    case "UINT64":
      return Array.from(data as ArrayLike<bigint>, (x) => celUint(BigInt(x)));
    case "BOOL":
      return Array.from(data, Boolean);
    case "BYTES":
      return Array.from(data as ArrayLike<Uint8Array>);
    default:
      return Array.from(data as ArrayLike<number | bigint>, (x) => BigInt(x));
  }
}

/**
 * Converts what an expression produced back to a value on an edge: `int` and `uint` become
 * bigints, lists arrays, maps plain objects, tensor maps tensors. Throws for CEL values that have
 * no place on an edge (types, timestamps, durations).
 */
export function fromCelValue(value: CelValue | CelInput): NodeValue {
  switch (typeof value) {
    case "number":
    case "string":
    case "boolean":
    case "bigint":
      return value;
  }
  if (value === null || value instanceof Uint8Array) return value;
  if (isCelUint(value)) return value.value;
  if (isCelList(value)) {
    const out: NodeValue[] = [];
    for (const element of value) out.push(fromCelValue(element));
    return out;
  }
  if (isCelMap(value)) {
    const tensor = tensorOfCel.get(value);
    if (tensor !== undefined) return tensor;
    const out: Record<string, NodeValue> = {};
    for (const [key, element] of value) out[String(isCelUint(key) ? key.value : key)] = fromCelValue(element);
    return out;
  }
  if (Array.isArray(value)) return value.map((v) => fromCelValue(v as CelInput));
  if (isCelType(value)) return value.name;
  if (Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, NodeValue> = {};
    for (const [key, element] of Object.entries(value)) out[key] = fromCelValue(element as CelInput);
    return out;
  }
  throw new Error(`${describeCel(value as CelValue)} cannot be a pipeline value`);
}

/** Describes a CEL value for an error message: `double 0.7`, `string "abc"`, `list of 3`, `tensor FP32 [1, 4]`. */
export function describeCel(value: CelValue | CelInput | undefined): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  switch (typeof value) {
    case "number":
      return `double ${value}`;
    case "bigint":
      return `int ${value}`;
    case "boolean":
      return `bool ${value}`;
    case "string":
      return `string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value)}`;
  }
  if (value instanceof Uint8Array) return `bytes (${value.byteLength})`;
  if (isCelUint(value)) return `uint ${value.value}`;
  if (isCelList(value)) return `list of ${value.size}`;
  if (isCelMap(value)) {
    const tensor = tensorOfCel.get(value);
    return tensor === undefined ? `map of ${value.size}` : `tensor ${tensor.datatype} [${tensor.shape.join(", ")}]`;
  }
  if (isCelType(value)) return `type ${value.name}`;
  return "a message";
}

// ---------------------------------------------------------------------------------------------
// Scope: the variables of one evaluation
// ---------------------------------------------------------------------------------------------

/** Where a scope reads its variables from: a NodeCall is one. */
export interface CelScopeSource {
  readonly inputs: NodeValues;
  readonly attributes: Readonly<Record<string, string>>;
  readonly upstream?: Readonly<Record<string, NodeValues>>;
}

/**
 * The variables of one node execution. Values are converted to CEL on first use and cached, so
 * several expressions over the same scope (a rules node's rules) convert each input once, and
 * inputs no expression mentions are never converted.
 */
export class CelScope {
  readonly #source: CelScopeSource;
  readonly #result: NodeValues | undefined;
  readonly #cache = new Map<string, CelInput | undefined>();
  #defined: Map<string, CelInput> | undefined;

  /** `result` is the node's own outputs, visible to `exit_when` as `result`. */
  constructor(source: CelScopeSource, result?: NodeValues) {
    this.#source = source;
    this.#result = result;
  }

  /** Binds `name` for later expressions (transform assignments, a rules node's `label`); shadows inputs. */
  define(name: string, value: CelInput): void {
    if (this.#defined === undefined) this.#defined = new Map();
    this.#defined.set(name, value);
  }

  /** The CEL value of variable `name`, or undefined when the scope has none. */
  resolve(name: string): CelInput | undefined {
    const defined = this.#defined?.get(name);
    if (defined !== undefined) return defined;
    if (this.#cache.has(name)) return this.#cache.get(name);
    const value = this.#compute(name);
    this.#cache.set(name, value);
    return value;
  }

  #compute(name: string): CelInput | undefined {
    const source = this.#source;
    switch (name) {
      case "inputs":
        return objectToCel(source.inputs);
      case "attributes":
        return celMap(new Map(Object.entries(source.attributes)));
      case "outputs":
        return this.#outputs();
      case "result":
        return this.#result === undefined ? undefined : objectToCel(this.#result);
    }
    if (!Object.hasOwn(source.inputs, name)) return undefined;
    return toCelValue(source.inputs[name] as NodeValue);
  }

  #outputs(): CelMap {
    const map = new Map<string, CelInput>();
    const add = (node: string, values: NodeValues) => {
      map.set(node, objectToCel(values));
      for (const output of Object.keys(values)) map.set(`${node}.${output}`, toCelValue(values[output] as NodeValue));
    };
    const upstream = this.#source.upstream;
    if (upstream !== undefined) for (const node of Object.keys(upstream)) add(node, upstream[node] as NodeValues);
    return celMap(map);
  }
}

// ---------------------------------------------------------------------------------------------
// Compilation
// ---------------------------------------------------------------------------------------------

/** Where an expression sits in a pipeline, for error messages. */
export interface CelLocation {
  /** Node name. */
  readonly node: string;
  /** Field of the node, e.g. `when`, `assignments[z]`, `rules[high_risk].when`. */
  readonly field: string;
}

/** Options of {@link checkCel} and {@link compileCel}. */
export interface CelCheckOptions {
  /**
   * Variables the expression may reference besides the reserved ones (`inputs`, `attributes`,
   * `outputs`, `result`); when given, a reference to any other name is a compile error. Omit it
   * where the set is not known (a runner's `prepare` does not see the pipeline's edges).
   */
  readonly variables?: ReadonlySet<string>;
}

interface Parsed {
  readonly expr: Expr;
  readonly names: readonly string[];
}

/** One environment for every expression: the standard library, strings, and the pipeline functions. */
const env = celEnv({ funcs: [...strings, ...pipelineFunctions()] });

/**
 * Checks an expression without evaluating it: syntax, functions that do not exist, and (with
 * `variables`) references to unknown names. Returns the problem, e.g.
 * `invalid CEL expression: syntax error at 1:3: found + but expecting end of input`, or undefined when fine.
 */
export function checkCel(source: string, options: CelCheckOptions = {}): string | undefined {
  const parsed = parseCel(source, options);
  return typeof parsed === "string" ? `invalid CEL expression: ${parsed}` : undefined;
}

function parseCel(source: string, options: CelCheckOptions): Parsed | string {
  if (source.trim() === "") return "empty expression";
  let expr: Expr;
  try {
    expr = parse(source).expr;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const at = /^<input>:(\d+):(\d+): ([\s\S]*)$/.exec(message);
    return at === null ? `syntax error: ${message}` : `syntax error at ${at[1]}:${at[2]}: ${at[3]}`;
  }
  const names = new Set<string>();
  const problems: string[] = [];
  analyse(expr, new Set(), names, problems);
  if (problems.length > 0) return problems[0] as string;
  const variables = options.variables;
  if (variables !== undefined) {
    for (const name of names) {
      if (!variables.has(name) && !RESERVED_VARIABLES.includes(name) && !TYPE_NAMES.has(name)) {
        return `undeclared reference to "${name}"`;
      }
    }
  }
  return { expr, names: [...names].filter((n) => !TYPE_NAMES.has(n)) };
}

/** Walks an AST: free variables into `names`, unknown functions into `problems`. */
function analyse(expr: Expr | undefined, bound: ReadonlySet<string>, names: Set<string>, problems: string[]): void {
  if (expr === undefined) return;
  const kind = expr.exprKind;
  switch (kind.case) {
    case "identExpr":
      if (!bound.has(kind.value.name)) names.add(kind.value.name);
      return;
    case "selectExpr":
      analyse(kind.value.operand, bound, names, problems);
      return;
    case "callExpr": {
      const call = kind.value;
      let target = call.target;
      if (/^[A-Za-z]/.test(call.function)) {
        const qualifier = target === undefined ? undefined : qualifiedName(target);
        if (
          qualifier !== undefined &&
          !bound.has(qualifier.split(".")[0] as string) &&
          env.funcs.find(`${qualifier}.${call.function}`)
        ) {
          target = undefined; // `strings.quote(x)`: a namespaced function, not a method on a variable
        } else if (env.funcs.find(call.function) === undefined) {
          problems.push(`unknown function "${call.function}"`);
        }
      }
      analyse(target, bound, names, problems);
      for (const arg of call.args) analyse(arg, bound, names, problems);
      return;
    }
    case "listExpr":
      for (const element of kind.value.elements) analyse(element, bound, names, problems);
      return;
    case "structExpr":
      for (const entry of kind.value.entries) {
        if (entry.keyKind.case === "mapKey") analyse(entry.keyKind.value, bound, names, problems);
        analyse(entry.value, bound, names, problems);
      }
      return;
    case "comprehensionExpr": {
      const c = kind.value;
      analyse(c.iterRange, bound, names, problems);
      analyse(c.accuInit, bound, names, problems);
      const inner = new Set(bound);
      inner.add(c.accuVar);
      analyse(c.result, inner, names, problems);
      inner.add(c.iterVar);
      if (c.iterVar2 !== "") inner.add(c.iterVar2);
      analyse(c.loopCondition, inner, names, problems);
      analyse(c.loopStep, inner, names, problems);
      return;
    }
    default:
      return;
  }
}

function qualifiedName(expr: Expr): string | undefined {
  const kind = expr.exprKind;
  if (kind.case === "identExpr") return kind.value.name;
  if (kind.case === "selectExpr" && !kind.value.testOnly && kind.value.operand !== undefined) {
    const operand = qualifiedName(kind.value.operand);
    return operand === undefined ? undefined : `${operand}.${kind.value.field}`;
  }
  return undefined;
}

/**
 * Compiles an expression once (at prepare time). Throws InvalidArgumentError naming the node and
 * field: `node "score" field "when": expected a valid CEL expression, got syntax error at 1:3: ...`.
 */
export function compileCel(source: string, location: CelLocation, options: CelCheckOptions = {}): CelProgram {
  const parsed = parseCel(source, options);
  if (typeof parsed === "string") {
    throw new InvalidArgumentError(fieldOf(location), "a valid CEL expression", parsed);
  }
  return new CelProgram(source, location, parsed.names, plan(env, parsed.expr));
}

function fieldOf(location: CelLocation): string {
  return `node "${location.node}" field "${location.field}"`;
}

/**
 * A compiled expression. The evaluation methods throw InvalidArgumentError naming the node and
 * field, the expected type and what the expression produced (or why it failed), e.g.
 * `node "decide" field "rules[high].when": expected bool, got error: no value for "amount"`.
 */
export class CelProgram {
  readonly source: string;
  readonly location: CelLocation;
  /** Free variables the expression reads: only these are bound (and converted) per evaluation. */
  readonly names: readonly string[];
  readonly #run: (bindings: Bindings) => CelResult;

  constructor(source: string, location: CelLocation, names: readonly string[], run: (bindings: Bindings) => CelResult) {
    this.source = source;
    this.location = location;
    this.names = names;
    this.#run = run;
  }

  /** Evaluates to a CEL value. `expected` words the error when evaluation fails. */
  evaluate(scope: CelScope, expected = "a value"): CelValue {
    const bindings: Bindings = {};
    for (const name of this.names) {
      const value = scope.resolve(name);
      if (value !== undefined) bindings[name] = value;
    }
    const result = this.#run(bindings);
    if (isCelError(result)) throw this.#error(expected, `error: ${this.#explain(result.message, scope)}`);
    return result;
  }

  /** Evaluates a condition; anything but a bool is an error. */
  evaluateBool(scope: CelScope): boolean {
    const value = this.evaluate(scope, "bool");
    if (typeof value !== "boolean") throw this.#error("bool", describeCel(value));
    return value;
  }

  /** Evaluates to a number (double, int or uint). */
  evaluateNumber(scope: CelScope): number {
    const value = this.evaluate(scope, "a number");
    if (typeof value === "number") return value;
    if (typeof value === "bigint") return Number(value);
    if (isCelUint(value)) return Number(value.value);
    throw this.#error("a number", describeCel(value));
  }

  /** Evaluates to a value for an edge (see {@link fromCelValue}). */
  evaluateValue(scope: CelScope): NodeValue {
    return this.toValue(this.evaluate(scope));
  }

  /** Converts what this expression produced to a value for an edge, with this expression's error wording. */
  toValue(value: CelValue): NodeValue {
    try {
      return fromCelValue(value);
    } catch (err) {
      throw this.#error("a pipeline value", describeCel(value), err);
    }
  }

  #error(expected: string, received: string, cause?: unknown): InvalidArgumentError {
    return new InvalidArgumentError(fieldOf(this.location), expected, received, cause === undefined ? {} : { cause });
  }

  // CEL reports a missing variable as "unresolved attribute" without its name; name it.
  #explain(message: string, scope: CelScope): string {
    if (message !== "unresolved attribute") return message;
    for (const name of this.names) if (scope.resolve(name) === undefined) return `no value for "${name}"`;
    return message;
  }
}

// ---------------------------------------------------------------------------------------------
// Functions
// ---------------------------------------------------------------------------------------------

function pipelineFunctions() {
  const D = CelScalar.DYN;
  const fn1 = (name: string, impl: (a: CelValue) => CelInput) => celFunc(name, [D], D, impl);
  const fn2 = (name: string, impl: (a: CelValue, b: CelValue) => CelInput) => celFunc(name, [D, D], D, impl);
  const fn3 = (name: string, impl: (a: CelValue, b: CelValue, c: CelValue) => CelInput) =>
    celFunc(name, [D, D, D], D, impl);
  const math = (name: string, f: (x: number) => number) => fn1(name, (x) => f(num(name, x)));
  const concats = [];
  for (let arity = 2; arity <= 8; arity++) {
    concats.push(celFunc("concat", new Array(arity).fill(D), D, (...args: CelValue[]) => concat(args)));
  }
  return [
    fn3("tensor", makeTensor),
    fn1("normalize", (v) => {
      const xs = vector("normalize", v);
      let norm = 0;
      for (const x of xs) norm += x * x;
      norm = Math.sqrt(norm);
      return norm === 0 ? xs : xs.map((x) => x / norm);
    }),
    fn3("standardize", (x, mean, std) => broadcast("standardize", x, mean, std, (a, m, s) => (a - m) / s)),
    fn3("rescale", (x, lo, hi) => broadcast("rescale", x, lo, hi, (a, l, h) => (a - l) / (h - l))),
    fn3("clamp", (x, lo, hi) => broadcast("clamp", x, lo, hi, (a, l, h) => Math.min(Math.max(a, l), h))),
    ...concats,
    fn2("pick", pick),
    fn2("threshold", (x, t) => broadcast("threshold", x, t, 0, (a, b) => (a >= b ? 1 : 0))),
    fn2("one_hot", oneHot),
    fn1("argmax", (v) => BigInt(extremeIndex("argmax", v, 1))),
    fn1("argmin", (v) => BigInt(extremeIndex("argmin", v, -1))),
    fn2("top_k", (v, k) => topK(v, k)),
    fn1("sum", (v) => vector("sum", v).reduce((a, b) => a + b, 0)),
    fn1("mean", (v) => {
      const xs = nonEmpty("mean", v);
      return xs.reduce((a, b) => a + b, 0) / xs.length;
    }),
    fn1("min", (v) => Math.min(...nonEmpty("min", v))),
    fn1("max", (v) => Math.max(...nonEmpty("max", v))),
    fn2("min", (a, b) => Math.min(num("min", a), num("min", b))),
    fn2("max", (a, b) => Math.max(num("max", a), num("max", b))),
    fn1("softmax", (v) => {
      const xs = nonEmpty("softmax", v);
      const top = Math.max(...xs);
      const exps = xs.map((x) => Math.exp(x - top));
      const total = exps.reduce((a, b) => a + b, 0);
      return exps.map((e) => e / total);
    }),
    fn2("dot", (a, b) => {
      const xs = vector("dot", a);
      const ys = vector("dot", b);
      if (xs.length !== ys.length) throw new Error(`dot: vectors of ${xs.length} and ${ys.length} elements`);
      let s = 0;
      for (let i = 0; i < xs.length; i++) s += (xs[i] as number) * (ys[i] as number);
      return s;
    }),
    math("abs", Math.abs),
    math("sqrt", Math.sqrt),
    math("exp", Math.exp),
    math("log", Math.log),
    math("sigmoid", (x) => 1 / (1 + Math.exp(-x))),
    math("floor", Math.floor),
    math("ceil", Math.ceil),
    math("round", Math.round),
    fn3("get", (m, key, fallback) => {
      if (!isCelMap(m)) throw new Error(`get: expected a map, got ${describeCel(m)}`);
      const value = m.get(key as string);
      return value === undefined ? fallback : value;
    }),
  ];
}

function num(fn: string, v: CelValue): number {
  if (typeof v === "number") return v;
  if (typeof v === "bigint") return Number(v);
  if (isCelUint(v)) return Number(v.value);
  throw new Error(`${fn}: expected a number, got ${describeCel(v)}`);
}

/** The numbers of a list or tensor. */
function vector(fn: string, v: CelValue): number[] {
  if (isCelMap(v)) {
    const tensor = tensorOfCel.get(v);
    if (tensor !== undefined && tensor.datatype !== "BYTES") {
      return Array.from(tensor.data as ArrayLike<number | bigint | boolean>, Number);
    }
  }
  if (!isCelList(v)) throw new Error(`${fn}: expected a list of numbers or a tensor, got ${describeCel(v)}`);
  const out: number[] = new Array(v.size);
  let i = 0;
  for (const x of v) out[i++] = num(fn, x);
  return out;
}

function nonEmpty(fn: string, v: CelValue): number[] {
  const xs = vector(fn, v);
  if (xs.length === 0) throw new Error(`${fn}: expected a non-empty list`);
  return xs;
}

function isVector(v: CelValue): boolean {
  return isCelList(v) || (isCelMap(v) && tensorOfCel.has(v));
}

/** Applies `f` to a number, or elementwise to a vector with scalar-or-vector parameters. */
function broadcast(
  fn: string,
  x: CelValue,
  a: CelValue,
  b: CelValue,
  f: (x: number, a: number, b: number) => number,
): CelInput {
  if (!isVector(x)) {
    return f(num(fn, x), isVector(a) ? Number.NaN : num(fn, a), isVector(b) ? Number.NaN : num(fn, b));
  }
  const xs = vector(fn, x);
  const param = (p: CelValue): ((i: number) => number) => {
    if (!isVector(p)) {
      const n = num(fn, p);
      return () => n;
    }
    const ps = vector(fn, p);
    if (ps.length !== xs.length) throw new Error(`${fn}: expected ${xs.length} parameters, got ${ps.length}`);
    return (i) => ps[i] as number;
  };
  const pa = param(a);
  const pb = param(b);
  return xs.map((v, i) => f(v, pa(i), pb(i)));
}

function elements(v: CelValue): CelValue[] {
  if (isCelList(v)) return [...v];
  if (isCelMap(v) && tensorOfCel.has(v)) return [...(v.get("data") as CelList)];
  return [v];
}

function concat(args: CelValue[]): CelInput {
  const out: CelValue[] = [];
  for (const arg of args) for (const element of elements(arg)) out.push(element);
  return out as CelInput;
}

function index(fn: string, i: CelValue, size: number): number {
  const n = num(fn, i);
  if (!Number.isInteger(n) || n < 0 || n >= size) throw new Error(`${fn}: index ${n} out of range [0, ${size})`);
  return n;
}

function pick(v: CelValue, at: CelValue): CelInput {
  if (!isVector(v)) throw new Error(`pick: expected a list or tensor, got ${describeCel(v)}`);
  const xs = elements(v);
  if (isCelList(at)) {
    const out: CelValue[] = [];
    for (const i of at) out.push(xs[index("pick", i, xs.length)] as CelValue);
    return out as CelInput;
  }
  return xs[index("pick", at, xs.length)] as CelInput;
}

function oneHot(value: CelValue, n: CelValue): CelInput {
  if (isCelList(n)) {
    const categories = [...n];
    const out = new Array<number>(categories.length).fill(0);
    const at = categories.findIndex((c) => c === value || (typeof c === "number" && c === num("one_hot", value)));
    if (at >= 0) out[at] = 1;
    return out;
  }
  const size = num("one_hot", n);
  if (!Number.isInteger(size) || size < 0) throw new Error(`one_hot: expected a size >= 0, got ${describeCel(n)}`);
  const out = new Array<number>(size).fill(0);
  out[index("one_hot", value, size)] = 1;
  return out;
}

function extremeIndex(fn: string, v: CelValue, sign: 1 | -1): number {
  const xs = nonEmpty(fn, v);
  let best = 0;
  for (let i = 1; i < xs.length; i++) if (sign * ((xs[i] as number) - (xs[best] as number)) > 0) best = i;
  return best;
}

function topK(v: CelValue, k: CelValue): CelInput {
  const xs = vector("top_k", v);
  const count = Math.min(Math.max(0, num("top_k", k)), xs.length);
  const order = xs.map((_, i) => i).sort((a, b) => (xs[b] as number) - (xs[a] as number) || a - b);
  return order.slice(0, count).map((i) => BigInt(i));
}

function makeTensor(datatype: CelValue, shape: CelValue, data: CelValue): CelInput {
  if (typeof datatype !== "string" || !isDatatype(datatype)) {
    throw new Error(`tensor: expected a datatype such as "FP32", got ${describeCel(datatype)}`);
  }
  if (!isCelList(shape)) throw new Error(`tensor: expected a shape list, got ${describeCel(shape)}`);
  const dims: number[] = [];
  for (const d of shape) {
    const n = num("tensor", d);
    if (!Number.isInteger(n) || n < 0) throw new Error(`tensor: expected dimensions >= 0, got ${describeCel(d)}`);
    dims.push(n);
  }
  const values = elements(data);
  const count = elementCount(dims);
  if (values.length !== count) {
    throw new Error(`tensor: shape [${dims.join(", ")}] needs ${count} elements, got ${values.length}`);
  }
  const tensor: TensorValue = { kind: "tensor", datatype, shape: dims, data: tensorData(datatype, values) };
  return tensorToCel(tensor);
}

function integer(v: CelValue): bigint {
  if (typeof v === "bigint") return v;
  if (isCelUint(v)) return v.value;
  return BigInt(Math.trunc(num("tensor", v)));
}

function tensorData(datatype: Datatype, values: CelValue[]): TensorValue["data"] {
  const nums = () => values.map((v) => num("tensor", v));
  switch (datatype) {
    case "BOOL":
      return values.map((v) => {
        if (typeof v !== "boolean") throw new Error(`tensor: expected bool elements, got ${describeCel(v)}`);
        return v;
      });
    case "BYTES":
      return values.map((v) => {
        if (v instanceof Uint8Array) return v;
        if (typeof v === "string") return new TextEncoder().encode(v);
        throw new Error(`tensor: expected bytes or string elements, got ${describeCel(v)}`);
      });
    case "INT64":
      return BigInt64Array.from(values, integer);
    case "UINT64":
      return BigUint64Array.from(values, integer);
    case "INT8":
      return Int8Array.from(nums());
    case "INT16":
      return Int16Array.from(nums());
    case "INT32":
      return Int32Array.from(nums());
    case "UINT8":
      return Uint8Array.from(nums());
    case "UINT16":
      return Uint16Array.from(nums());
    case "UINT32":
      return Uint32Array.from(nums());
    case "FP64":
      return Float64Array.from(nums());
    default:
      // FP32, FP16, BF16: held as float32 numbers; the model layer encodes half precision.
      return Float32Array.from(nums());
  }
}
