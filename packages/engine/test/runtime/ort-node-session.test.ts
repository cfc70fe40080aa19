import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ortNodeRuntime } from '../../adapters/ort-node.ts';
import { GraphBuilder } from '../../src/ir/builder.ts';
import { writeModel } from '../../src/onnx/codec.ts';
import type { InferenceSession } from '../../src/runtime/inference-runtime.ts';
import { expectTensorsClose } from '../helpers/expect-tensors-close.ts';
import { outputNamed } from '../helpers/outputs.ts';
import { fixtureFeeds } from '../fixtures/feeds.ts';
import { resnetFixture } from '../fixtures/index.ts';

/** y = relu(x) and z = x · 2 over [N, 3], so both outputs are known by hand. */
function twoOutputModel(): Uint8Array {
  const b = new GraphBuilder();
  const x = b.input('x', 'float32', ['N', 3]);
  const two = b.initializer('two', 'float32', [], Float32Array.of(2));
  b.op('Relu', [x], {}, { outputs: ['y'] });
  b.op('Mul', [x, two], {}, { outputs: ['z'] });
  b.output('y', 'float32', ['N', 3]);
  b.output('z', 'float32', ['N', 3]);
  return writeModel(b.toModel());
}

const x = { type: 'float32' as const, dims: [2, 3], data: Float32Array.of(-1, 0, 1, 2, -3, 4) };

describe('ortNodeRuntime', () => {
  let session: InferenceSession;

  beforeAll(async () => {
    session = await ortNodeRuntime.createSession(twoOutputModel(), { intraOpThreads: 1 });
  });
  afterAll(async () => {
    await session.release();
  });

  it('names itself with the onnxruntime version', () => {
    expect(ortNodeRuntime.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(ortNodeRuntime.name).toBe(`onnxruntime-node ${ortNodeRuntime.version} (cpu)`);
  });

  it('creates a session from bytes and lists input and output names', () => {
    expect(session.inputNames).toEqual(['x']);
    expect(session.outputNames).toEqual(['y', 'z']);
  });

  it('reports metadata with symbolic dims', () => {
    expect(session.inputMetadata).toEqual([{ name: 'x', dims: ['N', 3], type: 'float32' }]);
    expect(session.outputMetadata.map((m) => m.dims)).toEqual([['N', 3], ['N', 3]]);
  });

  it('runs with feeds and returns every output', async () => {
    const out = await session.run({ x });
    expect(Object.keys(out).sort()).toEqual(['y', 'z']);
    expectTensorsClose(outputNamed(out, 'y'), { type: 'float32', dims: [2, 3], data: Float32Array.of(0, 0, 1, 2, 0, 4) });
    expectTensorsClose(outputNamed(out, 'z'), { type: 'float32', dims: [2, 3], data: Float32Array.of(-2, 0, 2, 4, -6, 8) });
  });

  it('fetches only the requested subset of outputs', async () => {
    const out = await session.run({ x }, ['z']);
    expect(Object.keys(out)).toEqual(['z']);
  });

  it('runs a fixture from bytes with a batch size other than the declared symbol', async () => {
    const s = await ortNodeRuntime.createSession(writeModel(resnetFixture.build()), { intraOpThreads: 1, graphOptimization: 'all' });
    try {
      const out = await s.run(fixtureFeeds(resnetFixture, 5));
      expect(outputNamed(out, 'logits').dims).toEqual([2, 10]);
      expect(s.inputMetadata[0]?.dims).toEqual(['N', 3, 32, 32]);
    } finally {
      await s.release();
    }
  });
});
