/**
 * External data end to end: a model and its weights file written to a temp folder, read back through
 * `fileByteSource` + `loadExternalData`, run in onnxruntime-node next to the same model with inline weights.
 * Links, short files and failing sources are refused with their own codes, and messages never show host paths.
 */
import { link, mkdir, mkdtemp, open, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileByteSource } from '../../adapters/node-byte-source.ts';
import { ortNodeRuntime } from '../../adapters/ort-node.ts';
import { EngineError, EngineErrorCode, type EngineErrorCode as Code } from '../../src/errors.ts';
import { GraphBuilder } from '../../src/ir/builder.ts';
import type { IrModel, IrTensor } from '../../src/ir/types.ts';
import { writeModel } from '../../src/onnx/codec.ts';
import { externalFilesOf, loadExternalData, type ByteSource } from '../../src/onnx/external-data.ts';
import { readModel } from '../../src/onnx/read.ts';
import type { HostTensor } from '../../src/runtime/inference-runtime.ts';
import { runBytes, seededInput } from '../helpers/run-model.ts';
import { seededFloats } from '../helpers/seeded.ts';

/** x[1,8] → MatMul(W[8,16]) → Add(B[16]) → Mul(scale, a Constant node) → Relu → y. */
function inlineModel(): IrModel {
  const b = new GraphBuilder();
  const x = b.input('x', 'float32', [1, 8]);
  const w = b.initializer('W', 'float32', [8, 16], seededFloats(128, 1));
  const bias = b.initializer('B', 'float32', [16], seededFloats(16, 2));
  const scale = b.constant('scale', 'float32', [16], seededFloats(16, 3, 0.5, 2));
  const h = b.op('Add', [b.op('MatMul', [x, w]), bias]);
  b.output(b.op('Relu', [b.op('Mul', [h, scale])], {}, { outputs: ['y'] }), 'float32', [1, 16]);
  return b.toModel({ opset: 17 });
}

/**
 * The model with every initializer (and, when `constants`, every Constant value) moved into one file at 64-byte
 * aligned offsets, the way onnx's `save_model(..., save_as_external_data=True)` lays them out.
 */
function externalize(model: IrModel, location: string, options: { readonly constants: boolean; readonly withLength: boolean }): { model: IrModel; file: Uint8Array } {
  const chunks: { offset: number; bytes: Uint8Array }[] = [];
  let end = 0;
  const move = (t: IrTensor): IrTensor => {
    if (t.data.kind !== 'raw') return t;
    const offset = Math.ceil(end / 64) * 64;
    chunks.push({ offset, bytes: t.data.bytes });
    end = offset + t.data.bytes.byteLength;
    const length = t.data.bytes.byteLength;
    const entries = [
      { key: 'location', value: location },
      { key: 'offset', value: String(offset) },
      ...(options.withLength ? [{ key: 'length', value: String(length) }] : []),
    ];
    return { ...t, data: { kind: 'external', location, offset, length: options.withLength ? length : undefined, entries } };
  };
  const graph = model.graph;
  const nodes = graph.nodes.map((n) =>
    options.constants && n.opType === 'Constant'
      ? { ...n, attributes: n.attributes.map((a) => (a.type === 'TENSOR' ? { ...a, value: move(a.value) } : a)) }
      : n,
  );
  const initializers = graph.initializers.map(move);
  const file = new Uint8Array(end);
  for (const c of chunks) file.set(c.bytes, c.offset);
  return { model: { ...model, graph: { ...graph, nodes, initializers } }, file };
}

const feeds: Record<string, HostTensor> = { x: seededInput([1, 8], 11) };

/** The `y` output values, failing the test when the output is missing. */
function yOf(outputs: Record<string, HostTensor>): HostTensor['data'] {
  const y = outputs['y'];
  expect(y?.dims).toEqual([1, 16]);
  return y?.data ?? [];
}

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'whittle-external-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** A fresh folder under the temp root holding `files`. */
async function folderWith(name: string, files: Readonly<Record<string, Uint8Array>>): Promise<string> {
  const dir = join(root, name);
  await mkdir(dir, { recursive: true });
  for (const [file, bytes] of Object.entries(files)) {
    await mkdir(join(dir, file, '..'), { recursive: true });
    await writeFile(join(dir, file), bytes);
  }
  return dir;
}

async function refusal(promise: Promise<unknown>): Promise<EngineError> {
  const error: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(EngineError);
  const engineError = error as EngineError;
  expect(engineError.message).not.toContain(root);
  return engineError;
}

async function expectCode(promise: Promise<unknown>, code: Code): Promise<EngineError> {
  const error = await refusal(promise);
  expect({ code: error.code, message: error.message }).toMatchObject({ code });
  return error;
}

describe('loading external data', () => {
  it('runs in onnxruntime with outputs identical to the inline model', async () => {
    const inline = inlineModel();
    const { model, file } = externalize(inline, 'weights.bin', { constants: true, withLength: true });
    const dir = await folderWith('plain', { 'model.onnx': writeModel(model), 'weights.bin': file });

    const read = readModel(writeModel(model));
    expect(externalFilesOf(read)).toEqual(['weights.bin']);
    const loaded = await loadExternalData(read, fileByteSource(dir));
    expect(externalFilesOf(loaded)).toEqual([]);

    const [expected, actual] = await Promise.all([runBytes(writeModel(inline), feeds), runBytes(writeModel(loaded), feeds)]);
    expect(yOf(actual)).toEqual(yOf(expected));
  });

  it('runs the external-data model in onnxruntime through SessionOptions.externalData', async () => {
    const inline = inlineModel();
    const { model, file } = externalize(inline, 'weights.bin', { constants: false, withLength: true });
    const session = await ortNodeRuntime.createSession(writeModel(model), {
      intraOpThreads: 1,
      graphOptimization: 'disabled',
      externalData: [{ path: 'weights.bin', data: file }],
    });
    try {
      const [expected, actual] = await Promise.all([runBytes(writeModel(inline), feeds), session.run(feeds)]);
      expect(yOf(actual)).toEqual(yOf(expected));
    } finally {
      await session.release();
    }
  });

  it('reads a weights file in a subfolder, without length entries (reads exactly ∏dims × size)', async () => {
    const inline = inlineModel();
    const { model, file } = externalize(inline, 'weights/w.bin', { constants: true, withLength: false });
    const padded = new Uint8Array(file.byteLength + 1000); // trailing bytes the loader must not read
    padded.set(file);
    const dir = await folderWith('subfolder', { 'weights/w.bin': padded });
    const loaded = await loadExternalData(readModel(writeModel(model)), fileByteSource(dir));
    const [expected, actual] = await Promise.all([runBytes(writeModel(inline), feeds), runBytes(writeModel(loaded), feeds)]);
    expect(yOf(actual)).toEqual(yOf(expected));
  });

  it('is pure: the input model keeps its external tensors, and a model without any is returned as is', async () => {
    const { model, file } = externalize(inlineModel(), 'weights.bin', { constants: false, withLength: true });
    const dir = await folderWith('pure', { 'weights.bin': file });
    const loaded = await loadExternalData(model, fileByteSource(dir));
    expect(model.graph.initializers.every((t) => t.data.kind === 'external')).toBe(true);
    expect(loaded.graph.initializers.every((t) => t.data.kind === 'raw')).toBe(true);
    const inline = inlineModel();
    expect(await loadExternalData(inline, fileByteSource(dir))).toBe(inline);
  });

  it('lists each external file once, in order of first use', () => {
    const first = externalize(inlineModel(), 'a.bin', { constants: false, withLength: true }).model;
    const initializers = first.graph.initializers.map((t, i) =>
      i === 1 && t.data.kind === 'external' ? { ...t, data: { ...t.data, location: 'b.bin' } } : t,
    );
    expect(externalFilesOf({ ...first, graph: { ...first.graph, initializers } })).toEqual(['a.bin', 'b.bin']);
  });
});

describe('refusals while loading external data', () => {
  const external = (): { model: IrModel; file: Uint8Array } => externalize(inlineModel(), 'weights.bin', { constants: false, withLength: true });

  it('refuses a symlinked weights file pointing outside the folder (CVE-2026-27489 class)', async () => {
    const { model, file } = external();
    const outside = await folderWith('outside-1', { 'secret.bin': file });
    const dir = await folderWith('symlinked-file', {});
    await symlink(join(outside, 'secret.bin'), join(dir, 'weights.bin'));
    const error = await expectCode(loadExternalData(model, fileByteSource(dir)), EngineErrorCode.ExternalDataLink);
    expect(error.message).toContain("'weights.bin' is a symbolic link");
  });

  it('refuses a symlinked folder on the path', async () => {
    const { model, file } = externalize(inlineModel(), 'weights/w.bin', { constants: false, withLength: true });
    const outside = await folderWith('outside-2', { 'w.bin': file });
    const dir = await folderWith('symlinked-dir', {});
    await symlink(outside, join(dir, 'weights'));
    const error = await expectCode(loadExternalData(model, fileByteSource(dir)), EngineErrorCode.ExternalDataLink);
    expect(error.message).toContain("goes through the symbolic link 'weights'");
  });

  it('refuses a hard-linked weights file (ONNX Security.md hard-link rule)', async () => {
    const { model, file } = external();
    const outside = await folderWith('outside-3', { 'secret.bin': file });
    const dir = await folderWith('hard-linked', {});
    await link(join(outside, 'secret.bin'), join(dir, 'weights.bin'));
    const error = await expectCode(loadExternalData(model, fileByteSource(dir)), EngineErrorCode.ExternalDataLink);
    expect(error.message).toContain('2 hard links');
  });

  it('refuses a missing weights file without naming the folder', async () => {
    const { model } = external();
    const dir = await folderWith('missing', {});
    const error = await expectCode(loadExternalData(model, fileByteSource(dir)), EngineErrorCode.ExternalDataUnavailable);
    expect(error.message).toContain('(ENOENT)');
  });

  it('refuses a weights file shorter than the tensors need', async () => {
    const { model, file } = external();
    const dir = await folderWith('short', { 'weights.bin': file.subarray(0, file.byteLength - 8) });
    const error = await expectCode(loadExternalData(model, fileByteSource(dir)), EngineErrorCode.ExternalDataUnavailable);
    expect(error.message).toMatch(/is \d+ bytes; expected at least \d+/);
  });

  it('refuses a traversal location in an IR built in code, without asking the source', async () => {
    const { model } = external();
    const bad = model.graph.initializers.map((t) => (t.data.kind === 'external' ? { ...t, data: { ...t.data, location: '../secret.bin' } } : t));
    const reads: string[] = [];
    const source: ByteSource = {
      read: (location) => {
        reads.push(location);
        return Promise.resolve(new Uint8Array(0));
      },
    };
    await expectCode(loadExternalData({ ...model, graph: { ...model.graph, initializers: bad } }, source), EngineErrorCode.ExternalDataTraversal);
    expect(reads).toEqual([]);
  });

  it('refuses a source that returns fewer bytes than asked', async () => {
    const source: ByteSource = { read: () => Promise.resolve(new Uint8Array(3)) };
    const error = await expectCode(loadExternalData(external().model, source), EngineErrorCode.ExternalDataUnavailable);
    expect(error.message).toContain('found 3');
  });

  it('wraps a failing source without leaking its message (which may hold a host path)', async () => {
    const source: ByteSource = {
      read: () => Promise.reject(Object.assign(new Error(`EACCES: permission denied, open '${root}/weights.bin'`), { code: 'EACCES' })),
    };
    const error = await expectCode(loadExternalData(external().model, source), EngineErrorCode.ExternalDataUnavailable);
    expect(error.message).toContain('(EACCES)');
    expect(error.message).not.toContain('permission denied');
  });

  it('refuses an external tensor over maxTensorBytes before reading it', async () => {
    const reads: string[] = [];
    const source: ByteSource = {
      read: (location) => {
        reads.push(location);
        return Promise.resolve(new Uint8Array(0));
      },
    };
    await expectCode(loadExternalData(external().model, source, { limits: { maxTensorBytes: 100n } }), EngineErrorCode.TensorTooLarge);
    expect(reads).toEqual([]);
  });
});

describe('fileByteSource', () => {
  it('reads only the requested range of a large file', async () => {
    const dir = await folderWith('sparse', {});
    const handle = await open(join(dir, 'big.bin'), 'w');
    await handle.truncate(2 ** 30); // a 1 GiB sparse file: reading it whole would show in arrayBuffers
    await handle.write(Uint8Array.from([1, 2, 3, 4]), 0, 4, 2 ** 29);
    await handle.close();
    const before = process.memoryUsage().arrayBuffers;
    const bytes = await fileByteSource(dir).read('big.bin', 2 ** 29, 4);
    expect(Array.from(bytes)).toEqual([1, 2, 3, 4]);
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(64 * 2 ** 20);
  });

  it('checks the location itself, even when called directly', async () => {
    const dir = await folderWith('direct', {});
    await expectCode(fileByteSource(dir).read('/etc/passwd', 0, 4), EngineErrorCode.ExternalDataAbsolute);
    await expectCode(fileByteSource(dir).read('*/_ORT_MEM_ADDR_/*', 0, 4), EngineErrorCode.ExternalDataReserved);
  });

  it('refuses a range past the end of the file', async () => {
    const dir = await folderWith('range', { 'w.bin': new Uint8Array(16) });
    await expectCode(fileByteSource(dir).read('w.bin', 12, 8), EngineErrorCode.ExternalDataUnavailable);
    await expectCode(fileByteSource(dir).read('w.bin', 0, -1), EngineErrorCode.ExternalDataInvalid);
  });
});
