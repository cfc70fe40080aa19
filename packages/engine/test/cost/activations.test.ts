import { describe, expect, it } from 'vitest';
import { computeCost } from '../../src/cost/cost-model.ts';
import { GraphBuilder } from '../../src/ir/builder.ts';
import { DataType } from '../../src/ir/dtype.ts';
import { handShapes } from './hand-shapes.ts';

describe('activations', () => {
  const b = new GraphBuilder();
  const x = b.input('x', 'float32', [1, 3, 8, 8]);
  const k = b.constant('k', 'float32', [1], new Float32Array([2]));
  const up = b.op('Resize', [x, '', b.constant('scales', 'float32', [4], new Float32Array([1, 1, 2, 2]))], {}, { outputs: ['up'] });
  const half = b.op('Cast', [b.op('Mul', [up, k], {}, { outputs: ['m'] })], { to: DataType.FLOAT16 }, { outputs: ['h'] });
  b.output(half, 'float16');
  const known = {
    x: ['float32', [1, 3, 8, 8]], up: ['float32', [1, 3, 16, 16]], m: ['float32', [1, 3, 16, 16]], h: ['float16', [1, 3, 16, 16]],
  } as const;
  const shapes = handShapes(known);
  const cost = computeCost(b.toModel({ opset: 13 }), shapes);

  it('lists graph inputs and node outputs, never constants', () => {
    expect(cost.activations.map((a) => a.name)).toEqual(['x', 'up', 'm', 'h']);
  });

  it('sizes each activation from dtype and shape', () => {
    // x: 1·3·8·8 = 192 floats = 768 B; up/m: 768 floats = 3072 B; h: 768 halves = 1536 B.
    expect(cost.activations.map((a) => a.bytes)).toEqual([768, 3072, 3072, 1536]);
  });

  it('reports the first of the largest activations', () => {
    expect(cost.largestActivation).toEqual({ name: 'up', dtype: DataType.FLOAT, shape: [1, 3, 16, 16], bytes: 3072 });
  });

  it('leaves sizes of symbolic values unknown and names no largest activation then', () => {
    // Everything but 'h' is known; the largest known (3072 B) is not offered, since 'h' could be larger.
    const sym = computeCost(b.toModel({ opset: 13 }), handShapes({ ...known, h: ['float16', ['N', 3, 16, 16]] }));
    expect(sym.activations[3]?.bytes).toBeUndefined();
    expect(sym.largestActivation).toBeUndefined();
    const none = computeCost(b.toModel({ opset: 13 }), handShapes({ x: ['float32', ['N', 3, 8, 8]] }));
    expect(none.activations[0]).toEqual({ name: 'x', dtype: DataType.FLOAT, shape: ['N', 3, 8, 8], bytes: undefined });
    expect(none.largestActivation).toBeUndefined();
  });

  it('counts other ops per element for Resize and Mul, and none for Cast', () => {
    expect(cost.nodes.filter((n) => n.opType !== 'Constant').map((n) => [n.opType, n.macs, n.otherOps])).toEqual([
      ['Resize', 0, 768],
      ['Mul', 0, 768],
      ['Cast', 0, 0],
    ]);
  });
});
