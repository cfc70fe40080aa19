import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jobLogDtoSchema, modelDtoSchema } from '@whittle/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { longBenchmarkParams } from './support/long-benchmark.ts';
import { PADDLE_CLS, readPaddleModel } from './support/paddle.ts';
import { ADMIN_TOKEN_LINE, readEvents, StudioClient } from './support/studio-client.ts';
import { LISTENING_LINE, startService, type ServiceProcess } from './support/studio-process.ts';

// Faults across processes (reliability catalogue (b)): the API dies during a job (F7) and during an upload (F8). The API
// and the worker run as separate real processes on one data directory and one Redis prefix, as `npm start` runs them.

let dataDir: string;
let env: Record<string, string>;
let api: ServiceProcess;
let worker: ServiceProcess;
let token: string;

function startApi(port: string): Promise<ServiceProcess> {
  return startService({ entry: 'apps/api/src/server.ts', env: { ...env, PORT: port }, readyLine: LISTENING_LINE, timeoutMs: 60_000 });
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'whittle-e2e-faults-'));
  env = { HOST: '127.0.0.1', WHITTLE_DATA_DIR: dataDir, WHITTLE_QUEUE_PREFIX: `e2e-${randomUUID()}`, WHITTLE_WORKER_CONCURRENCY: '1' };
  api = await startApi('0');
  token = ADMIN_TOKEN_LINE.exec(api.output())?.[1] ?? '';
  worker = await startService({ entry: 'apps/worker/src/main.ts', env, readyLine: /(Whittle worker\b.*)/, timeoutMs: 60_000 });
}, 120_000);

afterAll(async () => {
  await api.stop('SIGTERM');
  await worker.stop('SIGTERM');
  rmSync(dataDir, { recursive: true, force: true });
}, 60_000);

/** The port the API listens on, to restart it at the same URL. */
function portOf(url: string): string {
  return new URL(url).port;
}

describe('faults across processes', () => {
  it('keeps a job running through an API crash; the restarted API reports its state from the database and SSE resumes', async () => {
    let client = new StudioClient(api.ready, token);
    const project = await client.createProject('faults');
    const { model, job: analyze } = await client.uploadModel(project.id, readPaddleModel(PADDLE_CLS.file), 'cls.onnx');
    expect((await client.waitForJob(analyze.id, 60_000)).status).toBe('succeeded');
    const variantId = (await client.model(model.id)).originalVariantId ?? '';

    // A benchmark that runs ~6 s: long enough to kill the API while the worker runs it.
    const job = await client.createJob(project.id, {
      kind: 'benchmark',
      params: longBenchmarkParams(variantId, 6),
    });
    const deadline = Date.now() + 30_000;
    while ((await client.job(job.id)).status !== 'running') {
      if (Date.now() > deadline) throw new Error('the job never started');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const before = await readEvents(await client.request('GET', `/api/jobs/${job.id}/events`), (e) => e.event === 'log');
    const lastSeq = before.filter((e) => e.event === 'log').map((e) => jobLogDtoSchema.parse(JSON.parse(e.data)).seq).at(-1) ?? 0;

    const url = api.ready;
    api.kill();
    await api.exited;
    api = await startApi(portOf(url));
    client = new StudioClient(api.ready, token);
    expect(['running', 'succeeded']).toContain((await client.job(job.id)).status);

    const resumed = await readEvents(await client.request('GET', `/api/jobs/${job.id}/events`, { headers: { 'last-event-id': String(lastSeq) } }));
    expect(resumed.at(-1)?.event).toBe('end');
    const seqs = resumed.filter((e) => e.event === 'log').map((e) => jobLogDtoSchema.parse(JSON.parse(e.data)).seq);
    expect(seqs.every((seq) => seq > lastSeq)).toBe(true);
    expect((await client.job(job.id)).status).toBe('succeeded');
  }, 120_000);

  it('leaves no model and no temp file when the API dies mid-upload, and accepts the upload after the restart', async () => {
    let client = new StudioClient(api.ready, token);
    const project = await client.createProject('upload crash');
    const url = new URL(`${api.ready}/api/projects/${project.id}/models`);
    const boundary = `----whittle-${randomUUID()}`;
    const req = request(url, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': String(64 * 2 ** 20) },
    });
    req.on('error', () => undefined);
    req.write(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.onnx"\r\nContent-Type: application/octet-stream\r\n\r\n`);
    const chunk = Buffer.alloc(1 << 20);
    chunk[0] = 0x08;
    for (let i = 0; i < 8; i += 1) req.write(i === 0 ? chunk : Buffer.alloc(1 << 20));
    // Wait until the API has started writing the upload to its temp folder, then kill it mid-stream.
    const tmp = join(dataDir, 'artifacts', 'tmp');
    const deadline = Date.now() + 10_000;
    while (!existsSync(tmp) || readdirSync(tmp).length === 0) {
      if (Date.now() > deadline) throw new Error('the upload never reached the temp folder');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const port = portOf(api.ready);
    api.kill();
    await api.exited;
    req.destroy();

    api = await startApi(port);
    client = new StudioClient(api.ready, token);
    expect(readdirSync(tmp)).toEqual([]);
    const models = (await client.json('GET', `/api/projects/${project.id}/models`, undefined, 200)) as unknown[];
    expect(models).toEqual([]);
    const { model } = await client.uploadModel(project.id, readPaddleModel(PADDLE_CLS.file), 'cls.onnx');
    expect(modelDtoSchema.parse(model).status).toBe('validating');
  }, 120_000);
});
