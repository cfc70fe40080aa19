import { describe, expect, it } from 'vitest';
import { GraphBuilder } from '../../src/ir/builder.ts';
import { DataType } from '../../src/ir/dtype.ts';
import type { Dim } from '../../src/ir/types.ts';
import { inferShapes } from '../../src/shape/infer.ts';

/** Dynamic dims stay symbolic through convolutions, broadcasting and shape subgraphs (no onnxruntime needed). */

const i64 = (values: readonly number[]): BigInt64Array => BigInt64Array.from(values.map(BigInt));

function shapeOf(result: ReturnType<typeof inferShapes>, name: string): readonly Dim[] | undefined {
  return result.values.get(name)?.shape;
}

describe('symbolic dims', () => {
  it('keeps N through a Conv and derives spatial dims as expressions', () => {
    const b = new GraphBuilder();
    const x = b.input('x', 'float32', ['N', 3, 'H', 'W']);
    const same = b.op('Conv', [x, b.initializer('w', 'float32', [8, 3, 3, 3], new Float32Array(216))], { pads: [1, 1, 1, 1] });
    const down = b.op('Conv', [same, b.initializer('w2', 'float32', [16, 8, 3, 3], new Float32Array(1152))], { pads: [1, 1, 1, 1], strides: [2, 2] });
    const pooled = b.op('MaxPool', [down], { kernel_shape: [2, 2], strides: [2, 2] });
    const r = inferShapes(b.toModel());
    expect(r.issues).toEqual([]);
    expect(shapeOf(r, same)).toEqual(['N', 8, 'H', 'W']);
    expect(shapeOf(r, down)).toEqual(['N', 16, 'floor((H+1)/2)', 'floor((W+1)/2)']);
    expect(shapeOf(r, pooled)).toEqual(['N', 16, 'floor((H+1)/4)', 'floor((W+1)/4)']);
  });

  it('resolves Shape → Gather → Unsqueeze → Concat → Reshape with a symbolic batch', () => {
    const b = new GraphBuilder();
    const x = b.input('x', 'float32', ['N', 3, 4, 5]);
    const shape = b.op('Shape', [x]);
    const batch = b.op('Gather', [shape, b.initializer('zero', 'int64', [], i64([0]))], { axis: 0 });
    const batch1 = b.op('Unsqueeze', [batch, b.initializer('axes', 'int64', [1], i64([0]))]);
    const target = b.op('Concat', [batch1, b.initializer('rest', 'int64', [1], i64([-1]))], { axis: 0 });
    const flat = b.op('Reshape', [x, target]);
    const r = inferShapes(b.toModel({ opset: 13 }));
    expect(r.issues).toEqual([]);
    expect(r.knownValues.get(batch)?.data).toEqual(['N']);
    expect(r.knownValues.get(target)?.data).toEqual(['N', -1]);
    expect(shapeOf(r, flat)).toEqual(['N', 60]);
  });

  it('flattens symbolic trailing dims into a product', () => {
    const b = new GraphBuilder();
    const x = b.input('x', 'float32', ['N', 3, 'H', 'W']);
    const flat = b.op('Flatten', [x]);
    const reshaped = b.op('Reshape', [x, b.initializer('s', 'int64', [2], i64([0, -1]))]);
    const r = inferShapes(b.toModel());
    expect(shapeOf(r, flat)).toEqual(['N', '3*H*W']);
    expect(shapeOf(r, reshaped)).toEqual(['N', '3*H*W']);
  });

  it('splits attention heads with Reshape 0/-1 on symbolic dims and re-joins them', () => {
    const b = new GraphBuilder();
    const x = b.input('x', 'float32', ['B', 'T', 64]);
    const heads = b.op('Reshape', [x, b.initializer('h', 'int64', [4], i64([0, 0, 8, -1]))]);
    const t = b.op('Transpose', [heads], { perm: [0, 2, 1, 3] });
    const scores = b.op('MatMul', [t, b.op('Transpose', [t], { perm: [0, 1, 3, 2] })]);
    const back = b.op('Reshape', [b.op('Transpose', [t], { perm: [0, 2, 1, 3] }), b.initializer('j', 'int64', [3], i64([0, 0, -1]))]);
    const r = inferShapes(b.toModel());
    expect(r.issues).toEqual([]);
    expect(shapeOf(r, heads)).toEqual(['B', 'T', 8, 8]);
    expect(shapeOf(r, scores)).toEqual(['B', 8, 'T', 'T']);
    expect(shapeOf(r, back)).toEqual(['B', 'T', 64]);
  });

  it('broadcasts a symbol against 1 and against a number, and never unifies two different symbols', () => {
    const b = new GraphBuilder();
    const a = b.input('a', 'float32', ['N', 1, 'K']);
    const c = b.input('c', 'float32', [1, 5, 'M']);
    const sum = b.op('Add', [a, c]);
    const r = inferShapes(b.toModel());
    const s = shapeOf(r, sum);
    expect(s?.slice(0, 2)).toEqual(['N', 5]);
    expect(s?.[2]).toMatch(/^unk__\d+$/);
  });

  it('keeps the batch through MatMul and Gemm-like chains', () => {
    const b = new GraphBuilder();
    const x = b.input('x', 'float32', ['N', 'T', 16]);
    const y = b.op('MatMul', [x, b.initializer('w', 'float32', [16, 4], new Float32Array(64))]);
    const r = inferShapes(b.toModel());
    expect(shapeOf(r, y)).toEqual(['N', 'T', 4]);
  });

  it('resolves Resize sizes computed from the input shape', () => {
    const b = new GraphBuilder();
    const x = b.input('x', 'float32', ['N', 8, 'H', 'W']);
    const hw = b.op('Slice', [b.op('Shape', [x]), b.initializer('s', 'int64', [1], i64([2])), b.initializer('e', 'int64', [1], i64([4]))]);
    const doubled = b.op('Mul', [hw, b.initializer('two', 'int64', [1], i64([2]))]);
    const nc = b.op('Slice', [b.op('Shape', [x]), b.initializer('s0', 'int64', [1], i64([0])), b.initializer('e0', 'int64', [1], i64([2]))]);
    const sizes = b.op('Concat', [nc, doubled], { axis: 0 });
    const up = b.op('Resize', [x, '', '', sizes], { mode: 'nearest' });
    const r = inferShapes(b.toModel({ opset: 13 }));
    expect(r.issues).toEqual([]);
    expect(r.knownValues.get(sizes)?.data).toEqual(['N', 8, '2*H', '2*W']);
    expect(shapeOf(r, up)).toEqual(['N', 8, '2*H', '2*W']);
  });

  it('resolves ConstantOfShape, Expand and Range targets from shapes', () => {
    const b = new GraphBuilder();
    const x = b.input('x', 'float32', ['N', 'T']);
    const zeros = b.op('ConstantOfShape', [b.op('Shape', [x])]);
    const t = b.op('Gather', [b.op('Shape', [x]), b.initializer('one', 'int64', [], i64([1]))]);
    const positions = b.op('Range', [b.initializer('start', 'int64', [], i64([0])), t, b.initializer('delta', 'int64', [], i64([1]))]);
    const expanded = b.op('Expand', [b.op('Unsqueeze', [positions, b.initializer('ax', 'int64', [1], i64([0]))]), b.op('Shape', [x])]);
    const r = inferShapes(b.toModel({ opset: 13 }));
    expect(r.issues).toEqual([]);
    expect(shapeOf(r, zeros)).toEqual(['N', 'T']);
    expect(shapeOf(r, positions)).toEqual(['T']);
    expect(shapeOf(r, expanded)).toEqual(['N', 'T']);
  });

  it('slices symbolic dims with sentinels and negative offsets', () => {
    const b = new GraphBuilder();
    const x = b.input('x', 'float32', ['N', 'T', 'C']);
    const max = BigInt64Array.from([9223372036854775807n]);
    const drop1 = b.op('Slice', [x, b.initializer('s1', 'int64', [1], i64([1])), b.initializer('e1', 'int64', [1], max), b.initializer('a1', 'int64', [1], i64([1]))]);
    const last2 = b.op('Slice', [x, b.initializer('s2', 'int64', [1], i64([-2])), b.initializer('e2', 'int64', [1], max), b.initializer('a2', 'int64', [1], i64([2]))]);
    const butLast = b.op('Slice', [x, b.initializer('s3', 'int64', [1], i64([0])), b.initializer('e3', 'int64', [1], i64([-1])), b.initializer('a3', 'int64', [1], i64([1]))]);
    const unknown = b.op('Slice', [x, b.initializer('s4', 'int64', [1], i64([0])), b.initializer('e4', 'int64', [1], i64([3])), b.initializer('a4', 'int64', [1], i64([1]))]);
    const r = inferShapes(b.toModel({ opset: 13 }));
    expect(shapeOf(r, drop1)).toEqual(['N', 'T-1', 'C']);
    expect(shapeOf(r, last2)).toEqual(['N', 'T', 2]);
    expect(shapeOf(r, butLast)).toEqual(['N', 'T-1', 'C']);
    // Slicing [0:3] of an unknown-length axis could give fewer than 3: a fresh symbol, not a guess.
    expect(shapeOf(r, unknown)?.[1]).toMatch(/^unk__\d+$/);
  });

  it('gives Size a symbolic product', () => {
    const b = new GraphBuilder();
    const size = b.op('Size', [b.input('x', 'float32', ['N', 3, 'L'])]);
    const r = inferShapes(b.toModel());
    expect(r.knownValues.get(size)?.data).toEqual(['3*L*N']);
  });

  it('replaces declared input shapes with inputShapes, and names unknown dims freshly', () => {
    const b = new GraphBuilder();
    const x = b.input('x', 'float32', ['N', 3, 'H', 'W']);
    const y = b.op('Relu', [x]);
    const model = b.toModel();
    expect(shapeOf(inferShapes(model, { inputShapes: { x: [2, 3, 8, 8] } }), y)).toEqual([2, 3, 8, 8]);
    const fresh = shapeOf(inferShapes(model, { inputShapes: { x: ['?', 3, '?', 8] } }), y);
    expect(fresh?.[0]).toMatch(/^unk__/);
    expect(fresh?.[2]).toMatch(/^unk__/);
    expect(fresh?.[0]).not.toBe(fresh?.[2]);
  });

  it('reports an inputShapes entry that names no graph input', () => {
    const b = new GraphBuilder();
    b.op('Relu', [b.input('x', 'float32', [1])]);
    const r = inferShapes(b.toModel(), { inputShapes: { y: [1] } });
    expect(r.issues).toEqual([expect.objectContaining({ code: 'unknown-input', node: 'y' })]);
  });

  it('keeps dtype when only the rank is unknown', () => {
    const b = new GraphBuilder();
    const y = b.op('Relu', [b.input('x', DataType.FLOAT16, [])]);
    const model = b.toModel();
    const rankless = { name: 'x', type: { kind: 'tensor' as const, elemType: DataType.FLOAT16, shape: undefined, denotation: '' }, docString: '', metadataProps: [] };
    const declaredNoShape = { ...model, graph: { ...model.graph, inputs: [rankless] } };
    const r = inferShapes(declaredNoShape);
    expect(r.values.get(y)).toEqual({ dtype: DataType.FLOAT16, shape: undefined });
    expect(r.issues).toEqual([]);
  });
});
