import { once } from 'node:events';
import { request, type ClientRequest, type IncomingMessage } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './helpers/test-app.ts';

// What app.inject cannot show: a client that vanishes mid-upload or mid-stream, over a real socket.

let t: TestApp;
let base: URL;
let projectId: string;

beforeAll(async () => {
  t = await startTestApp({ events: { pollMs: 50, heartbeatMs: 100, maxStreamsPerUser: 1 } });
  base = new URL(await t.app.listen({ port: 0, host: '127.0.0.1' }));
  projectId = (await t.app.inject({ method: 'POST', url: '/api/projects', headers: t.admin.headers, payload: { name: 'real' } })).json<{ id: string }>().id;
});
afterAll(() => t.close());

async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Starts a GET and resolves once the response headers (and first bytes) arrived. */
function openStream(path: string, headers: Record<string, string>): Promise<{ req: ClientRequest; res: IncomingMessage; first: string }> {
  return new Promise((resolve, reject) => {
    const req = request(new URL(path, base), { method: 'GET', headers });
    req.on('response', (res) => {
      res.setEncoding('utf8');
      res.once('data', (chunk: string) => {
        resolve({ req, res, first: chunk });
      });
      res.once('end', () => {
        resolve({ req, res, first: '' });
      });
    });
    req.on('error', reject);
    req.end();
  });
}

describe('a client that goes away', () => {
  it('mid-upload: nothing is stored, the temp file goes, the server keeps serving (catalogue a.1 row 6)', async () => {
    const boundary = 'whittleabort';
    const head = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.onnx"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    );
    const chunk = Buffer.alloc(256 * 1024, 0x11);
    chunk[0] = 0x08;
    const req = request(new URL(`/api/projects/${projectId}/models`, base), {
      method: 'POST',
      headers: {
        ...t.admin.headers,
        'content-type': `multipart/form-data; boundary=${boundary}`,
        // The body promises far more than will ever come.
        'content-length': String(head.byteLength + 50 * 1024 * 1024),
      },
    });
    req.on('error', () => undefined);
    req.write(head);
    req.write(chunk);
    // The put has started: its temp file exists.
    await waitFor('the temp file', async () => (await t.tempFiles()).length > 0);
    req.write(chunk.subarray(0, 1000));
    req.destroy();

    await waitFor('the temp file to go', async () => (await t.tempFiles()).length === 0);
    expect(await t.app.repos.models.listForProject(projectId)).toEqual([]);
    expect(await t.objectCount()).toBe(0);
    const health = await fetch(new URL('/api/health', base));
    expect(health.status).toBe(200);
  });

  it('refused before its body is read: answered at once, connection closed, the body not read', async () => {
    const response = await new Promise<IncomingMessage>((resolve, reject) => {
      const req = request(new URL(`/api/projects/${projectId}/models`, base), {
        method: 'POST',
        headers: { 'content-type': 'multipart/form-data; boundary=x', 'content-length': String(50 * 1024 * 1024) },
      });
      req.on('response', resolve);
      req.on('error', reject);
      req.write(Buffer.alloc(64 * 1024));
    });
    expect(response.statusCode).toBe(401);
    expect(response.headers.connection).toBe('close');
    response.resume();
    await once(response, 'end');
  });

  it('mid-stream: the event stream stops, and its slot is free again; one stream over the cap is 429', async () => {
    const { job } = await t.app.repos.jobs.create({ projectId, kind: 'analyze', payload: { modelId: projectId } });
    const path = `/api/jobs/${job.id}/events`;

    const first = await openStream(path, t.admin.headers);
    expect(first.res.statusCode).toBe(200);
    expect(first.res.headers['content-type']).toBe('text/event-stream; charset=utf-8');

    const second = await openStream(path, t.admin.headers);
    expect(second.res.statusCode).toBe(429);
    expect(second.res.headers['retry-after']).toBe('5');

    // Heartbeats flow while the job is quiet.
    const beat = await new Promise<string>((resolve) => first.res.once('data', resolve));
    expect(beat).toContain(': keep-alive');
    first.req.destroy();

    let third: Awaited<ReturnType<typeof openStream>> | undefined;
    await waitFor('a free stream slot', async () => {
      third?.req.destroy();
      third = await openStream(path, t.admin.headers);
      return third.res.statusCode === 200;
    });
    third?.req.destroy();
  });
});
