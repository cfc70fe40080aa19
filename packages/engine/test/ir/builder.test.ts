import { describe, expect, it } from 'vitest';
import { EngineErrorCode } from '../../src/errors.ts';
import { float, GraphBuilder, makeAttribute } from '../../src/ir/builder.ts';
import { DataType } from '../../src/ir/dtype.ts';
import { tensorFromArray } from '../../src/ir/tensor.ts';
import { decodeUtf8 } from '../../src/ir/utf8.ts';
import { expectEngineError } from '../helpers/expect-engine-error.ts';

describe('makeAttribute', () => {
  it('types an integral number as INT (bigint value)', () => {
    expect(makeAttribute('axis', 1)).toMatchObject({ type: 'INT', value: 1n });
    expect(makeAttribute('axis', -3)).toMatchObject({ type: 'INT', value: -3n });
  });

  it('types a bigint as INT, keeping int64 extremes', () => {
    expect(makeAttribute('end', (1n << 63n) - 1n)).toMatchObject({ type: 'INT', value: 9223372036854775807n });
  });

  it('types a fractional number as FLOAT', () => {
    expect(makeAttribute('alpha', 0.5)).toMatchObject({ type: 'FLOAT', value: 0.5 });
  });

  it('forces FLOAT for an integral value wrapped in float()', () => {
    expect(makeAttribute('alpha', float(1))).toMatchObject({ type: 'FLOAT', value: 1 });
    expect(makeAttribute('scales', float([1, 2]))).toMatchObject({ type: 'FLOATS', value: [1, 2] });
  });

  it('rounds FLOAT and FLOATS values to float32, the precision the file stores', () => {
    expect(makeAttribute('epsilon', float(1e-5))).toMatchObject({ type: 'FLOAT', value: Math.fround(1e-5) });
    expect(makeAttribute('epsilon', 1e-5)).toMatchObject({ type: 'FLOAT', value: Math.fround(1e-5) });
    expect(makeAttribute('scales', [0.1, 2])).toMatchObject({ type: 'FLOATS', value: [Math.fround(0.1), 2] });
  });

  it('types an all-integer array as INTS and a mixed numeric array as FLOATS', () => {
    expect(makeAttribute('pads', [1, 1, 0, 0])).toMatchObject({ type: 'INTS', value: [1n, 1n, 0n, 0n] });
    expect(makeAttribute('ends', [1n, 5n])).toMatchObject({ type: 'INTS', value: [1n, 5n] });
    expect(makeAttribute('scales', [1, 2.5])).toMatchObject({ type: 'FLOATS', value: [1, 2.5] });
  });

  it('types strings as UTF-8 STRING and string arrays as STRINGS', () => {
    const s = makeAttribute('mode', 'größe');
    expect(s.type).toBe('STRING');
    expect(s.type === 'STRING' ? decodeUtf8(s.value) : '').toBe('größe');
    const list = makeAttribute('names', ['a', '中']);
    expect(list.type === 'STRINGS' ? list.value.map(decodeUtf8) : []).toEqual(['a', '中']);
  });

  it('types a tensor as TENSOR and a graph as GRAPH', () => {
    const t = tensorFromArray('', DataType.FLOAT, [1], Float32Array.of(2));
    expect(makeAttribute('value', t)).toMatchObject({ type: 'TENSOR', value: t });
    const g = new GraphBuilder().toGraph('branch');
    expect(makeAttribute('then_branch', g)).toMatchObject({ type: 'GRAPH', value: g });
  });

  it('leaves refAttrName and docString empty', () => {
    expect(makeAttribute('axis', 0)).toMatchObject({ name: 'axis', refAttrName: '', docString: '' });
  });
});

describe('GraphBuilder', () => {
  it('builds nodes in call order with generated names and outputs', () => {
    const b = new GraphBuilder();
    const x = b.input('x', 'float32', ['N', 4]);
    const r = b.op('Relu', [x]);
    const outs = b.opMulti('Split', [r], { axis: 1 }, { outputCount: 2 });
    const g = b.toGraph();
    expect(g.nodes.map((n) => [n.name, n.opType, n.outputs])).toEqual([
      ['relu_0', 'Relu', ['relu_0_out']],
      ['split_1', 'Split', ['split_1_out0', 'split_1_out1']],
    ]);
    expect(outs).toEqual(['split_1_out0', 'split_1_out1']);
  });

  it('accepts explicit names, outputs and domains', () => {
    const b = new GraphBuilder();
    const x = b.input('x', 'float32', [1]);
    b.op('Custom', [x], {}, { name: '/blk/custom', domain: 'com.microsoft', outputs: ['y'] });
    expect(b.toGraph().nodes[0]).toMatchObject({ name: '/blk/custom', domain: 'com.microsoft', outputs: ['y'] });
  });

  it('declares inputs with symbolic dims and dtype names or codes', () => {
    const b = new GraphBuilder();
    b.input('x', 'float16', ['batch', 3]);
    b.input('y', DataType.INT64, []);
    expect(b.toGraph().inputs.map((v) => v.type)).toEqual([
      { kind: 'tensor', elemType: DataType.FLOAT16, shape: ['batch', 3], denotation: '' },
      { kind: 'tensor', elemType: DataType.INT64, shape: [], denotation: '' },
    ]);
  });

  it('stores initializers as raw bytes copied from the array', () => {
    const b = new GraphBuilder();
    const values = Float32Array.of(1, 2);
    b.initializer('w', 'float32', [2], values);
    values[0] = 99;
    const [w] = b.toGraph().initializers;
    expect(w?.data.kind === 'raw' ? Array.from(new Float32Array(w.data.bytes.slice().buffer)) : []).toEqual([1, 2]);
  });

  it('stores constant() weights in a Constant node whose output is the given name', () => {
    const b = new GraphBuilder();
    expect(b.constant('w', 'int64', [2], BigInt64Array.of(1n, 2n))).toBe('w');
    const [node] = b.toGraph().nodes;
    expect(node).toMatchObject({ opType: 'Constant', outputs: ['w'], attributes: [{ name: 'value', type: 'TENSOR' }] });
  });

  it('makes a model with opset 17 and IR 8 by default, and extra opsets on request', () => {
    const b = new GraphBuilder();
    const m1 = b.toModel();
    expect(m1).toMatchObject({ irVersion: 8, opsetImports: [{ domain: '', version: 17 }], producerName: 'whittle' });
    const m2 = b.toModel({ opset: 21, irVersion: 10, extraOpsets: [{ domain: 'com.microsoft', version: 1 }] });
    expect(m2.opsetImports).toEqual([{ domain: '', version: 21 }, { domain: 'com.microsoft', version: 1 }]);
  });

  it('lets an omitted optional input be written as an empty name', () => {
    const b = new GraphBuilder();
    const x = b.input('x', 'float32', [1]);
    expect(() => b.op('Clip', [x, '', ''])).not.toThrow();
  });

  it('refuses a value name defined twice', () => {
    const b = new GraphBuilder();
    b.input('x', 'float32', [1]);
    expectEngineError(() => b.initializer('x', 'float32', [1], Float32Array.of(1)), EngineErrorCode.InvalidBuilderUse);
    expectEngineError(() => b.op('Relu', ['x'], {}, { outputs: ['x'] }), EngineErrorCode.InvalidBuilderUse);
  });

  it('refuses a node input that is not defined yet', () => {
    const b = new GraphBuilder();
    const error = expectEngineError(() => b.op('Relu', ['missing']), EngineErrorCode.InvalidBuilderUse);
    expect(error.message).toContain("'missing'");
  });

  it('refuses an output that is not defined and an empty value name', () => {
    const b = new GraphBuilder();
    expectEngineError(() => { b.output('nowhere', 'float32'); }, EngineErrorCode.InvalidBuilderUse);
    expectEngineError(() => b.input('', 'float32', [1]), EngineErrorCode.InvalidBuilderUse);
  });

  it('refuses an unknown dtype name', () => {
    expectEngineError(() => new GraphBuilder().input('x', 'float33', [1]), EngineErrorCode.UnknownDataType);
  });

  it('refuses initializer data whose length does not match the dims', () => {
    expectEngineError(() => new GraphBuilder().initializer('w', 'float32', [3], Float32Array.of(1, 2)), EngineErrorCode.TensorDataLength);
  });
});
