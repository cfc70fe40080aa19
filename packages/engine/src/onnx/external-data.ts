import { EngineError, EngineErrorCode, isEngineError } from '../errors.ts';
import { dataTypeName, rawByteLength } from '../ir/dtype.ts';
import type { IrAttribute, IrFunction, IrGraph, IrModel, IrNode, IrSparseTensor, IrTensor } from '../ir/types.ts';
import { checkExternalLocation } from '../validate/external-location.ts';
import { resolveLimits, type ModelLimits } from '../validate/limits.ts';
import { capitalize as capital, printable } from '../validate/string-size.ts';

/**
 * Where external tensor bytes come from. The engine core never touches a file system (DESIGN.md §2): Node code
 * passes `fileByteSource(folder)` from `@whittle/engine/node-byte-source`, a browser passes the files the user
 * dropped, a worker passes its artifact store.
 * @public
 */
export interface ByteSource {
  /**
   * Exactly `length` bytes of `location` from `offset` (to the end of the file when `length` is undefined).
   * `location` has passed `checkExternalLocation`; implementations still resolve it safely (no links, no escape).
   * May return fewer bytes when the file is short; the caller checks.
   */
  read(location: string, offset: number, length: number | undefined): Promise<Uint8Array>;
}

/** Options of `loadExternalData`. @public */
export interface LoadExternalDataOptions {
  readonly limits?: Partial<ModelLimits>;
  /** Checked between reads; an aborted load throws `ENGINE_ERR_ABORTED`. */
  readonly signal?: { readonly aborted: boolean };
}

/**
 * The external-data files a model reads, each once, in the order tensors first use them.
 * @public
 */
export function externalFilesOf(model: IrModel): string[] {
  const files = new Set<string>();
  for (const tensor of externalTensors(model)) {
    if (tensor.data.kind === 'external') files.add(tensor.data.location);
  }
  return [...files];
}

/**
 * Reads every external tensor through `source` and returns a model whose tensors are all inline (`raw`). Pure: the
 * input model is not changed; unchanged parts are shared.
 *
 * Each location is checked again (the IR may not come from `readModel`), each read asks for exactly
 * ∏dims × dtype size bytes (never "the rest of the file"), sizes are checked with BigInt against the limits
 * before reading, and a short or failed read becomes `ENGINE_ERR_EXTERNAL_DATA_UNAVAILABLE` with a message that
 * names the model's location string only, never a host path.
 * @public
 */
export async function loadExternalData(model: IrModel, source: ByteSource, options: LoadExternalDataOptions = {}): Promise<IrModel> {
  const limits = resolveLimits(options.limits);
  const loaded = new Map<IrTensor, IrTensor>();
  let total = 0n;
  for (const tensor of externalTensors(model)) {
    if (tensor.data.kind !== 'external' || loaded.has(tensor)) continue;
    if (options.signal?.aborted === true) {
      throw new EngineError(EngineErrorCode.Aborted, 'Loading external data was cancelled.');
    }
    const bytes = expectedBytes(tensor, limits);
    total += bytes;
    if (total > limits.maxTotalTensorBytes) {
      throw new EngineError(
        EngineErrorCode.TensorTooLarge,
        `External tensors take more than ${String(limits.maxTotalTensorBytes)} bytes together (reached at ${describe(tensor)}); expected at most ${String(limits.maxTotalTensorBytes)}.`,
        tensor.name,
      );
    }
    const data = await readExact(source, tensor, tensor.data, Number(bytes));
    loaded.set(tensor, { ...tensor, data: { kind: 'raw', bytes: data } });
  }
  if (loaded.size === 0) return model;
  return replaceTensors(model, loaded, limits.maxGraphDepth);
}

type ExternalData = Extract<IrTensor['data'], { kind: 'external' }>;

/** ∏dims × dtype size, checked against the limits and the declared length, before any read. */
function expectedBytes(tensor: IrTensor, limits: ModelLimits): bigint {
  if (tensor.data.kind !== 'external') return 0n;
  const { location, offset, length } = tensor.data;
  checkExternalLocation(location, describe(tensor));
  if (!Number.isSafeInteger(offset) || offset < 0 || (length !== undefined && (!Number.isSafeInteger(length) || length < 0))) {
    throw new EngineError(
      EngineErrorCode.ExternalDataInvalid,
      `External data of ${describe(tensor)} has offset ${String(offset)} and length ${String(length)}; expected non-negative integers below 2^53.`,
      tensor.name,
    );
  }
  let elements = 1n;
  for (const d of tensor.dims) {
    if (!Number.isSafeInteger(d) || d < 0) {
      throw new EngineError(EngineErrorCode.TensorTooLarge, `${capital(describe(tensor))} has dim ${String(d)}; expected non-negative integers.`, tensor.name);
    }
    elements *= BigInt(d);
  }
  const shape = `${dataTypeName(tensor.dtype)}[${tensor.dims.join(',')}]`;
  if (elements > limits.maxTensorElements) {
    throw new EngineError(
      EngineErrorCode.TensorTooLarge,
      `${capital(describe(tensor))} (${shape}) has ${String(elements)} elements; expected at most ${String(limits.maxTensorElements)}.`,
      tensor.name,
    );
  }
  const bytes = rawByteLength(tensor.dtype, elements);
  if (bytes === undefined) {
    throw new EngineError(
      EngineErrorCode.TensorDataField,
      `${capital(describe(tensor))} (${shape}) is stored externally; expected a fixed-size numeric type (strings stay inline).`,
      tensor.name,
    );
  }
  if (bytes > limits.maxTensorBytes) {
    throw new EngineError(
      EngineErrorCode.TensorTooLarge,
      `${capital(describe(tensor))} (${shape}) takes ${String(bytes)} bytes; expected at most ${String(limits.maxTensorBytes)}.`,
      tensor.name,
    );
  }
  if (length !== undefined && BigInt(length) !== bytes) {
    throw new EngineError(
      EngineErrorCode.TensorDataLength,
      `${capital(describe(tensor))}: expected ${String(bytes)} bytes for ${shape}, found external_data length ${String(length)}.`,
      tensor.name,
    );
  }
  return bytes;
}

async function readExact(source: ByteSource, tensor: IrTensor, data: ExternalData, length: number): Promise<Uint8Array> {
  const where = `'${printable(data.location)}' at offset ${String(data.offset)}`;
  let bytes: Uint8Array;
  try {
    bytes = await source.read(data.location, data.offset, length);
  } catch (error) {
    // The source's own EngineErrors (links, escapes, missing files) are already safe to show; anything else may
    // carry a host path, so only a bare errno-style code survives.
    if (isEngineError(error)) throw error;
    const code = errorCode(error);
    throw new EngineError(
      EngineErrorCode.ExternalDataUnavailable,
      `Could not read ${String(length)} bytes of external data ${where} for ${describe(tensor)}${code === undefined ? '' : ` (${code})`}.`,
      tensor.name,
    );
  }
  if (bytes.byteLength !== length) {
    throw new EngineError(
      EngineErrorCode.ExternalDataUnavailable,
      `External data ${where} for ${describe(tensor)}: expected ${String(length)} bytes, found ${String(bytes.byteLength)}.`,
      tensor.name,
    );
  }
  return bytes;
}

function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  const code = error.code;
  return typeof code === 'string' && /^E[A-Z0-9_]{1,30}$/.test(code) ? code : undefined;
}

function describe(tensor: IrTensor): string {
  return tensor.name === '' ? 'an unnamed tensor' : `tensor '${printable(tensor.name)}'`;
}

/** Every tensor of the model (initializers, sparse parts, attribute tensors, in subgraphs and functions). */
function externalTensors(model: IrModel): IrTensor[] {
  const out: IrTensor[] = [];
  const graphs: IrGraph[] = [model.graph];
  const nodeLists: (readonly IrNode[])[] = model.functions.map((f) => f.nodes);
  const attributeLists: (readonly IrAttribute[])[] = model.functions.map((f) => f.attributeProtos);
  const addSparse = (s: IrSparseTensor): void => {
    out.push(s.values, s.indices);
  };
  while (graphs.length > 0 || nodeLists.length > 0 || attributeLists.length > 0) {
    const g = graphs.pop();
    if (g !== undefined) {
      out.push(...g.initializers);
      g.sparseInitializers.forEach(addSparse);
      nodeLists.push(g.nodes);
    }
    for (let nodes = nodeLists.pop(); nodes !== undefined; nodes = nodeLists.pop()) {
      for (const node of nodes) attributeLists.push(node.attributes);
    }
    for (let attrs = attributeLists.pop(); attrs !== undefined; attrs = attributeLists.pop()) {
      for (const a of attrs) {
        if (a.type === 'TENSOR') out.push(a.value);
        else if (a.type === 'TENSORS') out.push(...a.value);
        else if (a.type === 'SPARSE_TENSOR') addSparse(a.value);
        else if (a.type === 'SPARSE_TENSORS') a.value.forEach(addSparse);
        else if (a.type === 'GRAPH') graphs.push(a.value);
        else if (a.type === 'GRAPHS') graphs.push(...a.value);
      }
    }
  }
  return out.filter((t) => t.data.kind === 'external');
}

/**
 * A copy of the model with the loaded tensors swapped in. Recursive over subgraphs, bounded by `maxDepth`
 * (refused beyond it), so a deep IR cannot exhaust the stack.
 */
function replaceTensors(model: IrModel, loaded: ReadonlyMap<IrTensor, IrTensor>, maxDepth: number): IrModel {
  const tensor = (t: IrTensor): IrTensor => loaded.get(t) ?? t;
  const sparse = (s: IrSparseTensor): IrSparseTensor => ({ ...s, values: tensor(s.values), indices: tensor(s.indices) });
  const attribute = (a: IrAttribute, depth: number): IrAttribute => {
    switch (a.type) {
      case 'TENSOR':
        return { ...a, value: tensor(a.value) };
      case 'TENSORS':
        return { ...a, value: a.value.map(tensor) };
      case 'SPARSE_TENSOR':
        return { ...a, value: sparse(a.value) };
      case 'SPARSE_TENSORS':
        return { ...a, value: a.value.map(sparse) };
      case 'GRAPH':
        return { ...a, value: graph(a.value, depth + 1) };
      case 'GRAPHS':
        return { ...a, value: a.value.map((g) => graph(g, depth + 1)) };
      default:
        return a;
    }
  };
  const node = (n: IrNode, depth: number): IrNode => ({ ...n, attributes: n.attributes.map((a) => attribute(a, depth)) });
  const graph = (g: IrGraph, depth: number): IrGraph => {
    if (depth > maxDepth) {
      throw new EngineError(
        EngineErrorCode.NestingTooDeep,
        `A subgraph is nested ${String(depth)} levels deep; expected at most ${String(maxDepth)}.`,
      );
    }
    return {
      ...g,
      initializers: g.initializers.map(tensor),
      sparseInitializers: g.sparseInitializers.map(sparse),
      nodes: g.nodes.map((n) => node(n, depth)),
    };
  };
  const fn = (f: IrFunction): IrFunction => ({
    ...f,
    attributeProtos: f.attributeProtos.map((a) => attribute(a, 0)),
    nodes: f.nodes.map((n) => node(n, 0)),
  });
  return { ...model, graph: graph(model.graph, 0), functions: model.functions.map(fn) };
}
