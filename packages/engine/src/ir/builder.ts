import { EngineError, EngineErrorCode } from '../errors.ts';
import { dataTypeFromName, type DataType } from './dtype.ts';
import { tensorFromArray, type NumericArray } from './tensor.ts';
import { encodeUtf8 } from './utf8.ts';
import type { Dim, IrAttribute, IrGraph, IrModel, IrNode, IrTensor, IrValueInfo, OpsetImport } from './types.ts';

/** A dtype given by ONNX code or by name (`'float32'`, `'int64'`, ...). */
export type DTypeLike = number | string;

/** Forces a FLOAT / FLOATS attribute even for integral numbers (`alpha: float(1)`). */
export interface FloatAttr {
  readonly kind: 'float';
  readonly value: number | readonly number[];
}
/** Attribute values the builder accepts; integers become INT(S), other numbers FLOAT(S), strings STRING(S). */
export type AttrInput =
  | number
  | bigint
  | string
  | readonly number[]
  | readonly bigint[]
  | readonly string[]
  | FloatAttr
  | IrTensor
  | IrGraph;

/** Marks a number (or list) as a FLOAT attribute. */
export function float(value: number | readonly number[]): FloatAttr {
  return { kind: 'float', value };
}

export interface NodeOptions {
  readonly name?: string;
  readonly domain?: string;
  /** Output value names; default: generated from the node name. */
  readonly outputs?: readonly string[];
  /** Number of outputs when names are generated (default 1). */
  readonly outputCount?: number;
}

export interface ModelOptions {
  /** ai.onnx opset (default 17). */
  readonly opset?: number;
  /** Extra opset imports, e.g. `{ domain: 'com.microsoft', version: 1 }`. */
  readonly extraOpsets?: readonly OpsetImport[];
  readonly irVersion?: number;
  readonly producerName?: string;
  readonly graphName?: string;
}

function toDType(d: DTypeLike): number {
  if (typeof d === 'number') return d;
  const code = dataTypeFromName(d);
  if (code === undefined) throw new EngineError(EngineErrorCode.UnknownDataType, `Unknown dtype name '${d}'.`);
  return code;
}

function isTensor(v: AttrInput): v is IrTensor {
  return typeof v === 'object' && !Array.isArray(v) && 'dims' in v && 'dtype' in v;
}
function isGraph(v: AttrInput): v is IrGraph {
  return typeof v === 'object' && !Array.isArray(v) && 'nodes' in v && 'initializers' in v;
}

/**
 * Converts a builder attribute value to an IR attribute (type chosen from the JS value). FLOAT(S) values are rounded
 * to float32, the precision AttributeProto stores, so a built model equals the model read back from its bytes.
 */
export function makeAttribute(name: string, v: AttrInput): IrAttribute {
  const base = { name, refAttrName: '', docString: '' };
  if (typeof v === 'bigint') return { ...base, type: 'INT', value: v };
  if (typeof v === 'number') {
    return Number.isInteger(v) ? { ...base, type: 'INT', value: BigInt(v) } : { ...base, type: 'FLOAT', value: Math.fround(v) };
  }
  if (typeof v === 'string') return { ...base, type: 'STRING', value: encodeUtf8(v) };
  if (Array.isArray(v)) {
    const list = v as readonly (number | bigint | string)[];
    if (list.every((x) => typeof x === 'string')) {
      return { ...base, type: 'STRINGS', value: list.map((s) => encodeUtf8(s)) };
    }
    if (list.every((x) => typeof x === 'bigint' || (typeof x === 'number' && Number.isInteger(x)))) {
      return { ...base, type: 'INTS', value: list.map((x) => BigInt(x)) };
    }
    return { ...base, type: 'FLOATS', value: list.map((x) => Math.fround(Number(x))) };
  }
  if (isTensor(v)) return { ...base, type: 'TENSOR', value: v };
  if (isGraph(v)) return { ...base, type: 'GRAPH', value: v };
  const f = v as FloatAttr;
  return typeof f.value === 'number'
    ? { ...base, type: 'FLOAT', value: Math.fround(f.value) }
    : { ...base, type: 'FLOATS', value: f.value.map(Math.fround) };
}

function tensorValueInfo(name: string, dtype: number, shape: readonly Dim[] | undefined): IrValueInfo {
  return { name, type: { kind: 'tensor', elemType: dtype, shape, denotation: '' }, docString: '', metadataProps: [] };
}

/**
 * Builds graphs and models in code, for tests, fixtures and transforms (no Python anywhere).
 *
 * ```ts
 * const b = new GraphBuilder();
 * const x = b.input('x', 'float32', ['N', 3, 32, 32]);
 * const w = b.initializer('w', 'float32', [8, 3, 3, 3], new Float32Array(216));
 * b.output(b.op('Relu', [b.op('Conv', [x, w], { pads: [1, 1, 1, 1] })]), 'float32');
 * const model = b.toModel({ opset: 17 });
 * ```
 */
export class GraphBuilder {
  readonly #nodes: IrNode[] = [];
  readonly #inputs: IrValueInfo[] = [];
  readonly #outputs: IrValueInfo[] = [];
  readonly #initializers: IrTensor[] = [];
  readonly #names = new Set<string>();
  #counter = 0;

  /** Declares a graph input and returns its value name. */
  input(name: string, dtype: DTypeLike, shape: readonly Dim[]): string {
    this.#claim(name);
    this.#inputs.push(tensorValueInfo(name, toDType(dtype), shape));
    return name;
  }

  /** Adds an initializer (a copy of `values`) and returns its value name. */
  initializer(name: string, dtype: DTypeLike, dims: readonly number[], values: NumericArray): string {
    this.#claim(name);
    this.#initializers.push(tensorFromArray(name, toDType(dtype), dims, values));
    return name;
  }

  /** Adds a `Constant` node holding the tensor (the way Paddle exports store weights) and returns its output. */
  constant(name: string, dtype: DTypeLike, dims: readonly number[], values: NumericArray): string {
    const tensor = tensorFromArray('', toDType(dtype), dims, values);
    return this.op('Constant', [], { value: tensor }, { outputs: [name] });
  }

  /** Adds a single-output node and returns its output name. */
  op(opType: string, inputs: readonly string[], attrs: Readonly<Record<string, AttrInput>> = {}, options: NodeOptions = {}): string {
    const outs = this.opMulti(opType, inputs, attrs, { ...options, outputCount: options.outputs?.length ?? 1 });
    const first = outs[0];
    if (first === undefined) throw new EngineError(EngineErrorCode.InvalidBuilderUse, `${opType} produced no output.`);
    return first;
  }

  /** Adds a node and returns all its output names. */
  opMulti(opType: string, inputs: readonly string[], attrs: Readonly<Record<string, AttrInput>> = {}, options: NodeOptions = {}): string[] {
    for (const input of inputs) {
      if (input !== '' && !this.#names.has(input)) {
        throw new EngineError(EngineErrorCode.InvalidBuilderUse, `Input '${input}' of ${opType} is not defined yet.`, input);
      }
    }
    const name = options.name ?? `${opType.toLowerCase()}_${String(this.#counter++)}`;
    const count = options.outputCount ?? 1;
    const outputs = options.outputs ? [...options.outputs] : Array.from({ length: count }, (_, i) => (count === 1 ? `${name}_out` : `${name}_out${String(i)}`));
    for (const o of outputs) this.#claim(o);
    this.#nodes.push({
      name,
      opType,
      domain: options.domain ?? '',
      overload: '',
      inputs: [...inputs],
      outputs,
      attributes: Object.entries(attrs).map(([k, v]) => makeAttribute(k, v)),
      docString: '',
      metadataProps: [],
      opaque: [],
    });
    return outputs;
  }

  /** Declares a graph output (shape optional: onnxruntime and shape inference fill it in). */
  output(name: string, dtype: DTypeLike, shape?: readonly Dim[]): void {
    if (!this.#names.has(name)) throw new EngineError(EngineErrorCode.InvalidBuilderUse, `Output '${name}' is not defined.`, name);
    this.#outputs.push(tensorValueInfo(name, toDType(dtype), shape));
  }

  /** The graph built so far (for subgraph attributes of If/Loop/Scan). */
  toGraph(name = 'main'): IrGraph {
    return {
      name,
      nodes: [...this.#nodes],
      inputs: [...this.#inputs],
      outputs: [...this.#outputs],
      valueInfo: [],
      initializers: [...this.#initializers],
      sparseInitializers: [],
      quantizationAnnotations: [],
      docString: '',
      metadataProps: [],
    };
  }

  toModel(options: ModelOptions = {}): IrModel {
    return {
      irVersion: options.irVersion ?? 8,
      opsetImports: [{ domain: '', version: options.opset ?? 17 }, ...(options.extraOpsets ?? [])],
      producerName: options.producerName ?? 'whittle',
      producerVersion: '',
      domain: '',
      modelVersion: 0n,
      docString: '',
      graph: this.toGraph(options.graphName ?? 'main'),
      functions: [],
      metadataProps: [],
      opaque: { trainingInfo: [], configuration: [] },
    };
  }

  #claim(name: string): void {
    if (name === '') throw new EngineError(EngineErrorCode.InvalidBuilderUse, 'Value names must not be empty.');
    if (this.#names.has(name)) throw new EngineError(EngineErrorCode.InvalidBuilderUse, `Value '${name}' is defined twice.`, name);
    this.#names.add(name);
  }
}

export type { DataType };
