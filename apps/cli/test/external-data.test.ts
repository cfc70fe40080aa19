import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GraphBuilder, writeModel, type IrModel, type StringEntry } from '@whittle/engine';
import { inspectReportSchema } from '@whittle/shared';
import type { CliIo } from '../src/io.ts';
import { main } from '../src/main.ts';

/** Gemm [2,4] × W [4,3]: W (12 floats, 48 bytes) lives in `location` at offset 16. */
function modelWithExternalWeight(location: string): IrModel {
  const b = new GraphBuilder();
  const x = b.input('x', 'float32', [2, 4]);
  const w = b.initializer('w', 'float32', [4, 3], new Float32Array(12));
  b.output(b.op('Gemm', [x, w], {}, { outputs: ['y'] }), 'float32');
  const model = b.toModel();
  const entries: StringEntry[] = [
    { key: 'location', value: location },
    { key: 'offset', value: '16' },
    { key: 'length', value: '48' },
  ];
  const initializers = model.graph.initializers.map((t) => ({
    ...t,
    data: { kind: 'external' as const, location, offset: 16, length: 48, entries },
  }));
  return { ...model, graph: { ...model.graph, initializers } };
}

async function inspect(path: string): Promise<{ status: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { out: (t) => (stdout += t), err: (t) => (stderr += t) };
  const status = await main(['inspect', path, '--json'], { env: { baseDir: tmpdir() }, io });
  return { status, stdout, stderr };
}

describe('whittle inspect with external data', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'whittle-ext-'));
    await writeFile(join(dir, 'good.onnx'), writeModel(modelWithExternalWeight('weights.bin')));
    await writeFile(join(dir, 'weights.bin'), new Uint8Array(16 + 48));
    await writeFile(join(dir, 'missing.onnx'), writeModel(modelWithExternalWeight('absent.bin')));
    await writeFile(join(dir, 'short.onnx'), writeModel(modelWithExternalWeight('short.bin')));
    await writeFile(join(dir, 'short.bin'), new Uint8Array(20));
    await writeFile(join(dir, 'escape.onnx'), writeModel(modelWithExternalWeight('../weights.bin')));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads the weights from the model’s folder and counts them', async () => {
    const r = await inspect(join(dir, 'good.onnx'));
    expect(r.stderr).toBe('');
    const report = inspectReportSchema.parse(JSON.parse(r.stdout));
    // Gemm: M·N·K = 2·3·4 = 24 MACs; W has 12 float32 parameters (48 bytes).
    expect(report).toMatchObject({ externalDataFiles: ['weights.bin'], params: 12, paramBytes: 48, macs: 24 });
  });

  it('fails with ENGINE_ERR_EXTERNAL_DATA_UNAVAILABLE when the file is missing or short', async () => {
    for (const name of ['missing.onnx', 'short.onnx']) {
      const r = await inspect(join(dir, name));
      expect(r.status, name).toBe(1);
      expect(r.stderr, name).toMatch(/^error ENGINE_ERR_EXTERNAL_DATA_UNAVAILABLE: /);
      expect(r.stderr, name).not.toContain(dir);
    }
  });

  it('refuses a location that climbs out of the model folder', async () => {
    const r = await inspect(join(dir, 'escape.onnx'));
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^error ENGINE_ERR_EXTERNAL_DATA_TRAVERSAL: /);
  });
});
