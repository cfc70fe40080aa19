/**
 * The writer's subgraphs, checked by onnxruntime: an If whose branches read an outer-scope value, feeding a Loop whose
 * body accumulates it, give the hand-computed results after a write → read → write round trip.
 */
import { describe, expect, it } from 'vitest';
import { GraphBuilder } from '../../src/ir/builder.ts';
import { DataType } from '../../src/ir/dtype.ts';
import type { IrModel } from '../../src/ir/types.ts';
import { writeModel } from '../../src/onnx/codec.ts';
import type { HostTensor } from '../../src/runtime/inference-runtime.ts';
import { outputNamed } from '../helpers/outputs.ts';
import { runBytes } from '../helpers/run-model.ts';
import { graph, node, tensorType, typedTensor, valueInfo } from './models/ir-parts.ts';
import { roundTrip } from './round-trip.ts';

const FLOAT = DataType.FLOAT;

/** y = Loop(trip times: v += x) starting from If(cond, x + 1, x · x). */
function controlFlowModel(): IrModel {
  // Branches have no inputs and read `x` from the outer scope, which the builder cannot express; they are written out.
  const thenBranch = graph('then', {
    nodes: [node('Add', ['x', 'one'], ['then_y'])],
    initializers: [typedTensor('one', FLOAT, [], Float32Array.of(1))],
    outputs: [valueInfo('then_y', tensorType(FLOAT, [3]))],
  });
  const elseBranch = graph('else', {
    nodes: [node('Mul', ['x', 'x'], ['else_y'])],
    outputs: [valueInfo('else_y', tensorType(FLOAT, [3]))],
  });
  const body = graph('body', {
    nodes: [node('Identity', ['cond_in'], ['cond_out']), node('Add', ['v_in', 'x'], ['v_out'])],
    inputs: [valueInfo('i', tensorType(DataType.INT64, [])), valueInfo('cond_in', tensorType(DataType.BOOL, [])), valueInfo('v_in', tensorType(FLOAT, [3]))],
    outputs: [valueInfo('cond_out', tensorType(DataType.BOOL, [])), valueInfo('v_out', tensorType(FLOAT, [3]))],
  });
  const b = new GraphBuilder();
  b.input('x', 'float32', [3]); // read by name inside the branches and the body
  const cond = b.input('cond', 'bool', []);
  const trip = b.input('trip', 'int64', []);
  const branched = b.op('If', [cond], { then_branch: thenBranch, else_branch: elseBranch }, { name: 'if' });
  b.op('Loop', [trip, '', branched], { body }, { name: 'loop', outputs: ['y'] });
  b.output('y', 'float32', [3]);
  return b.toModel({ opset: 17 });
}

function feeds(cond: boolean): Record<string, HostTensor> {
  return {
    x: { type: 'float32', dims: [3], data: Float32Array.of(1, 2, 3) },
    cond: { type: 'bool', dims: [], data: Uint8Array.of(cond ? 1 : 0) },
    trip: { type: 'int64', dims: [], data: BigInt64Array.of(3n) },
  };
}

describe('If and Loop subgraphs in onnxruntime', () => {
  const bytes = writeModel(roundTrip(controlFlowModel()));

  it('takes the then branch and loops three times: (x + 1) + 3x', async () => {
    expect(Array.from(outputNamed(await runBytes(bytes, feeds(true)), 'y').data as Float32Array)).toEqual([5, 9, 13]);
  });

  it('takes the else branch and loops three times: x · x + 3x', async () => {
    expect(Array.from(outputNamed(await runBytes(bytes, feeds(false)), 'y').data as Float32Array)).toEqual([4, 10, 18]);
  });
});
