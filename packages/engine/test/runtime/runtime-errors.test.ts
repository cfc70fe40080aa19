import { describe, expect, it } from 'vitest';
import { ortNodeRuntime } from '../../adapters/ort-node.ts';
import { EngineErrorCode } from '../../src/errors.ts';
import { GraphBuilder } from '../../src/ir/builder.ts';
import { writeModel } from '../../src/onnx/codec.ts';
import type { HostTensor } from '../../src/runtime/inference-runtime.ts';
import { expectEngineErrorAsync } from '../helpers/expect-engine-error.ts';

/** Traces of a host path: onnxruntime's build tree, a source file with a line number, a Windows drive. */
const HOST_PATH = /onnxruntime_src|\.(?:cc|cpp|h|hpp|ts|js):\d+|[A-Za-z]:\\/;

function floats(dims: readonly number[]): HostTensor {
  return { type: 'float32', dims: [...dims], data: new Float32Array(dims.reduce((a, b) => a * b, 1)) };
}

/** Add over two inputs with unrelated symbolic shapes: session creation succeeds, a bad broadcast fails in run. */
function addModel(): Uint8Array {
  const b = new GraphBuilder();
  const x = b.input('x', 'float32', ['N', 'C']);
  const y = b.input('y', 'float32', ['M', 'D']);
  b.op('Add', [x, y], {}, { name: '/block1/residual/Add', outputs: ['z'] });
  b.output('z', 'float32');
  return writeModel(b.toModel());
}

async function expectRuntimeError(promise: Promise<unknown>): Promise<string> {
  const error = await expectEngineErrorAsync(promise, EngineErrorCode.Runtime);
  expect(error.message).not.toMatch(HOST_PATH);
  expect(error.message).not.toContain(process.cwd());
  return error.message;
}

describe('onnxruntime errors', () => {
  it('turns unparseable model bytes into ENGINE_ERR_RUNTIME', async () => {
    const message = await expectRuntimeError(ortNodeRuntime.createSession(Uint8Array.of(8, 1, 2, 3)));
    expect(message).toContain('session creation');
  });

  it('turns an unknown op into ENGINE_ERR_RUNTIME naming the op', async () => {
    const b = new GraphBuilder();
    b.output(b.op('FooBar', [b.input('x', 'float32', [2])]), 'float32');
    expect(await expectRuntimeError(ortNodeRuntime.createSession(writeModel(b.toModel())))).toContain('FooBar');
  });

  it('turns a missing feed into ENGINE_ERR_RUNTIME', async () => {
    const session = await ortNodeRuntime.createSession(addModel());
    try {
      expect(await expectRuntimeError(session.run({ x: floats([2, 3]) }))).toContain("'y'");
    } finally {
      await session.release();
    }
  });

  it('turns an unknown fetch name into ENGINE_ERR_RUNTIME', async () => {
    const session = await ortNodeRuntime.createSession(addModel());
    try {
      await expectRuntimeError(session.run({ x: floats([2, 3]), y: floats([2, 3]) }, ['nope']));
    } finally {
      await session.release();
    }
  });

  it('keeps "/" name scopes of the failing node in the message', async () => {
    const session = await ortNodeRuntime.createSession(addModel());
    try {
      expect(await expectRuntimeError(session.run({ x: floats([2, 3]), y: floats([2, 4]) }))).toContain("'/block1/residual/Add'");
    } finally {
      await session.release();
    }
  });

  it('strips onnxruntime source paths from kernel failures (bad broadcast)', async () => {
    const session = await ortNodeRuntime.createSession(addModel());
    try {
      const message = await expectRuntimeError(session.run({ x: floats([2, 3]), y: floats([2, 4]) }));
      expect(message).toContain('broadcast');
      expect(message).toContain('<path>');
      expect(message).not.toContain('onnxruntime_src');
    } finally {
      await session.release();
    }
  });
});

describe('onnxruntime errors about external data', () => {
  it('hides the host path onnxruntime resolves for a missing external-data file', async () => {
    const b = new GraphBuilder();
    const x = b.input('x', 'float32', [4]);
    b.initializer('w', 'float32', [4], new Float32Array(4));
    b.op('Add', [x, 'w'], {}, { outputs: ['y'] });
    b.output('y', 'float32');
    const model = b.toModel();
    const entries = [
      { key: 'location', value: 'weights.bin' },
      { key: 'offset', value: '0' },
      { key: 'length', value: '16' },
    ];
    const external = model.graph.initializers.map((t) => ({ ...t, data: { kind: 'external' as const, location: 'weights.bin', offset: 0, length: 16, entries } }));
    const bytes = writeModel({ ...model, graph: { ...model.graph, initializers: external } });
    const message = await expectRuntimeError(ortNodeRuntime.createSession(bytes));
    expect(message).toContain('External data');
  });
});
