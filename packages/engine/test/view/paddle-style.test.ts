import { describe, expect, it } from 'vitest';
import { computeCost } from '../../src/cost/cost-model.ts';
import { float, GraphBuilder } from '../../src/ir/builder.ts';
import { toGraphView } from '../../src/view/to-graph-view.ts';
import { handShapes } from '../cost/hand-shapes.ts';

/** Conv(x, W) + b → Relu, with W and b in Constant nodes and every node name empty, as Paddle exports it. */
function paddleStyle() {
  const b = new GraphBuilder();
  const x = b.input('x', 'float32', ['N', 3, 8, 8]);
  const w = b.constant('conv2d_0.w_0', 'float32', [4, 3, 3, 3], new Float32Array(108));
  const bias = b.constant('conv2d_0.b_0', 'float32', [1, 4, 1, 1], new Float32Array(4));
  const shape = b.constant('shape_0', 'int64', [2], new BigInt64Array([-1n, 256n]));
  const conv = b.op('Conv', [x, w], { pads: [1, 1, 1, 1], dilations: [1, 1] }, { name: '', outputs: ['conv2d_0.tmp_0'] });
  const add = b.op('Add', [conv, bias], {}, { name: '', outputs: ['conv2d_0.tmp_1'] });
  const relu = b.op('Relu', [add], {}, { name: '', outputs: ['relu_0.tmp_0'] });
  b.op('Reshape', [relu, shape], {}, { name: '', outputs: ['flat'] });
  b.output('flat', 'float32', ['N', 256]);
  const model = b.toModel({ opset: 11, producerName: 'PaddlePaddle' });
  const shapes = handShapes({
    x: ['float32', [1, 3, 8, 8]],
    'conv2d_0.w_0': ['float32', [4, 3, 3, 3]],
    'conv2d_0.b_0': ['float32', [1, 4, 1, 1]],
    shape_0: ['int64', [2]],
    'conv2d_0.tmp_0': ['float32', [1, 4, 8, 8]],
    'conv2d_0.tmp_1': ['float32', [1, 4, 8, 8]],
    'relu_0.tmp_0': ['float32', [1, 4, 8, 8]],
    flat: ['float32', [1, 256]],
  });
  return { model, view: toGraphView(model, shapes, computeCost(model, shapes)) };
}

describe('toGraphView on a Paddle-style graph', () => {
  const { view } = paddleStyle();
  const node = (opType: string) => view.nodes.find((n) => n.opType === opType);

  it('gives unnamed nodes ids and labels from their first output', () => {
    expect(view.nodes.filter((n) => !n.hidden).map((n) => n.id)).toEqual([
      'Conv→conv2d_0.tmp_0',
      'Add→conv2d_0.tmp_1',
      'Relu→relu_0.tmp_0',
      'Reshape→flat',
    ]);
    expect(node('Conv')?.label).toBe('Conv→conv2d_0.tmp_0');
  });

  it('folds weight-holding Constant nodes into their consumers', () => {
    const constants = view.nodes.filter((n) => n.opType === 'Constant');
    expect(constants.map((n) => [n.hidden, n.weightHolder])).toEqual([
      [true, true],
      [true, true],
      [true, false],
    ]);
    expect(node('Conv')?.inputs[1]).toEqual({
      value: 'conv2d_0.w_0',
      dtype: 'float32',
      shape: [4, 3, 3, 3],
      constant: true,
      parameter: true,
    });
    expect(node('Reshape')?.inputs[1]).toMatchObject({ value: 'shape_0', constant: true, parameter: false });
    expect(view.summary).toMatchObject({ nodeCount: 7, visibleNodeCount: 4 });
  });

  it('draws edges only between visible nodes and ports', () => {
    expect(view.edges.map((e) => `${e.source}:${String(e.sourceSlot)} -> ${e.target}:${String(e.targetSlot)} (${e.value})`)).toEqual([
      'input:x:0 -> Conv→conv2d_0.tmp_0:0 (x)',
      'Conv→conv2d_0.tmp_0:0 -> Add→conv2d_0.tmp_1:0 (conv2d_0.tmp_0)',
      'Add→conv2d_0.tmp_1:0 -> Relu→relu_0.tmp_0:0 (conv2d_0.tmp_1)',
      'Relu→relu_0.tmp_0:0 -> Reshape→flat:0 (relu_0.tmp_0)',
      'Reshape→flat:0 -> output:flat:0 (flat)',
    ]);
    expect(view.edges[1]).toMatchObject({ dtype: 'float32', shape: [1, 4, 8, 8] });
  });

  it('puts every node in the root block', () => {
    expect(view.blocks).toHaveLength(1);
    expect(view.blocks[0]).toMatchObject({ id: 'block:/', path: '/', name: '', parentId: null, depth: 0, nodeCount: 7 });
    expect(view.blocks[0]?.nodeIds).toEqual(view.nodes.map((n) => n.id));
    expect(view.nodes.every((n) => n.blockId === 'block:/' && n.scope === '/')).toBe(true);
  });

  it('refines declared port shapes with the inferred dims', () => {
    expect(view.inputs).toEqual([{ id: 'input:x', name: 'x', dtype: 'float32', shape: [1, 3, 8, 8], declaredShape: ['N', 3, 8, 8] }]);
    expect(view.outputs).toEqual([{ id: 'output:flat', name: 'flat', dtype: 'float32', shape: [1, 256], declaredShape: ['N', 256] }]);
  });

  it('summarizes the model with params, MACs and the largest activation', () => {
    // Conv: 1·4·8·8·3·3·3 = 6_912 MACs; params 108 + 4 (float) — the int64 shape is not a parameter.
    expect(view.summary).toMatchObject({
      irVersion: 8,
      opsets: { 'ai.onnx': 11 },
      producer: { name: 'PaddlePaddle', version: '' },
      opCounts: { Constant: 3, Conv: 1, Add: 1, Relu: 1, Reshape: 1 },
      params: 112,
      paramBytes: 448,
      paramBytesByDtype: { float32: 448 },
      macs: { total: 6_912, known: 6_912, unknownNodes: 0 },
      largestActivation: { name: 'conv2d_0.tmp_0', dtype: 'float32', shape: [1, 4, 8, 8], bytes: 1024 },
    });
    expect(node('Conv')).toMatchObject({ params: 108, macs: 6_912, otherOps: 0, costNote: null });
    expect(node('Add')).toMatchObject({ params: 4, macs: 0, otherOps: 256 });
  });

  it('summarizes attributes without tensor payloads', () => {
    expect(node('Conv')?.attributes).toEqual([
      { name: 'pads', type: 'INTS', value: '[1,1,1,1]' },
      { name: 'dilations', type: 'INTS', value: '[1,1]' },
    ]);
    const w = view.nodes.find((n) => n.outputs[0]?.value === 'conv2d_0.w_0');
    expect(w?.attributes).toEqual([{ name: 'value', type: 'TENSOR', value: 'float32[4,3,3,3]' }]);
  });

  it('survives a JSON round trip unchanged', () => {
    expect(JSON.parse(JSON.stringify(view))).toEqual(view);
  });
});

describe('toGraphView edge cases', () => {
  it('keeps a Constant visible when it feeds a graph output', () => {
    const b = new GraphBuilder();
    const c = b.constant('c', 'float32', [2], new Float32Array(2));
    b.output(c, 'float32');
    const model = b.toModel();
    const shapes = handShapes({ c: ['float32', [2]] });
    const view = toGraphView(model, shapes, computeCost(model, shapes));
    expect(view.nodes[0]).toMatchObject({ hidden: false, weightHolder: true });
    expect(view.edges.map((e) => [e.source, e.target])).toEqual([[view.nodes[0]?.id, 'output:c']]);
  });

  it('keeps ids unique when names repeat or collide with port ids', () => {
    const b = new GraphBuilder();
    const x = b.input('x', 'float32', [1]);
    const a1 = b.op('Relu', [x], {}, { name: 'dup', outputs: ['a1'] });
    const a2 = b.op('Relu', [a1], {}, { name: 'dup', outputs: ['a2'] });
    const a3 = b.op('Relu', [a2], {}, { name: 'input:x', outputs: ['a3'] });
    b.output(b.op('Relu', [a3], {}, { name: 'Relu→a1', outputs: ['a4'] }), 'float32');
    const model = b.toModel();
    const view = toGraphView(model, handShapes({}), computeCost(model, handShapes({})));
    expect(view.nodes.map((n) => n.id)).toEqual(['Relu→a1', 'Relu→a2', 'input:x#2', 'Relu→a1#3']);
  });

  it('cuts long attribute lists and long strings', () => {
    const b = new GraphBuilder();
    const x = b.input('x', 'float32', [1]);
    b.output(
      b.op('Custom', [x], { many: Array.from({ length: 1000 }, (_, i) => i), text: 'y'.repeat(500), alpha: float(0.1) }, { domain: 'com.example' }),
      'float32',
    );
    const model = b.toModel({ extraOpsets: [{ domain: 'com.example', version: 1 }] });
    const view = toGraphView(model, handShapes({}), computeCost(model, handShapes({})));
    const attrs = view.nodes[0]?.attributes ?? [];
    expect(attrs[0]?.value).toBe('[0,1,2,3,4,5,6,7,… (1000 values)]');
    expect(attrs[1]?.value.length).toBeLessThanOrEqual(82);
    expect(attrs[2]?.value).toBe('0.1');
    expect(view.nodes[0]).toMatchObject({ domain: 'com.example', macs: null, costNote: 'no cost rule for Custom (com.example v1)' });
    expect(view.summary.opCounts).toEqual({ 'com.example::Custom': 1 });
  });
});
