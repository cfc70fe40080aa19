import { GraphBuilder } from '../../src/ir/builder.ts';
import type { NumericArray } from '../../src/ir/tensor.ts';
import type { IrModel } from '../../src/ir/types.ts';
import type { HostTensor, HostTensorType } from '../../src/runtime/inference-runtime.ts';
import { seededFloats, seededRandom } from '../helpers/seeded.ts';
import type { CaseInput, OpCase } from './cases/case-types.ts';

/** Builds the single-node model of a golden case plus seeded feeds for its runtime inputs. */

function typedArray(dtype: string, values: readonly (number | bigint)[]): NumericArray {
  const nums = (): number[] => values.map(Number);
  switch (dtype) {
    case 'float32':
      return Float32Array.from(nums());
    case 'float64':
      return Float64Array.from(nums());
    case 'int64':
      return BigInt64Array.from(values.map((v) => BigInt(v)));
    case 'uint64':
      return BigUint64Array.from(values.map((v) => BigInt(v)));
    case 'int32':
      return Int32Array.from(nums());
    case 'uint32':
      return Uint32Array.from(nums());
    case 'int16':
      return Int16Array.from(nums());
    case 'uint16':
    case 'float16':
      return Uint16Array.from(nums());
    case 'int8':
      return Int8Array.from(nums());
    case 'uint8':
    case 'bool':
      return Uint8Array.from(nums());
    default:
      throw new Error(`case dtype ${dtype} has no typed array`);
  }
}

/** Seeded runtime data: floats in [-1, 1); integers 1 or 2 (valid indices of small axes, never a zero divisor). */
function seededFeed(input: CaseInput, seed: number): HostTensor {
  const dims = input.shape.map((d) => {
    if (typeof d !== 'number') throw new Error('symbolic inputs cannot be fed');
    return d;
  });
  const count = dims.reduce((a, b) => a * b, 1);
  const type = input.dtype as HostTensorType;
  if (input.dtype === 'float32') return { type, dims, data: seededFloats(count, seed) };
  const next = seededRandom(seed);
  const ints = Array.from({ length: count }, () => 1 + Math.floor(next() * 2));
  if (input.dtype === 'float16') return { type, dims, data: Uint16Array.from(ints, (v) => (v === 0 ? 0 : v === 1 ? 0x3c00 : 0x4000)) };
  if (input.dtype === 'bool') return { type, dims, data: Uint8Array.from(ints, (v) => v % 2) };
  return { type, dims, data: typedArray(input.dtype, ints) as HostTensor['data'] };
}

export interface CaseModel {
  readonly model: IrModel;
  readonly feeds: Record<string, HostTensor>;
  readonly outputs: readonly string[];
}

export function buildCaseModel(c: OpCase): CaseModel {
  const b = new GraphBuilder();
  const feeds: Record<string, HostTensor> = {};
  const names = c.inputs.map((input, i) => {
    if (input === null) return '';
    const name = `in${String(i)}`;
    if (input.value === undefined) {
      b.input(name, input.dtype, input.shape);
      if (c.ort !== false) feeds[name] = seededFeed(input, 11 + i);
      return name;
    }
    const dims = input.shape.map(Number);
    const values = typedArray(input.dtype, input.value);
    return input.constantNode ? b.constant(name, input.dtype, dims, values) : b.initializer(name, input.dtype, dims, values);
  });
  const outputs = c.expect.map((_, i) => `out${String(i)}`);
  b.opMulti(c.op, names, c.attrs ?? {}, { name: 'node', outputs, ...(c.domain !== undefined && { domain: c.domain }) });
  const extra = c.domain === undefined ? [] : [{ domain: c.domain, version: 1 }];
  const model = b.toModel({ opset: c.opset, extraOpsets: extra, irVersion: 10 });
  return { model, feeds, outputs };
}
