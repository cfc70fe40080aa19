/**
 * A tiny Conv → BatchNormalization → Relu → Conv model with small hand-picked weights, and its dependency group
 * written out by hand (so importance tests do not depend on the handlers), for hand-computed importance values.
 */
import { float, GraphBuilder } from '../../src/ir/builder.ts';
import type { ChannelClass, DependencyGroup, ParamSlice } from '../../src/groups/types.ts';
import type { IrModel } from '../../src/ir/types.ts';

export const W1 = [1, -2, 0.5, 0.5, -3, 1]; // [3, 2, 1, 1]: per output channel Σ|w| = 3, 1, 4
export const B1 = [0.1, -0.2, 0.3];
export const GAMMA = [2, -0.5, 1];
export const BETA = [0, 1, -1];
export const MEAN = [0.5, 0.5, 0.5];
export const VAR = [1, 2, 3];
export const W2 = [1, 2, -1, -1, 0, 4]; // [2, 3, 1, 1]: per input channel Σ|w| = 2, 2, 5

export function handModel(): IrModel {
  const b = new GraphBuilder();
  const x = b.input('x', 'float32', [1, 2, 2, 2]);
  const w1 = b.initializer('w1', 'float32', [3, 2, 1, 1], Float32Array.from(W1));
  const b1 = b.initializer('b1', 'float32', [3], Float32Array.from(B1));
  const c1 = b.op('Conv', [x, w1, b1], { kernel_shape: [1, 1] }, { name: 'conv1', outputs: ['c1'] });
  const bnInputs = [
    b.initializer('gamma', 'float32', [3], Float32Array.from(GAMMA)),
    b.initializer('beta', 'float32', [3], Float32Array.from(BETA)),
    b.initializer('mean', 'float32', [3], Float32Array.from(MEAN)),
    b.initializer('var', 'float32', [3], Float32Array.from(VAR)),
  ];
  const bn = b.op('BatchNormalization', [c1, ...bnInputs], { epsilon: float(1e-5) }, { name: 'bn', outputs: ['bn_out'] });
  const r = b.op('Relu', [bn], {}, { name: 'relu', outputs: ['relu_out'] });
  const w2 = b.initializer('w2', 'float32', [2, 3, 1, 1], Float32Array.from(W2));
  b.op('Conv', [r, w2], { kernel_shape: [1, 1] }, { name: 'conv2', outputs: ['y'] });
  b.output('y', 'float32', [1, 2, 2, 2]);
  return b.toModel({ opset: 17 });
}

function slice(tensor: string, axis: number, value: string, node: string, input: number): ParamSlice {
  return { tensor, axis, dim: { value, axis: 1 }, map: { kind: 'identity' }, node, input };
}

function classes(count: number, members: number): ChannelClass[] {
  return Array.from({ length: count }, (_, c) => new Map(Array.from({ length: members }, (_, m) => [m, [c]])));
}

/** The group of conv1's output channels: conv1 (W, B), bn (γ, β, mean, var), relu, conv2's input slice. */
export function handGroup(options: { readonly withBatchNorm?: boolean } = {}): DependencyGroup {
  const withBn = options.withBatchNorm ?? true;
  const bnParams = withBn
    ? [slice('gamma', 0, 'bn_out', 'bn', 1), slice('beta', 0, 'bn_out', 'bn', 2), slice('mean', 0, 'bn_out', 'bn', 3), slice('var', 0, 'bn_out', 'bn', 4)]
    : [];
  return {
    id: 'c1:1',
    root: 'conv1',
    sources: [{ value: 'c1', axis: 1 }],
    members: [
      { dim: { value: 'c1', axis: 1 }, size: 3, producer: 'conv1' },
      { dim: { value: 'bn_out', axis: 1 }, size: 3, producer: 'bn' },
      { dim: { value: 'relu_out', axis: 1 }, size: 3, producer: 'relu' },
    ],
    params: [slice('w1', 0, 'c1', 'conv1', 1), slice('b1', 0, 'c1', 'conv1', 2), ...bnParams, slice('w2', 1, 'relu_out', 'conv2', 1)],
    nodes: withBn ? ['conv1', 'bn', 'relu', 'conv2'] : ['conv1', 'relu', 'conv2'],
    channels: classes(3, 3),
    blocks: [],
  };
}
