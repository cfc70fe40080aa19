import { describe, expect, it } from 'vitest';
import { GraphBuilder } from '../../src/ir/builder.ts';
import { DataType } from '../../src/ir/dtype.ts';
import type { IrGraph } from '../../src/ir/types.ts';
import { inferShapes } from '../../src/shape/infer.ts';
import { seededInput } from '../helpers/run-model.ts';
import { compareWithOrt } from './ort-compare.ts';

/** If/Loop/Scan: bodies see outer-scope values; outputs get what the bodies determine; ORT confirms. */

/** A subgraph whose nodes may read `outer` values of the enclosing graph (declared here, then removed from inputs). */
function body(build: (b: GraphBuilder) => void, outer: readonly (readonly [string, string, readonly number[]])[] = []): IrGraph {
  const b = new GraphBuilder();
  for (const [name, dtype, shape] of outer) b.input(name, dtype, shape);
  build(b);
  const g = b.toGraph('body');
  const hidden = new Set(outer.map(([name]) => name));
  return { ...g, inputs: g.inputs.filter((v) => !hidden.has(v.name)) };
}

const X: readonly [string, string, readonly number[]] = ['x', 'float32', [2, 3]];
const boolFeed = (v: boolean) => ({ type: 'bool' as const, dims: [], data: Uint8Array.from([v ? 1 : 0]) });

describe('control flow', () => {
  it('If with a runtime condition: branches that agree give the shape, reading outer values', async () => {
    const then = body((b) => {
      b.output(b.op('Relu', ['x'], {}, { outputs: ['t'] }), 'float32');
    }, [X]);
    const otherwise = body((b) => {
      b.output(b.op('Neg', ['x'], {}, { outputs: ['e'] }), 'float32');
    }, [X]);
    const b = new GraphBuilder();
    b.input('x', 'float32', [2, 3]);
    const y = b.op('If', [b.input('cond', 'bool', [])], { then_branch: then, else_branch: otherwise });
    b.output(b.op('Sigmoid', [y]), 'float32');
    const model = b.toModel({ opset: 16 });
    const r = inferShapes(model);
    expect(r.issues).toEqual([]);
    expect(r.values.get(y)).toEqual({ dtype: DataType.FLOAT, shape: [2, 3] });
    const { mismatches } = await compareWithOrt(model, r, { x: seededInput([2, 3], 1), cond: boolFeed(true) });
    expect(mismatches).toEqual([]);
  });

  it('If with branches that disagree keeps the rank and gives differing dims fresh symbols', () => {
    const then = body((b) => {
      b.output(b.op('Identity', ['x'], {}, { outputs: ['t'] }), 'float32');
    }, [X]);
    const otherwise = body((b) => {
      b.output(b.op('Transpose', ['x'], {}, { outputs: ['e'] }), 'float32');
    }, [X]);
    const b = new GraphBuilder();
    b.input('x', 'float32', [2, 3]);
    const y = b.op('If', [b.input('cond', 'bool', [])], { then_branch: then, else_branch: otherwise });
    const r = inferShapes(b.toModel({ opset: 16 }));
    expect(r.issues).toEqual([]);
    expect(r.values.get(y)?.dtype).toBe(DataType.FLOAT);
    expect(r.values.get(y)?.shape).toEqual([expect.stringMatching(/^unk__/), expect.stringMatching(/^unk__/)]);
  });

  it('If with a constant condition takes that branch exactly', async () => {
    const then = body((b) => {
      b.output(b.op('Identity', ['x'], {}, { outputs: ['t'] }), 'float32');
    }, [X]);
    const otherwise = body((b) => {
      b.output(b.op('Transpose', ['x'], {}, { outputs: ['e'] }), 'float32');
    }, [X]);
    const b = new GraphBuilder();
    b.input('x', 'float32', [2, 3]);
    const cond = b.initializer('cond', 'bool', [], Uint8Array.from([0]));
    const y = b.op('If', [cond], { then_branch: then, else_branch: otherwise });
    const model = b.toModel({ opset: 16 });
    const r = inferShapes(model);
    expect(r.values.get(y)?.shape).toEqual([3, 2]);
    expect((await compareWithOrt(model, r, { x: seededInput([2, 3], 2) })).mismatches).toEqual([]);
  });

  it('Loop with a constant trip count stacks scan outputs and carries state', async () => {
    const loopBody = body(
      (b) => {
        b.input('i', 'int64', []);
        b.input('c', 'bool', []);
        b.input('acc', 'float32', [3]);
        b.output(b.op('Identity', ['c'], {}, { outputs: ['c_out'] }), 'bool');
        const next = b.op('Add', ['acc', b.op('ReduceSum', ['x'], { axes: [0], keepdims: 0 })], {}, { outputs: ['acc_out'] });
        b.output(next, 'float32');
        b.output(b.op('Unsqueeze', [next], { axes: [0] }, { outputs: ['scan_out'] }), 'float32');
      },
      [X],
    );
    const b = new GraphBuilder();
    b.input('x', 'float32', [2, 3]);
    const m = b.initializer('m', 'int64', [], BigInt64Array.from([4n]));
    const acc = b.initializer('acc0', 'float32', [3], new Float32Array(3));
    const [final, stacked] = b.opMulti('Loop', [m, '', acc], { body: loopBody }, { outputs: ['final', 'stacked'] });
    const model = b.toModel({ opset: 11 });
    const r = inferShapes(model);
    expect(r.issues).toEqual([]);
    expect(r.values.get(final ?? '')).toEqual({ dtype: DataType.FLOAT, shape: [3] });
    expect(r.values.get(stacked ?? '')).toEqual({ dtype: DataType.FLOAT, shape: [4, 1, 3] });
    expect((await compareWithOrt(model, r, { x: seededInput([2, 3], 3) })).mismatches).toEqual([]);
  });

  it('Loop with a runtime condition gets a symbolic iteration count', () => {
    const loopBody = body((b) => {
      b.input('i', 'int64', []);
      b.input('c', 'bool', []);
      b.output(b.op('Identity', ['c'], {}, { outputs: ['c_out'] }), 'bool');
      b.output(b.op('Cast', ['i'], { to: DataType.FLOAT }, { outputs: ['scan_out'] }), 'float32');
    });
    const b = new GraphBuilder();
    const [stacked] = b.opMulti('Loop', ['', b.input('go', 'bool', [])], { body: loopBody }, { outputs: ['stacked'] });
    const r = inferShapes(b.toModel({ opset: 13 }));
    expect(r.issues).toEqual([]);
    expect(r.values.get(stacked ?? '')).toEqual({ dtype: DataType.FLOAT, shape: [expect.stringMatching(/^unk__/)] });
  });

  it('Scan runs a cumulative sum and inserts the sequence axis where asked', async () => {
    const scanBody = body((b) => {
      b.input('state', 'float32', [2]);
      b.input('row', 'float32', [2]);
      const next = b.op('Add', ['state', 'row'], {}, { outputs: ['state_out'] });
      b.output(next, 'float32');
      b.output(b.op('Identity', [next], {}, { outputs: ['row_out'] }), 'float32');
    });
    const b = new GraphBuilder();
    const init = b.initializer('init', 'float32', [2], new Float32Array(2));
    const seq = b.input('seq', 'float32', [5, 2]);
    const [last, rows] = b.opMulti('Scan', [init, seq], { body: scanBody, num_scan_inputs: 1, scan_output_axes: [1] }, { outputs: ['last', 'rows'] });
    const model = b.toModel({ opset: 16 });
    const r = inferShapes(model);
    expect(r.issues).toEqual([]);
    expect(r.values.get(last ?? '')?.shape).toEqual([2]);
    expect(r.values.get(rows ?? '')?.shape).toEqual([2, 5]);
    expect((await compareWithOrt(model, r, { seq: seededInput([5, 2], 4) })).mismatches).toEqual([]);
  });

  it('reports unknown ops inside a body with the path to them, without failing the outer node', () => {
    const then = body((b) => {
      b.output(b.op('Mystery', ['x'], {}, { name: 'inner', outputs: ['t'] }), 'float32', [2, 3]);
    }, [X]);
    const b = new GraphBuilder();
    b.input('x', 'float32', [2, 3]);
    const y = b.op('If', [b.initializer('cond', 'bool', [], Uint8Array.from([1]))], { then_branch: then, else_branch: then }, { name: 'branch' });
    const r = inferShapes(b.toModel({ opset: 16 }));
    expect(r.issues).toEqual([expect.objectContaining({ code: 'unknown-op', node: 'branch/inner' })]);
    expect(r.values.get(y), 'the declared body output type is used').toEqual({ dtype: DataType.FLOAT, shape: [2, 3] });
  });
});
