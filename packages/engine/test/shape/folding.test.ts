import { describe, expect, it } from 'vitest';
import { float, GraphBuilder } from '../../src/ir/builder.ts';
import { DataType } from '../../src/ir/dtype.ts';
import { tensorFromArray } from '../../src/ir/tensor.ts';
import type { IrModel } from '../../src/ir/types.ts';
import { inferShapes } from '../../src/shape/infer.ts';
import { knownFromTensor, MAX_FOLD_ELEMENTS } from '../../src/shape/known-value.ts';
import { seededInput } from '../helpers/run-model.ts';
import { compareWithOrt } from './ort-compare.ts';

/** Constant folding of small values through shape subgraphs, checked by value and, where it runs, against ORT. */

const i64 = (values: readonly (number | bigint)[]): BigInt64Array => BigInt64Array.from(values.map(BigInt));

function folded(model: IrModel, name: string): unknown {
  return inferShapes(model).knownValues.get(name)?.data;
}

describe('constant folding', () => {
  it('folds arithmetic on shape elements, symbolic ones included', () => {
    const b = new GraphBuilder();
    const x = b.input('x', 'float32', ['N', 6, 'H']);
    const s = b.op('Shape', [x]);
    const two = b.initializer('two', 'int64', [], i64([2]));
    const add = b.op('Add', [s, two]);
    const sub = b.op('Sub', [s, two]);
    const mul = b.op('Mul', [s, two]);
    const div = b.op('Div', [s, two]);
    const neg = b.op('Neg', [s]);
    const abs = b.op('Abs', [neg]);
    const m = b.toModel();
    const r = inferShapes(m);
    expect(r.knownValues.get(add)?.data).toEqual(['N+2', 8, 'H+2']);
    expect(r.knownValues.get(sub)?.data).toEqual(['N-2', 4, 'H-2']);
    expect(r.knownValues.get(mul)?.data).toEqual(['2*N', 12, '2*H']);
    expect(r.knownValues.get(div)?.data).toEqual(['floor(N/2)', 3, 'floor(H/2)']);
    expect(r.knownValues.get(neg)?.data).toEqual(['-N', -6, '-H']);
    expect(r.knownValues.get(abs)?.data).toBeUndefined();
  });

  it('truncates integer Div toward zero and rounds float32 results', () => {
    const b = new GraphBuilder();
    const a = b.initializer('a', 'int64', [2], i64([-7, 7]));
    const d = b.initializer('d', 'int64', [1], i64([2]));
    const q = b.op('Div', [a, d]);
    const f = b.op('Div', [b.initializer('one', 'float32', [1], Float32Array.from([1])), b.initializer('three', 'float32', [1], Float32Array.from([3]))]);
    const m = b.toModel();
    expect(folded(m, q)).toEqual([-3, 3]);
    expect(folded(m, f)).toEqual([Math.fround(1 / 3)]);
  });

  it('folds Cast, Equal, Where, Max, Min and ReduceProd', () => {
    const b = new GraphBuilder();
    const x = b.input('x', 'float32', [2, 'T', 4]);
    const s = b.op('Shape', [x]);
    const asFloat = b.op('Cast', [s], { to: DataType.FLOAT });
    const back = b.op('Cast', [b.op('Mul', [asFloat, b.initializer('half', 'float32', [], Float32Array.from([0.5]))])], { to: DataType.INT64 });
    const eq = b.op('Equal', [s, b.initializer('four', 'int64', [3], i64([2, 5, 4]))]);
    const where = b.op('Where', [eq, s, b.initializer('minus', 'int64', [1], i64([-1]))]);
    const prod = b.op('ReduceProd', [b.initializer('v', 'int64', [3], i64([2, 3, 4]))], { keepdims: 0 });
    const symProd = b.op('ReduceProd', [s], { keepdims: 0 });
    const max = b.op('Max', [b.initializer('p', 'int64', [2], i64([1, 9])), b.initializer('q', 'int64', [2], i64([5, 3]))]);
    const min = b.op('Min', [b.initializer('p2', 'int64', [2], i64([1, 9])), b.initializer('q2', 'int64', [1], i64([4]))]);
    const r = inferShapes(b.toModel({ opset: 13 }));
    expect(r.knownValues.get(asFloat)?.data).toEqual([2, 'T', 4]);
    expect(r.knownValues.get(back)?.data).toEqual([1, 'floor(T/2)', 2]);
    expect(r.knownValues.get(eq)).toBeUndefined();
    expect(r.knownValues.get(where)).toBeUndefined();
    expect(r.knownValues.get(prod)?.data).toEqual([24]);
    expect(r.knownValues.get(symProd)?.data).toEqual(['8*T']);
    expect(r.knownValues.get(max)?.data).toEqual([5, 9]);
    expect(r.knownValues.get(min)?.data).toEqual([1, 4]);
  });

  it('folds Equal of identical symbols and the Where it selects', () => {
    const b = new GraphBuilder();
    const x = b.input('x', 'float32', ['N', 3]);
    const s = b.op('Shape', [x]);
    const eq = b.op('Equal', [s, s]);
    const where = b.op('Where', [eq, s, b.initializer('m', 'int64', [1], i64([-1]))]);
    const r = inferShapes(b.toModel({ opset: 13 }));
    expect(r.knownValues.get(eq)?.data).toEqual([1, 1]);
    expect(r.knownValues.get(where)?.data).toEqual(['N', 3]);
  });

  it('folds Gather with negative indices, Concat, Slice, Squeeze, Unsqueeze, Reshape and Identity', () => {
    const b = new GraphBuilder();
    const s = b.op('Shape', [b.input('x', 'float32', ['N', 3, 'H', 'W'])]);
    const last = b.op('Gather', [s, b.initializer('m1', 'int64', [1], i64([-1]))]);
    const hw = b.op('Slice', [s, b.initializer('st', 'int64', [1], i64([-2])), b.initializer('en', 'int64', [1], i64([9223372036854775807n]))]);
    const rev = b.op('Slice', [s, b.initializer('st2', 'int64', [1], i64([-1])), b.initializer('en2', 'int64', [1], i64([-9223372036854775808n])), b.initializer('ax2', 'int64', [1], i64([0])), b.initializer('sp2', 'int64', [1], i64([-2]))]);
    const joined = b.op('Concat', [hw, last], { axis: 0 });
    const scalar = b.op('Squeeze', [last, b.initializer('ax', 'int64', [1], i64([0]))]);
    const back = b.op('Unsqueeze', [scalar, b.initializer('ax3', 'int64', [1], i64([0]))]);
    const grid = b.op('Reshape', [joined, b.initializer('rs', 'int64', [2], i64([3, 1]))]);
    const same = b.op('Identity', [grid]);
    const r = inferShapes(b.toModel({ opset: 13 }));
    expect(r.issues).toEqual([]);
    expect(r.knownValues.get(last)?.data).toEqual(['W']);
    expect(r.knownValues.get(hw)?.data).toEqual(['H', 'W']);
    expect(r.knownValues.get(rev)?.data).toEqual(['W', 3]);
    expect(r.knownValues.get(joined)?.data).toEqual(['H', 'W', 'W']);
    expect(r.knownValues.get(scalar)).toEqual({ dtype: DataType.INT64, dims: [], data: ['W'] });
    expect(r.knownValues.get(back)?.dims).toEqual([1]);
    expect(r.knownValues.get(same)).toEqual({ dtype: DataType.INT64, dims: [3, 1], data: ['H', 'W', 'W'] });
  });

  it('folds ConstantOfShape and Range', () => {
    const b = new GraphBuilder();
    const filled = b.op('ConstantOfShape', [b.initializer('sh', 'int64', [2], i64([2, 2]))], { value: tensorFromArray('', DataType.INT64, [1], i64([7])) });
    const range = b.op('Range', [b.initializer('a', 'int64', [], i64([1])), b.initializer('l', 'int64', [], i64([10])), b.initializer('d', 'int64', [], i64([4]))]);
    const r = inferShapes(b.toModel({ opset: 13 }));
    expect(r.knownValues.get(filled)).toEqual({ dtype: DataType.INT64, dims: [2, 2], data: [7, 7, 7, 7] });
    expect(r.knownValues.get(range)?.data).toEqual([1, 5, 9]);
  });

  it('reads Constant attribute forms as values', () => {
    const b = new GraphBuilder();
    const ints = b.op('Constant', [], { value_ints: [3, -1] });
    const one = b.op('Constant', [], { value_float: float(0.5) });
    const r = inferShapes(b.toModel({ opset: 13 }));
    expect(r.knownValues.get(ints)?.data).toEqual([3, -1]);
    expect(r.knownValues.get(one)?.data).toEqual([0.5]);
  });

  it('never folds past the element limit and never reads weights nobody asks for', () => {
    const big = tensorFromArray('big', DataType.INT64, [MAX_FOLD_ELEMENTS + 1], new BigInt64Array(MAX_FOLD_ELEMENTS + 1));
    expect(knownFromTensor(big)).toBeUndefined();
    const external = { ...big, dims: [4], data: { kind: 'external' as const, location: 'w.bin', offset: 0, length: 32, entries: [] } };
    expect(knownFromTensor(external)).toBeUndefined();
    const b = new GraphBuilder();
    const w = b.initializer('w', 'float32', [64, 64], new Float32Array(4096));
    b.op('MatMul', [b.input('x', 'float32', [1, 64]), w]);
    expect(inferShapes(b.toModel()).knownValues.has(w)).toBe(false);
  });

  it('refuses to build huge values or ranks from crafted inputs', () => {
    const b = new GraphBuilder();
    const range = b.op('Range', [b.initializer('a', 'int64', [], i64([0])), b.initializer('l', 'int64', [], i64([1e12])), b.initializer('d', 'int64', [], i64([1]))]);
    const picked = b.op('Gather', [b.initializer('row', 'int64', [64, 64], new BigInt64Array(4096)), b.initializer('idx', 'int64', [4096], new BigInt64Array(4096))], { axis: 1 });
    const reshaped = b.op('Reshape', [b.input('x', 'float32', [2]), b.input('target', 'int64', [1e9])]);
    const r = inferShapes(b.toModel({ opset: 13 }));
    expect(r.issues).toEqual([]);
    expect(r.values.get(range)?.shape).toEqual([1e12]);
    expect(r.knownValues.has(range)).toBe(false);
    expect(r.values.get(picked)?.shape).toEqual([64, 4096]);
    expect(r.knownValues.has(picked)).toBe(false);
    expect(r.values.get(reshaped)).toEqual({ dtype: DataType.FLOAT, shape: undefined });
  });

  it('treats initializers listed as graph inputs as overridable from IR 4 on', () => {
    const b = new GraphBuilder();
    const x = b.input('x', 'float32', [2, 6]);
    const target = b.initializer('target', 'int64', [2], i64([3, 4]));
    const y = b.op('Reshape', [x, target]);
    const model = b.toModel({ irVersion: 8 });
    const withInput: IrModel = {
      ...model,
      graph: { ...model.graph, inputs: [...model.graph.inputs, { name: target, type: { kind: 'tensor', elemType: DataType.INT64, shape: [2], denotation: '' }, docString: '', metadataProps: [] }] },
    };
    expect(inferShapes(withInput).values.get(y)?.shape).toEqual([expect.stringMatching(/^unk__/), expect.stringMatching(/^unk__/)]);
    expect(inferShapes({ ...withInput, irVersion: 3 }).values.get(y)?.shape).toEqual([3, 4]);
  });

  it('matches onnxruntime on a folded shape subgraph', async () => {
    const b = new GraphBuilder();
    const x = b.input('x', 'float32', [2, 3, 4, 6]);
    const s = b.op('Shape', [x]);
    const nc = b.op('Slice', [s, b.initializer('z', 'int64', [1], i64([0])), b.initializer('two', 'int64', [1], i64([2]))]);
    const hw = b.op('Slice', [s, b.initializer('two2', 'int64', [1], i64([2])), b.initializer('four', 'int64', [1], i64([4]))]);
    const area = b.op('ReduceProd', [hw], { keepdims: 1 });
    const target = b.op('Concat', [nc, area], { axis: 0 });
    const flat = b.op('Reshape', [x, target]);
    const halves = b.op('Div', [b.op('Cast', [hw], { to: DataType.FLOAT }), b.initializer('h', 'float32', [1], Float32Array.from([2]))]);
    const sizes = b.op('Concat', [nc, b.op('Cast', [b.op('Floor', [halves])], { to: DataType.INT64 })], { axis: 0 });
    const down = b.op('Resize', [x, '', '', sizes]);
    const zeros = b.op('ConstantOfShape', [b.op('Shape', [down])]);
    const expanded = b.op('Expand', [b.initializer('row', 'float32', [3], new Float32Array(3)), b.op('Concat', [b.initializer('ones', 'int64', [1], i64([5])), b.initializer('three', 'int64', [1], i64([3]))], { axis: 0 })]);
    const tiled = b.op('Tile', [flat, b.op('Concat', [b.initializer('a1', 'int64', [1], i64([1])), b.op('Gather', [s, b.initializer('g', 'int64', [1], i64([0]))]), b.initializer('a2', 'int64', [1], i64([1]))], { axis: 0 })]);
    b.output(zeros, 'float32');
    b.output(expanded, 'float32');
    b.output(tiled, 'float32');
    const model = b.toModel({ opset: 13 });
    const result = inferShapes(model);
    expect(result.issues).toEqual([]);
    expect(result.values.get(flat)?.shape).toEqual([2, 3, 24]);
    expect(result.values.get(down)?.shape).toEqual([2, 3, 2, 3]);
    const { mismatches } = await compareWithOrt(model, result, { x: seededInput([2, 3, 4, 6], 3) });
    expect(mismatches).toEqual([]);
  });
});
