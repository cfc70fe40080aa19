import { describe, expect, it } from 'vitest';
import { ortNodeRuntime } from '../../adapters/ort-node.ts';
import { readNpy } from '../../src/data/npy.ts';
import { EngineErrorCode } from '../../src/errors.ts';
import type { ChannelClass, DependencyGroup } from '../../src/groups/types.ts';
import { activationImportance } from '../../src/importance/activation.ts';
import { npyCalibration, randomCalibration } from '../../src/importance/calibration.ts';
import { createImportanceContext } from '../../src/importance/context.ts';
import { GraphBuilder } from '../../src/ir/builder.ts';
import type { IrModel } from '../../src/ir/types.ts';
import { expectEngineError, expectEngineErrorAsync } from '../helpers/expect-engine-error.ts';
import { float32Npy } from '../data/npy-builder.ts';

/** x [N, 2, 2, 2] → 1×1 Conv whose output channel c is (c + 1)·x[:, 0] → Relu → 1×1 Conv → y. */
function scaledModel(): IrModel {
  const b = new GraphBuilder();
  const x = b.input('x', 'float32', ['N', 2, 2, 2]);
  const w1 = b.initializer('w1', 'float32', [3, 2, 1, 1], Float32Array.from([1, 0, 2, 0, 3, 0]));
  const c1 = b.op('Conv', [x, w1], { kernel_shape: [1, 1] }, { name: 'conv1', outputs: ['c1'] });
  const r = b.op('Relu', [c1], {}, { name: 'relu', outputs: ['r'] });
  const w2 = b.initializer('w2', 'float32', [1, 3, 1, 1], Float32Array.from([1, 1, 1]));
  b.op('Conv', [r, w2], { kernel_shape: [1, 1] }, { name: 'conv2', outputs: ['y'] });
  b.output('y', 'float32', ['N', 1, 2, 2]);
  return b.toModel({ opset: 17 });
}

const group: DependencyGroup = {
  id: 'c1:1',
  root: 'conv1',
  sources: [{ value: 'c1', axis: 1 }],
  members: [
    { dim: { value: 'c1', axis: 1 }, size: 3, producer: 'conv1' },
    { dim: { value: 'r', axis: 1 }, size: 3, producer: 'relu' },
  ],
  params: [],
  nodes: ['conv1', 'relu', 'conv2'],
  channels: Array.from({ length: 3 }, (_, c): ChannelClass => new Map([[0, [c]], [1, [c]]])),
  blocks: [],
};

// Three samples; channel 0 of x holds values whose mean |x| is (1+2+3+4 + 1+1+1+1 + 0+0+0+4) / 12 = 1.5.
const X0 = [[1, -2, 3, -4], [1, 1, -1, 1], [0, 0, 0, 4]];
const samples = X0.flatMap((ch0) => [...ch0, 9, 9, 9, 9]);

describe('activationImportance', () => {
  it('scores mean |activation| of the source output over NPY calibration batches', async () => {
    const model = scaledModel();
    const calibration = npyCalibration(model, [{ name: 'x', array: readNpy(float32Npy([3, 2, 2, 2], samples)) }], { batchSize: 2 });
    const session = createImportanceContext(model, [group], { runtime: ortNodeRuntime, calibration });
    const scores = await activationImportance(group, session.ctx);
    // Output channel c is (c + 1)·x0, so its mean |value| is 1.5·(c + 1), whatever the batching (2 + 1 samples).
    expect(Array.from(scores).map((s) => Number(s.toFixed(5)))).toEqual([1.5, 3, 4.5]);
    expect(session.notes()).toEqual(['activation: mean |activation| over 2 batches of 1 NPY array (3 samples, batches of ≤ 2)']);
  });

  it('runs seeded random inputs when no calibration set is given, and labels them as such', async () => {
    const model = scaledModel();
    const session = createImportanceContext(model, [group], { runtime: ortNodeRuntime, seed: 5 });
    const scores = await activationImportance(group, session.ctx);
    const s0 = scores[0] ?? 0;
    expect(s0).toBeGreaterThan(0);
    expect((scores[1] ?? 0) / s0).toBeCloseTo(2, 5);
    expect((scores[2] ?? 0) / s0).toBeCloseTo(3, 5);
    expect(session.notes()[0]).toMatch(/seeded random inputs \(seed 5, 4 batches of x=\[1,2,2,2\]\), not real data/);
  });

  it('needs a runtime', async () => {
    const session = createImportanceContext(scaledModel(), [group]);
    await expectEngineErrorAsync(Promise.resolve(activationImportance(group, session.ctx)), EngineErrorCode.Unsupported);
  });
});

describe('calibration sources', () => {
  it('refuses NPY arrays that do not fit the input', () => {
    const model = scaledModel();
    const wrongRank = readNpy(float32Npy([2, 8], Array.from({ length: 16 }, () => 0)));
    expect(expectEngineError(() => npyCalibration(model, [{ name: 'x', array: wrongRank }]), EngineErrorCode.DataInputMismatch).message).toMatch(
      /shape \[2,8\] \(rank 2\); input 'x' is declared \[N,2,2,2\] \(rank 4\)/,
    );
    const wrongDim = readNpy(float32Npy([1, 3, 2, 2], Array.from({ length: 12 }, () => 0)));
    expect(expectEngineError(() => npyCalibration(model, [{ name: 'x', array: wrongDim }]), EngineErrorCode.DataInputMismatch).message).toMatch(
      /fixes dim 1 at 2/,
    );
    expectEngineError(() => npyCalibration(model, []), EngineErrorCode.DataInputMismatch);
  });

  it('fills symbolic dims of random inputs and is reproducible from the seed', async () => {
    const first = async (seed: number): Promise<number[]> => {
      for await (const feeds of randomCalibration(scaledModel(), { seed, batches: 1 }).batches()) {
        const x = feeds.x;
        expect(x?.dims).toEqual([1, 2, 2, 2]);
        return Array.from(x?.data instanceof Float32Array ? x.data : []);
      }
      return [];
    };
    expect(await first(1)).toEqual(await first(1));
    expect(await first(1)).not.toEqual(await first(2));
  });
});
