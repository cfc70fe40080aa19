/**
 * What a benchmark series feeds: concrete dims for every fed input at one batch size, and seeded tensors of them.
 * The batch axis (dim 0) takes the batch size; other symbolic dims come only from the caller's input shapes — a
 * spatial size is never guessed, since latency depends on it.
 */
import { DataType, dataTypeName, deriveSeed, feedInputs, seededFloats, type Dim, type IrModel } from '@whittle/engine';
import * as ort from 'onnxruntime-node';
import { PipelineError, PipelineErrorCode } from '../errors.ts';
import { declaredShape, type InputShapes } from '../input-shapes.ts';

/** One fed input of a series. */
export interface BenchInput {
  readonly name: string;
  readonly dims: readonly number[];
  /** ONNX element type code. */
  readonly elemType: number;
}

function elemTypeOf(model: IrModel, name: string): number {
  const type = model.graph.inputs.find((v) => v.name === name)?.type;
  return type?.kind === 'tensor' ? type.elemType : DataType.UNDEFINED;
}

function symbolicNames(declared: readonly Dim[]): string {
  return declared
    .map((d, axis) => (typeof d === 'number' || axis === 0 ? undefined : `${d} (axis ${String(axis)})`))
    .filter((s) => s !== undefined)
    .join(', ');
}

function requireShape(name: string, declared: readonly Dim[] | undefined): PipelineError {
  const example = declared === undefined ? '<d0>,<d1>,…' : declared.map((d, i) => (typeof d === 'number' ? String(d) : i === 0 ? '1' : `<${d}>`)).join(',');
  const what = declared === undefined ? 'has no declared shape' : `has symbolic dims ${symbolicNames(declared)} besides the batch axis`;
  return new PipelineError(
    PipelineErrorCode.InputShapeRequired,
    `Input '${name}' ${what}; give its concrete shape in the input shapes (e.g. ${name}=${example}; the batch axis follows the batch size). The benchmark never guesses sizes: latency depends on them.`,
  );
}

/** Dims of input `name` at batch size `batch`. @throws PipelineError */
function dimsAt(name: string, declared: readonly Dim[] | undefined, given: readonly number[] | undefined, batch: number): number[] {
  if (declared === undefined) {
    if (given === undefined) throw requireShape(name, declared);
    return given.map((d, i) => (i === 0 ? batch : d));
  }
  if (declared.length === 0) return [];
  return declared.map((d, axis) => {
    if (axis === 0) {
      if (typeof d === 'number' && d !== batch) {
        throw new PipelineError(PipelineErrorCode.BadInput, `Input '${name}' fixes its batch axis at ${String(d)}; batch size ${String(batch)} cannot be fed to it.`);
      }
      return batch;
    }
    if (typeof d === 'number') return d;
    const value = given?.[axis];
    if (value === undefined) throw requireShape(name, declared);
    return value;
  });
}

/**
 * The fed inputs at each batch size, checked for every batch size before anything is measured.
 * @throws PipelineError `PIPELINE_ERR_INPUT_SHAPE_REQUIRED` (symbolic non-batch dims without a given shape) or
 * `PIPELINE_ERR_BAD_INPUT` (a fixed batch axis that differs, a dtype that cannot be fed).
 */
export function planBenchInputs(model: IrModel, batchSizes: readonly number[], inputShapes: InputShapes): Map<number, BenchInput[]> {
  const plans = new Map<number, BenchInput[]>();
  for (const batch of batchSizes) {
    plans.set(
      batch,
      feedInputs(model).map((name) => {
        const elemType = elemTypeOf(model, name);
        if (ortTypeOf(elemType) === undefined) {
          throw new PipelineError(PipelineErrorCode.BadInput, `Input '${name}' has element type ${dataTypeName(elemType)}, which the benchmark cannot feed.`);
        }
        return { name, elemType, dims: dimsAt(name, declaredShape(model, name), inputShapes[name], batch) };
      }),
    );
  }
  return plans;
}

type FeedType = 'float32' | 'float64' | 'float16' | 'int8' | 'uint8' | 'int16' | 'uint16' | 'int32' | 'uint32' | 'int64' | 'uint64' | 'bool';

const ORT_TYPES: ReadonlyMap<number, FeedType> = new Map([
  [DataType.FLOAT, 'float32'],
  [DataType.DOUBLE, 'float64'],
  [DataType.FLOAT16, 'float16'],
  [DataType.INT8, 'int8'],
  [DataType.UINT8, 'uint8'],
  [DataType.INT16, 'int16'],
  [DataType.UINT16, 'uint16'],
  [DataType.INT32, 'int32'],
  [DataType.UINT32, 'uint32'],
  [DataType.INT64, 'int64'],
  [DataType.UINT64, 'uint64'],
  [DataType.BOOL, 'bool'],
]);

function ortTypeOf(elemType: number): FeedType | undefined {
  return ORT_TYPES.get(elemType);
}

/** IEEE half-precision bits of `value` (round to nearest even; enough for seeded inputs in [-1, 1)). */
function toHalfBits(value: number): number {
  const f32 = new Float32Array([value]);
  const bits = new Uint32Array(f32.buffer)[0] ?? 0;
  const sign = (bits >>> 16) & 0x8000;
  const exponent = ((bits >>> 23) & 0xff) - 127 + 15;
  const mantissa = bits & 0x7fffff;
  if (exponent <= 0) return sign; // too small for a normal half: flush to zero
  if (exponent >= 0x1f) return sign | 0x7c00;
  const half = sign | (exponent << 10) | (mantissa >>> 13);
  const rest = mantissa & 0x1fff;
  return rest > 0x1000 || (rest === 0x1000 && (half & 1) === 1) ? half + 1 : half;
}

/** Seeded values in [-1, 1) for float inputs, zeros for integer and bool inputs. */
function dataFor(type: FeedType, count: number, seed: number): ort.Tensor['data'] {
  switch (type) {
    case 'float32':
      return seededFloats(count, seed);
    case 'float64':
      return Float64Array.from(seededFloats(count, seed));
    case 'float16':
      return Uint16Array.from(seededFloats(count, seed), toHalfBits);
    case 'int8':
      return new Int8Array(count);
    case 'uint8':
    case 'bool':
      return new Uint8Array(count);
    case 'int16':
      return new Int16Array(count);
    case 'uint16':
      return new Uint16Array(count);
    case 'int32':
      return new Int32Array(count);
    case 'uint32':
      return new Uint32Array(count);
    case 'int64':
      return new BigInt64Array(count);
    case 'uint64':
      return new BigUint64Array(count);
  }
}

/** onnxruntime tensors for `inputs`, each input seeded from `seed` and its name (stable whatever the input order). */
export function benchFeeds(inputs: readonly BenchInput[], seed: number): Record<string, ort.Tensor> {
  const feeds: Record<string, ort.Tensor> = {};
  for (const input of inputs) {
    const type = ortTypeOf(input.elemType) ?? 'float32';
    const count = input.dims.reduce((a, b) => a * b, 1);
    feeds[input.name] = new ort.Tensor(type, dataFor(type, count, deriveSeed(seed, input.name)), [...input.dims]);
  }
  return feeds;
}
