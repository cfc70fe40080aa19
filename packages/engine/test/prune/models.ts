/** Small models built by hand for the pruning tests (figures in the tests are computed from these dims). */
import { float, GraphBuilder } from '../../src/ir/builder.ts';
import type { IrModel } from '../../src/ir/types.ts';
import { seededFloats } from '../helpers/seeded.ts';

/** Input [1, 3, 8, 8] → Conv 3→8 (3×3, pad 1, bias) → BatchNormalization → Relu → Conv 8→4 (3×3, pad 1) → y. */
export function convBnReluConv(): IrModel {
  const b = new GraphBuilder();
  const x = b.input('x', 'float32', [1, 3, 8, 8]);
  const w1 = b.initializer('conv1.weight', 'float32', [8, 3, 3, 3], seededFloats(216, 11, -0.5, 0.5));
  const b1 = b.initializer('conv1.bias', 'float32', [8], seededFloats(8, 12, -0.1, 0.1));
  const c1 = b.op('Conv', [x, w1, b1], { kernel_shape: [3, 3], pads: [1, 1, 1, 1] }, { name: 'conv1' });
  const bn = b.op(
    'BatchNormalization',
    [
      c1,
      b.initializer('bn.scale', 'float32', [8], seededFloats(8, 13, 0.5, 1.5)),
      b.initializer('bn.bias', 'float32', [8], seededFloats(8, 14, -0.2, 0.2)),
      b.initializer('bn.mean', 'float32', [8], seededFloats(8, 15, -0.1, 0.1)),
      b.initializer('bn.var', 'float32', [8], seededFloats(8, 16, 0.5, 1.5)),
    ],
    { epsilon: float(1e-5) },
    { name: 'bn' },
  );
  const r = b.op('Relu', [bn], {}, { name: 'relu' });
  const w2 = b.initializer('conv2.weight', 'float32', [4, 8, 3, 3], seededFloats(288, 17, -0.5, 0.5));
  b.op('Conv', [r, w2], { kernel_shape: [3, 3], pads: [1, 1, 1, 1] }, { name: 'conv2', outputs: ['y'] });
  b.output('y', 'float32', [1, 4, 8, 8]);
  return b.toModel({ opset: 17 });
}

/**
 * Two branches that share one Conv weight: x → Conv(W) → Relu → Conv → a, and x → Conv(W) → Relu → Conv → b. The
 * shared W is a weight slice of two groups, which must lose the same channels.
 */
export function sharedWeight(): IrModel {
  const b = new GraphBuilder();
  const x = b.input('x', 'float32', [1, 2, 5, 5]);
  const w = b.initializer('shared.weight', 'float32', [6, 2, 1, 1], seededFloats(12, 21));
  const branch = (name: string, seed: number): void => {
    const h = b.op('Relu', [b.op('Conv', [x, w], { kernel_shape: [1, 1] }, { name: `${name}/in` })], {}, { name: `${name}/relu` });
    const wo = b.initializer(`${name}.out.weight`, 'float32', [3, 6, 1, 1], seededFloats(18, seed));
    b.op('Conv', [h, wo], { kernel_shape: [1, 1] }, { name: `${name}/out`, outputs: [name] });
    b.output(name, 'float32', [1, 3, 5, 5]);
  };
  branch('a', 22);
  branch('b', 23);
  return b.toModel({ opset: 17 });
}

/** x → Conv(W, B) → Relu → Conv → y, and Identity(B) → bias_copy: the bias has a reader outside the group. */
export function biasReadTwice(): IrModel {
  const b = new GraphBuilder();
  const x = b.input('x', 'float32', [1, 2, 4, 4]);
  const w = b.initializer('w', 'float32', [4, 2, 1, 1], seededFloats(8, 31));
  const bias = b.initializer('bias', 'float32', [4], seededFloats(4, 32));
  const h = b.op('Relu', [b.op('Conv', [x, w, bias], { kernel_shape: [1, 1] }, { name: 'conv' })], {}, { name: 'relu' });
  const w2 = b.initializer('w2', 'float32', [2, 4, 1, 1], seededFloats(8, 33));
  b.op('Conv', [h, w2], { kernel_shape: [1, 1] }, { name: 'conv2', outputs: ['y'] });
  b.op('Identity', [bias], {}, { name: 'copy', outputs: ['bias_copy'] });
  b.output('y', 'float32', [1, 2, 4, 4]);
  b.output('bias_copy', 'float32', [4]);
  return b.toModel({ opset: 17 });
}

/**
 * Channel plumbing without a fixture of its own: x [1, 3, 6, 6] → Conv 3→8 → Relu → Split [3, 5] on channels;
 * the first part → Conv 3→4; Concat(that, second part) → 9 channels → MaxPool 2×2 → Flatten (each channel becomes 9
 * features) → Gemm 81→10 (transB). One group spans Split offsets, Concat offsets and the Flatten expansion.
 */
export function splitConcatFlatten(): IrModel {
  const b = new GraphBuilder();
  const x = b.input('x', 'float32', [1, 3, 6, 6]);
  const w1 = b.initializer('conv1.weight', 'float32', [8, 3, 3, 3], seededFloats(216, 51, -0.4, 0.4));
  const b1 = b.initializer('conv1.bias', 'float32', [8], seededFloats(8, 52, -0.1, 0.1));
  const r1 = b.op('Relu', [b.op('Conv', [x, w1, b1], { kernel_shape: [3, 3], pads: [1, 1, 1, 1] }, { name: 'conv1' })], {}, { name: 'relu1' });
  const sizes = b.initializer('split.sizes', 'int64', [2], BigInt64Array.of(3n, 5n));
  const [s0 = '', s1 = ''] = b.opMulti('Split', [r1, sizes], { axis: 1 }, { name: 'split', outputCount: 2 });
  const w2 = b.initializer('conv2.weight', 'float32', [4, 3, 1, 1], seededFloats(12, 53, -0.5, 0.5));
  const c2 = b.op('Conv', [s0, w2], { kernel_shape: [1, 1] }, { name: 'conv2' });
  const cat = b.op('Concat', [c2, s1], { axis: 1 }, { name: 'concat' });
  const pooled = b.op('MaxPool', [cat], { kernel_shape: [2, 2], strides: [2, 2] }, { name: 'pool' });
  const flat = b.op('Flatten', [pooled], { axis: 1 }, { name: 'flatten' });
  const wf = b.initializer('fc.weight', 'float32', [10, 81], seededFloats(810, 54, -0.2, 0.2));
  const bf = b.initializer('fc.bias', 'float32', [10], seededFloats(10, 55, -0.1, 0.1));
  b.op('Gemm', [flat, wf, bf], { transB: 1 }, { name: 'fc', outputs: ['logits'] });
  b.output('logits', 'float32', [1, 10]);
  return b.toModel({ opset: 17 });
}
