/**
 * onnxruntime as the oracle for how the writer stores narrow and packed dtypes: if raw_data bytes, nibble order or
 * dims were wrong, these dequantized values would be. int4/uint4 are only ever used inside the graph: fetching them
 * as outputs kills the process (platform-facts.md §1).
 */
import { describe, expect, it } from 'vitest';
import { GraphBuilder } from '../../src/ir/builder.ts';
import type { IrModel } from '../../src/ir/types.ts';
import { writeModel } from '../../src/onnx/codec.ts';
import { expectTensorsClose, expectTensorsIdentical } from '../helpers/expect-tensors-close.ts';
import { outputNamed } from '../helpers/outputs.ts';
import { runBytes } from '../helpers/run-model.ts';
import { FLOAT8_BITS, HALF_BITS, INT4_PACKED, UINT4_PACKED } from './models/dtype-zoo.ts';
import { roundTrip } from './round-trip.ts';

/** `DequantizeLinear(w, 1.0)` of a stored weight, as float32 output `y`. */
function dequantizeModel(dtype: string, dims: readonly number[], packed: readonly number[], opset: number): IrModel {
  const b = new GraphBuilder();
  const w = b.initializer('w', dtype, dims, Uint8Array.from(packed));
  const scale = b.initializer('scale', 'float32', [], Float32Array.of(1));
  b.op('DequantizeLinear', [w, scale], {}, { outputs: ['y'] });
  b.output('y', 'float32', dims);
  return b.toModel({ opset, irVersion: 10 });
}

async function dequantized(model: IrModel): Promise<number[]> {
  const out = outputNamed(await runBytes(writeModel(roundTrip(model)), {}), 'y');
  return Array.from(out.data as Float32Array);
}

describe('packed and narrow dtypes in onnxruntime', () => {
  it('dequantizes written int4 weights to [-8, -1, 0, 3, 7] (low nibble first, odd count)', async () => {
    expect(await dequantized(dequantizeModel('int4', [5], INT4_PACKED, 21))).toEqual([-8, -1, 0, 3, 7]);
  });

  it('dequantizes written uint4 weights to [1, 15, 9]', async () => {
    expect(await dequantized(dequantizeModel('uint4', [3], UINT4_PACKED, 21))).toEqual([1, 15, 9]);
  });

  it('dequantizes written float8e4m3fn weights to [1, 2, -2, 448, NaN]', async () => {
    expect(await dequantized(dequantizeModel('float8e4m3fn', [5], FLOAT8_BITS, 19))).toEqual([1, 2, -2, 448, NaN]);
  });

  it('returns written float16 bit patterns unchanged through Identity', async () => {
    const b = new GraphBuilder();
    const w = b.initializer('w', 'float16', [HALF_BITS.length], Uint16Array.from(HALF_BITS));
    b.op('Identity', [w], {}, { outputs: ['y'] });
    b.output('y', 'float16', [HALF_BITS.length]);
    const out = outputNamed(await runBytes(writeModel(roundTrip(b.toModel())), {}), 'y');
    expectTensorsIdentical(out, { type: 'float16', dims: [HALF_BITS.length], data: Uint16Array.from(HALF_BITS) });
  });

  it('computes a float16 graph from written float16 weights', async () => {
    const b = new GraphBuilder();
    const x = b.input('x', 'float16', [2]);
    const w = b.initializer('w', 'float16', [2], Uint16Array.of(0x3c00, 0xc000));
    b.op('Mul', [x, w], {}, { outputs: ['y'] });
    b.output('y', 'float16', [2]);
    const out = outputNamed(await runBytes(writeModel(roundTrip(b.toModel())), { x: { type: 'float16', dims: [2], data: Uint16Array.of(0x3800, 0x3800) } }), 'y');
    // [0.5, 0.5] · [1, -2] = [0.5, -1]
    expectTensorsClose(out, { type: 'float16', dims: [2], data: Uint16Array.of(0x3800, 0xbc00) });
  });
});
