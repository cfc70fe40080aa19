import { describe, expect, it } from 'vitest';
import { GraphBuilder } from '../../src/ir/builder.ts';
import { DataType } from '../../src/ir/dtype.ts';
import { indexGraph } from '../../src/ir/graph-index.ts';
import { tensorFromArray } from '../../src/ir/tensor.ts';
import type { IrGraph } from '../../src/ir/types.ts';
import { mobilenetFixture } from '../fixtures/index.ts';

/** x → Conv(w: initializer, b: Constant) → Add(y, y) → out, plus a Constant in a custom domain. */
function sampleGraph(): IrGraph {
  const b = new GraphBuilder();
  const x = b.input('x', 'float32', [1, 2, 4, 4]);
  const w = b.initializer('w', 'float32', [2, 2, 1, 1], new Float32Array(4));
  const bias = b.constant('bias', 'float32', [2], Float32Array.of(1, 2));
  const y = b.op('Conv', [x, w, bias], {}, { name: 'conv', outputs: ['y'] });
  b.op('Add', [y, y], {}, { name: 'double', outputs: ['out'] });
  b.op('Constant', [], { value: tensorFromArray('', DataType.FLOAT, [1], Float32Array.of(0)) }, { name: 'foreign', domain: 'custom.domain', outputs: ['not_a_weight'] });
  b.op('Clip', [y, '', ''], {}, { name: 'clip', outputs: ['clipped'] });
  b.output('out', 'float32');
  return b.toGraph();
}

describe('indexGraph', () => {
  const graph = sampleGraph();
  const index = indexGraph(graph);

  it('finds constants in initializers and in Constant nodes alike', () => {
    expect(index.constants.get('w')?.dims).toEqual([2, 2, 1, 1]);
    expect(index.constants.get('bias')?.dims).toEqual([2]);
  });

  it('ignores Constant-named ops of other domains', () => {
    expect(index.constants.has('not_a_weight')).toBe(false);
  });

  it('maps each value to its producing node; graph inputs and initializers have none', () => {
    expect(index.producer.get('y')?.name).toBe('conv');
    expect(index.producer.get('bias')?.opType).toBe('Constant');
    expect(index.producer.has('x')).toBe(false);
    expect(index.producer.has('w')).toBe(false);
  });

  it('lists consumers in graph order, once per input slot', () => {
    expect(index.consumers.get('y')?.map((n) => n.name)).toEqual(['double', 'double', 'clip']);
    expect(index.consumers.get('x')?.map((n) => n.name)).toEqual(['conv']);
  });

  it('skips omitted optional inputs', () => {
    expect(index.consumers.has('')).toBe(false);
  });

  it('records graph inputs and outputs', () => {
    expect([...index.graphInputs]).toEqual(['x']);
    expect([...index.graphOutputs]).toEqual(['out']);
  });

  it('finds every Constant-node weight of a Paddle-style model', () => {
    const model = mobilenetFixture.build();
    const mobileIndex = indexGraph(model.graph);
    const constantNodes = model.graph.nodes.filter((n) => n.opType === 'Constant');
    expect(constantNodes.length).toBeGreaterThan(0);
    for (const n of constantNodes) expect(mobileIndex.constants.has(n.outputs[0] ?? '')).toBe(true);
    expect(mobileIndex.constants.size).toBe(constantNodes.length + model.graph.initializers.length);
  });
});
