/**
 * Calibration batches for data-driven importance: NPY arrays (a folder of `.npy` files or one file; the first axis is
 * the batch) or seeded random inputs when no data is given — labelled as synthetic everywhere they are reported.
 */
import type { NpyArray } from '../data/npy.ts';
import { EngineError, EngineErrorCode } from '../errors.ts';
import { DataType, dataTypeName } from '../ir/dtype.ts';
import type { Dim, IrModel } from '../ir/types.ts';
import type { HostTensor } from '../runtime/inference-runtime.ts';
import { seededRandom } from './seeded-random.ts';
import type { CalibrationSource } from './types.ts';

/** How symbolic input dims are made concrete when no shape is given. @public */
export interface InputFill {
  /** Value for a symbolic dim 0 (the batch axis). Default 1. */
  readonly batch?: number;
  /** Value for every other symbolic dim (spatial sizes). Default 64. */
  readonly other?: number;
}

/** Concrete dims for every graph input, and which inputs needed symbolic dims filled. @public */
export interface ConcreteInputs {
  readonly dims: Readonly<Record<string, readonly number[]>>;
  /** Inputs whose declared shape had symbolic dims that were filled (not given in `overrides`). */
  readonly filled: readonly string[];
}

function declaredDims(model: IrModel, name: string): readonly Dim[] | undefined {
  const type = model.graph.inputs.find((v) => v.name === name)?.type;
  return type?.kind === 'tensor' ? type.shape : undefined;
}

function elemTypeOf(model: IrModel, name: string): number | undefined {
  const type = model.graph.inputs.find((v) => v.name === name)?.type;
  return type?.kind === 'tensor' ? type.elemType : undefined;
}

/** Graph inputs that are fed at run time (initializers listed as inputs, as old exporters do, are not). */
export function feedInputs(model: IrModel): string[] {
  const inits = new Set(model.graph.initializers.map((t) => t.name));
  return model.graph.inputs.map((v) => v.name).filter((n) => !inits.has(n));
}

/**
 * Concrete dims for each fed input: `overrides` where given, else the declared shape with symbolic dims filled
 * (`fill.batch` for axis 0, `fill.other` elsewhere). @public
 */
export function concreteInputDims(
  model: IrModel,
  overrides: Readonly<Record<string, readonly number[]>> = {},
  fill: InputFill = {},
): ConcreteInputs {
  const dims: Record<string, readonly number[]> = {};
  const filled: string[] = [];
  for (const name of feedInputs(model)) {
    const given = overrides[name];
    if (given !== undefined) {
      dims[name] = given;
      continue;
    }
    const declared = declaredDims(model, name);
    if (declared === undefined) {
      throw new EngineError(EngineErrorCode.DataInputMismatch, `Input '${name}' has no declared shape; give its dims explicitly.`, name);
    }
    if (declared.some((d) => typeof d !== 'number')) filled.push(name);
    dims[name] = declared.map((d, i) => (typeof d === 'number' ? d : i === 0 ? (fill.batch ?? 1) : (fill.other ?? 64)));
  }
  return { dims, filled };
}

function hostTensor(elemType: number | undefined, dims: readonly number[], next: () => number): HostTensor {
  const count = dims.reduce((a, b) => a * b, 1);
  switch (elemType) {
    case DataType.DOUBLE:
      return { type: 'float64', dims, data: Float64Array.from({ length: count }, () => next() * 2 - 1) };
    case DataType.INT64:
      return { type: 'int64', dims, data: new BigInt64Array(count) };
    case DataType.INT32:
      return { type: 'int32', dims, data: new Int32Array(count) };
    default:
      return { type: 'float32', dims, data: Float32Array.from({ length: count }, () => next() * 2 - 1) };
  }
}

/** @public */
export interface RandomCalibrationOptions {
  readonly seed?: number;
  /** Number of batches (default 4). */
  readonly batches?: number;
  /** Concrete dims per input; symbolic dims are filled as `concreteInputDims` does. */
  readonly inputShapes?: Readonly<Record<string, readonly number[]>>;
}

/**
 * Seeded random inputs: float inputs uniform in [-1, 1), integer inputs zero. Not data: activation importance on
 * them ranks channels by how the network responds to noise, a structural baseline only. @public
 */
export function randomCalibration(model: IrModel, options: RandomCalibrationOptions = {}): CalibrationSource {
  const seed = options.seed ?? 0;
  const count = options.batches ?? 4;
  const { dims } = concreteInputDims(model, options.inputShapes ?? {});
  const shown = Object.entries(dims).map(([n, d]) => `${n}=[${d.join(',')}]`).join(', ');
  return {
    label: `seeded random inputs (seed ${String(seed)}, ${String(count)} batches of ${shown}), not real data`,
    synthetic: true,
    async *batches() {
      const next = seededRandom(seed);
      for (let b = 0; b < count; b++) {
        const feeds: Record<string, HostTensor> = {};
        for (const [name, d] of Object.entries(dims)) feeds[name] = hostTensor(elemTypeOf(model, name), d, next);
        yield await Promise.resolve(feeds);
      }
    },
  };
}

/** One calibration array and the name it came from (a file's base name without `.npy`). @public */
export interface NamedArray {
  readonly name: string;
  readonly array: NpyArray;
}

/** @public */
export interface NpyCalibrationOptions {
  /** Samples per batch fed to the runtime (default 8). */
  readonly batchSize?: number;
  /** Label prefix, e.g. the folder's name. */
  readonly label?: string;
}

function convert(array: NpyArray, start: number, end: number, elemType: number | undefined, input: string): HostTensor {
  const sample = array.shape.slice(1).reduce((a, b) => a * b, 1);
  const dims = [end - start, ...array.shape.slice(1)];
  const from = start * sample;
  const to = end * sample;
  const src = array.data;
  const isFloatInput = elemType === undefined || elemType === DataType.FLOAT || elemType === DataType.DOUBLE;
  if (isFloatInput) {
    if (src instanceof BigInt64Array) {
      throw new EngineError(EngineErrorCode.DataInputMismatch, `Input '${input}' is floating point; the NPY array holds int64.`, input);
    }
    const part = src.subarray(from, to);
    return elemType === DataType.DOUBLE
      ? { type: 'float64', dims, data: Float64Array.from(part) }
      : { type: 'float32', dims, data: Float32Array.from(part) };
  }
  if (elemType === DataType.INT64) {
    const part = src.subarray(from, to);
    if (part instanceof BigInt64Array) return { type: 'int64', dims, data: part.slice() };
    if (part instanceof Float32Array || part instanceof Float64Array) {
      throw new EngineError(EngineErrorCode.DataInputMismatch, `Input '${input}' is int64; the NPY array holds ${array.dtype}.`, input);
    }
    return { type: 'int64', dims, data: BigInt64Array.from(part, (v) => BigInt(v)) };
  }
  throw new EngineError(
    EngineErrorCode.DataInputMismatch,
    `Input '${input}' has element type ${dataTypeName(elemType)}; calibration arrays feed float and int64 inputs only.`,
    input,
  );
}

function checkShape(model: IrModel, input: string, array: NpyArray, source: string): void {
  const declared = declaredDims(model, input);
  if (array.shape.length === 0 || (array.shape[0] ?? 0) === 0) {
    throw new EngineError(EngineErrorCode.DataInputMismatch, `${source} holds no samples (shape [${array.shape.join(',')}]); the first axis is the batch.`, input);
  }
  if (declared === undefined) return;
  if (declared.length !== array.shape.length) {
    throw new EngineError(
      EngineErrorCode.DataInputMismatch,
      `${source} has shape [${array.shape.join(',')}] (rank ${String(array.shape.length)}); input '${input}' is declared [${declared.join(',')}] (rank ${String(declared.length)}).`,
      input,
    );
  }
  declared.forEach((d, i) => {
    if (i > 0 && typeof d === 'number' && d !== array.shape[i]) {
      throw new EngineError(
        EngineErrorCode.DataInputMismatch,
        `${source} has shape [${array.shape.join(',')}]; input '${input}' fixes dim ${String(i)} at ${String(d)} ([${declared.join(',')}]).`,
        input,
      );
    }
  });
}

/**
 * Calibration batches from NPY arrays. A model with one fed input takes every array, in the given order; a model
 * with several inputs needs one array per input, named after it (`<input>.npy`), with equal sample counts. Batches
 * hold up to `batchSize` samples, or exactly the model's batch size when it fixes dim 0 (a remainder is not fed).
 * @throws EngineError `ENGINE_ERR_DATA_INPUT_MISMATCH` when an array does not fit its input.
 * @public
 */
export function npyCalibration(model: IrModel, arrays: readonly NamedArray[], options: NpyCalibrationOptions = {}): CalibrationSource {
  const inputs = feedInputs(model);
  // A model that fixes its batch dim takes batches of exactly that size; leftover samples are not fed.
  const fixedBatch = inputs.map((i) => declaredDims(model, i)?.[0]).find((d): d is number => typeof d === 'number' && d > 0);
  const batchSize = fixedBatch ?? Math.max(1, options.batchSize ?? 8);
  if (arrays.length === 0) throw new EngineError(EngineErrorCode.DataInputMismatch, 'The calibration set holds no .npy arrays.');
  /** Per step: input name → (array, sample range). */
  const plan: { readonly feeds: readonly { readonly input: string; readonly array: NpyArray }[]; readonly samples: number }[] = [];
  if (inputs.length === 1) {
    const input = inputs[0] ?? '';
    for (const a of arrays) {
      checkShape(model, input, a.array, `'${a.name}.npy'`);
      plan.push({ feeds: [{ input, array: a.array }], samples: a.array.shape[0] ?? 0 });
    }
  } else {
    const byName = new Map(arrays.map((a) => [a.name, a.array]));
    const feeds = inputs.map((input) => {
      const array = byName.get(input);
      if (array === undefined) {
        throw new EngineError(
          EngineErrorCode.DataInputMismatch,
          `The model has inputs ${inputs.map((i) => `'${i}'`).join(', ')}; the calibration set needs one file per input named '<input>.npy' and has no '${input}.npy'.`,
          input,
        );
      }
      checkShape(model, input, array, `'${input}.npy'`);
      return { input, array };
    });
    const counts = new Set(feeds.map((f) => f.array.shape[0]));
    if (counts.size !== 1) {
      throw new EngineError(EngineErrorCode.DataInputMismatch, `The calibration arrays hold different sample counts (${[...counts].join(', ')}).`);
    }
    plan.push({ feeds, samples: feeds[0]?.array.shape[0] ?? 0 });
  }
  const total = plan.reduce((s, p) => s + p.samples, 0);
  if (fixedBatch !== undefined && plan.every((p) => p.samples < fixedBatch)) {
    throw new EngineError(
      EngineErrorCode.DataInputMismatch,
      `The model takes batches of exactly ${String(fixedBatch)}; every calibration array holds fewer samples.`,
    );
  }
  return {
    label: `${options.label ?? `${String(arrays.length)} NPY array${arrays.length === 1 ? '' : 's'}`} (${String(total)} samples, batches of ${fixedBatch === undefined ? '≤ ' : ''}${String(batchSize)})`,
    synthetic: false,
    async *batches() {
      for (const step of plan) {
        for (let start = 0; start < step.samples; start += batchSize) {
          const end = Math.min(step.samples, start + batchSize);
          if (fixedBatch !== undefined && end - start < fixedBatch) break;
          const feeds: Record<string, HostTensor> = {};
          for (const f of step.feeds) feeds[f.input] = convert(f.array, start, end, elemTypeOf(model, f.input), f.input);
          yield await Promise.resolve(feeds);
        }
      }
    },
  };
}
