import { describe, expect, it } from 'vitest';
import { EngineErrorCode } from '../../src/errors.ts';
import { GraphBuilder, makeAttribute } from '../../src/ir/builder.ts';
import { DataType } from '../../src/ir/dtype.ts';
import type { IrFunction, IrModel } from '../../src/ir/types.ts';
import { opsetMap } from '../../src/ops/registry.ts';
import { createShapeRegistry, defaultShapeRegistry } from '../../src/register-all.ts';
import { defineShapeHandler, tensorOut } from '../../src/shape/handler.ts';
import { inferShapes } from '../../src/shape/infer.ts';

/** Handler resolution, fail-closed behaviour and the never-throw contract. */

const i64 = (values: readonly number[]): BigInt64Array => BigInt64Array.from(values.map(BigInt));

describe('shape registry and resolution', () => {
  it('reports an unknown op with op, domain, opset and node, and leaves its outputs unknown', () => {
    const b = new GraphBuilder();
    const y = b.op('FancyOp', [b.input('x', 'float32', [1, 2])], {}, { name: '/blk3/foo' });
    const z = b.op('Relu', [y]);
    const r = inferShapes(b.toModel({ opset: 17 }));
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0]).toMatchObject({ node: '/blk3/foo', opType: 'FancyOp', code: 'unknown-op' });
    expect(r.issues[0]?.message).toContain('Unknown op FancyOp (ai.onnx v17) at node /blk3/foo');
    expect(r.values.get(y)).toEqual({ dtype: undefined, shape: undefined });
    expect(r.values.get(z), 'downstream stays unknown without a second issue').toEqual({ dtype: undefined, shape: undefined });
  });

  it('says when an op has handlers but none for the model opset', () => {
    const b = new GraphBuilder();
    b.op('Gelu', [b.input('x', 'float32', [2])]);
    const r = inferShapes(b.toModel({ opset: 17 }));
    expect(r.issues[0]?.code).toBe('unknown-op');
    expect(r.issues[0]?.message).toContain('no shape handler for this opset version');
  });

  it('reports a domain the model does not import', () => {
    const b = new GraphBuilder();
    b.op('Thing', [b.input('x', 'float32', [2])], {}, { domain: 'com.example' });
    const r = inferShapes(b.toModel());
    expect(r.issues[0]?.message).toContain('(com.example, no opset imported)');
  });

  it('picks the handler with the highest since not above the opset', () => {
    const registry = createShapeRegistry([
      defineShapeHandler({ domain: 'test', opType: 'Probe', since: 1, infer: () => [tensorOut(DataType.INT8, [1])] }),
      defineShapeHandler({ domain: 'test', opType: 'Probe', since: 5, infer: () => [tensorOut(DataType.INT8, [5])] }),
      defineShapeHandler({ domain: 'test', opType: 'Probe', since: 9, infer: () => [tensorOut(DataType.INT8, [9])] }),
    ]);
    const node = { domain: 'test', opType: 'Probe' };
    const at = (v: number): unknown => registry.resolve(node, opsetMap([{ domain: 'test', version: v }]))?.since;
    expect([at(1), at(4), at(5), at(8), at(9), at(30)]).toEqual([1, 1, 5, 5, 9, 9]);
    const b = new GraphBuilder();
    const y = b.op('Probe', [b.input('x', 'float32', [2])], {}, { domain: 'test' });
    const r = inferShapes(b.toModel({ extraOpsets: [{ domain: 'test', version: 7 }] }), { registry });
    expect(r.values.get(y)?.shape).toEqual([5]);
  });

  it('switches Squeeze from the axes attribute to the axes input at opset 13', () => {
    const build = (opset: number): IrModel => {
      const b = new GraphBuilder();
      const x = b.input('x', 'float32', [1, 3, 1]);
      const inputs = opset >= 13 ? [x, b.initializer('axes', 'int64', [1], i64([0]))] : [x];
      b.op('Squeeze', inputs, opset >= 13 ? {} : { axes: [2] }, { outputs: ['y'] });
      return b.toModel({ opset });
    };
    expect(inferShapes(build(12)).values.get('y')?.shape).toEqual([1, 3]);
    expect(inferShapes(build(13)).values.get('y')?.shape).toEqual([3, 1]);
  });

  it('lets a custom handler replace a built-in one of the same key, and refuses duplicates among custom ones', () => {
    const custom = defineShapeHandler({ opType: 'Relu', since: 14, infer: () => [tensorOut(DataType.DOUBLE, [7])] });
    const registry = createShapeRegistry([custom]);
    const b = new GraphBuilder();
    const y = b.op('Relu', [b.input('x', 'float32', [2])]);
    expect(inferShapes(b.toModel({ opset: 17 }), { registry }).values.get(y)).toEqual({ dtype: DataType.DOUBLE, shape: [7] });
    expect(() => createShapeRegistry([custom, custom])).toThrow(expect.objectContaining({ code: EngineErrorCode.DuplicateHandler }));
  });

  it('covers every op the engine promises, at a current opset', () => {
    const ops = [
      'Conv', 'ConvTranspose', 'Gemm', 'MatMul', 'BatchNormalization', 'InstanceNormalization', 'LayerNormalization',
      'Relu', 'LeakyRelu', 'Clip', 'Sigmoid', 'HardSigmoid', 'HardSwish', 'Gelu', 'Erf', 'Tanh', 'Softmax', 'LogSoftmax',
      'Abs', 'Neg', 'Exp', 'Log', 'Sqrt', 'Reciprocal', 'Floor', 'Ceil', 'Round', 'Sign', 'Not', 'Elu', 'Selu', 'PRelu',
      'Softplus', 'Mish', 'Identity', 'Dropout', 'Add', 'Sub', 'Mul', 'Div', 'Pow', 'Max', 'Min', 'Mean', 'Sum', 'Mod',
      'And', 'Or', 'Xor', 'Equal', 'Greater', 'Less', 'GreaterOrEqual', 'LessOrEqual', 'MaxPool', 'AveragePool',
      'GlobalAveragePool', 'GlobalMaxPool', 'Concat', 'Split', 'Slice', 'Gather', 'Reshape', 'Flatten', 'Transpose',
      'Squeeze', 'Unsqueeze', 'Pad', 'Resize', 'Cast', 'CastLike', 'Shape', 'Size', 'ReduceMean', 'ReduceSum',
      'ReduceMax', 'ReduceMin', 'ReduceProd', 'ReduceL2', 'ArgMax', 'ArgMin', 'Expand', 'Tile', 'Where',
      'QuantizeLinear', 'DequantizeLinear', 'Constant', 'ConstantOfShape', 'Range', 'TopK', 'Einsum', 'If', 'Loop', 'Scan',
    ];
    const opsets = opsetMap([{ domain: '', version: 21 }]);
    const missing = ops.filter((opType) => defaultShapeRegistry().resolve({ domain: '', opType }, opsets) === undefined);
    expect(missing).toEqual([]);
  });
});

describe('inferShapes never throws on model problems', () => {
  it('survives every handler with unknown, scalar and odd inputs, without internal failures', () => {
    const crashes: string[] = [];
    for (const key of defaultShapeRegistry().keys()) {
      const [domain = '', opType = ''] = key.split('::');
      const shapes: readonly (readonly number[] | undefined)[] = [undefined, [], [3], [1, 3, 4, 4]];
      for (const [inputCount, shape] of [0, 1, 3, 9].flatMap((n) => shapes.map((s) => [n, s] as const))) {
        const type = shape === undefined ? undefined : { kind: 'tensor' as const, elemType: DataType.FLOAT, shape, denotation: '' };
        const unknown = Array.from({ length: inputCount }, (_, i) => ({ name: `u${String(i)}`, type, docString: '', metadataProps: [] }));
        const node = { name: 'n', opType, domain, overload: '', inputs: unknown.map((u) => u.name), outputs: ['a', 'b', 'c'], attributes: [], docString: '', metadataProps: [], opaque: [] };
        const model: IrModel = {
          ...new GraphBuilder().toModel({ opset: 21, extraOpsets: [{ domain: 'com.microsoft', version: 1 }] }),
        };
        const r = inferShapes({ ...model, graph: { ...model.graph, inputs: unknown, nodes: [node] } });
        for (const i of r.issues) {
          if (i.code === 'unsupported' || i.code === 'unknown-op') crashes.push(`${key} with ${String(inputCount)} inputs of shape ${JSON.stringify(shape)}: ${i.message}`);
        }
      }
    }
    expect(crashes).toEqual([]);
  });

  it('turns a bad attribute into an invalid-attribute issue', () => {
    const b = new GraphBuilder();
    const x = b.input('x', 'float32', [1, 3, 8, 8]);
    const w = b.initializer('w', 'float32', [4, 3, 3, 3], new Float32Array(108));
    const bad = b.op('Conv', [x, w], { auto_pad: 'SOMETIMES' });
    const wrongType = b.op('Concat', [x, x], { axis: 'one' });
    const perm = b.op('Transpose', [x], { perm: [0, 1] });
    const r = inferShapes(b.toModel());
    expect(r.issues.map((i) => i.code)).toEqual(['invalid-attribute', 'invalid-attribute', 'invalid-attribute']);
    expect(r.values.get(bad)).toEqual({ dtype: undefined, shape: undefined });
    expect(r.values.get(wrongType)?.shape).toBeUndefined();
    expect(r.values.get(perm)?.shape).toBeUndefined();
  });

  it('turns incompatible shapes into a shape-mismatch issue', () => {
    const b = new GraphBuilder();
    b.op('Add', [b.input('a', 'float32', [2, 3]), b.input('c', 'float32', [4])]);
    b.op('MatMul', [b.input('m', 'float32', [2, 3]), b.input('n', 'float32', [4, 5])]);
    b.op('Reshape', [b.input('r', 'float32', [2, 3]), b.initializer('s', 'int64', [2], i64([-1, -1]))]);
    const r = inferShapes(b.toModel());
    expect(r.issues.map((i) => i.code)).toEqual(['shape-mismatch', 'shape-mismatch', 'invalid-attribute']);
    expect(r.issues[0]?.message).toContain('cannot broadcast dims 3 and 4');
  });

  it('reports an input nothing defines', () => {
    const b = new GraphBuilder();
    const x = b.input('x', 'float32', [2]);
    const model = b.toModel();
    const node = { name: 'n', opType: 'Add', domain: '', overload: '', inputs: [x, 'ghost'], outputs: ['y'], attributes: [], docString: '', metadataProps: [], opaque: [] };
    const r = inferShapes({ ...model, graph: { ...model.graph, nodes: [node] } });
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0]).toMatchObject({ code: 'unknown-input', node: 'n' });
    expect(r.issues[0]?.message).toContain("'ghost'");
  });

  it('rejects a negative computed dim instead of returning it', () => {
    const b = new GraphBuilder();
    const y = b.op('Pad', [b.input('x', 'float32', [2, 2]), b.initializer('p', 'int64', [4], i64([0, -3, 0, 0]))]);
    const r = inferShapes(b.toModel({ opset: 13 }));
    expect(r.issues[0]?.code).toBe('shape-mismatch');
    expect(r.values.get(y)).toEqual({ dtype: DataType.FLOAT, shape: undefined });
  });

  it('has an entry for every input, initializer and node output', () => {
    const b = new GraphBuilder();
    const x = b.input('x', 'float32', [2]);
    const w = b.initializer('w', 'float32', [2], new Float32Array(2));
    const c = b.constant('c', 'float32', [2], new Float32Array(2));
    const inner = b.op('Add', [x, w]);
    const y = b.op('Add', [inner, c]);
    const r = inferShapes(b.toModel());
    expect([...r.values.keys()].sort()).toEqual([x, w, c, inner, y].sort());
  });

  it('infers nodes listed out of topological order', () => {
    const b = new GraphBuilder();
    const x = b.input('x', 'float32', [2, 3]);
    const a = b.op('Relu', [x]);
    const t = b.op('Transpose', [a]);
    const model = b.toModel();
    const reversed = { ...model, graph: { ...model.graph, nodes: [...model.graph.nodes].reverse() } };
    const r = inferShapes(reversed);
    expect(r.issues).toEqual([]);
    expect(r.values.get(t)?.shape).toEqual([3, 2]);
  });

  it('infers a model-local function through its body, with attribute references', () => {
    const b = new GraphBuilder();
    const y = b.op('ScaledFlatten', [b.input('x', 'float32', [2, 3, 4])], { axis: 2 }, { domain: 'local' });
    const model = b.toModel({ extraOpsets: [{ domain: 'local', version: 1 }] });
    const flattenAxis = { ...makeAttribute('axis', 0), refAttrName: 'axis' };
    const fn: IrFunction = {
      name: 'ScaledFlatten',
      domain: 'local',
      overload: '',
      inputs: ['X'],
      outputs: ['Y'],
      attributes: ['axis'],
      attributeProtos: [],
      nodes: [
        { name: 'f', opType: 'Flatten', domain: '', overload: '', inputs: ['X'], outputs: ['F'], attributes: [flattenAxis], docString: '', metadataProps: [], opaque: [] },
        { name: 'r', opType: 'Relu', domain: '', overload: '', inputs: ['F'], outputs: ['Y'], attributes: [], docString: '', metadataProps: [], opaque: [] },
      ],
      opsetImports: [{ domain: '', version: 17 }],
      valueInfo: [],
      docString: '',
      metadataProps: [],
    };
    const r = inferShapes({ ...model, functions: [fn] });
    expect(r.issues).toEqual([]);
    expect(r.values.get(y)).toEqual({ dtype: DataType.FLOAT, shape: [6, 4] });
  });
});
