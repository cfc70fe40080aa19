import { readdir } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileUpload, multipartBody, type Part } from './helpers/multipart.ts';
import { startTestApp, type TestApp } from './helpers/test-app.ts';

// Catalogue a.1, the multipart rows, as automated tests: each refused upload leaves no model row, no stored object and
// no temp file, and the process keeps serving.

const LIMIT = 64 * 1024;

/** Bytes that pass the sniff (an ONNX file starts with field 1, ir_version): the API never parses further. */
function onnxLike(size: number, fill = 0x11): Buffer {
  const bytes = Buffer.alloc(size, fill);
  bytes[0] = 0x08;
  bytes[1] = 0x08;
  return bytes;
}

let t: TestApp;
let projectId: string;
let url: string;

beforeAll(async () => {
  t = await startTestApp({ maxModelBytes: LIMIT });
  projectId = (await t.app.inject({ method: 'POST', url: '/api/projects', headers: t.admin.headers, payload: { name: 'uploads' } })).json<{ id: string }>().id;
  url = `/api/projects/${projectId}/models`;
});
afterAll(() => t.close());

function send(body: Buffer | string, contentType: string | undefined, query = '') {
  return t.app.inject({
    method: 'POST',
    url: `${url}${query}`,
    headers: { ...t.admin.headers, ...(contentType === undefined ? {} : { 'content-type': contentType }) },
    payload: body,
  });
}

function upload(parts: readonly Part[], query = '') {
  const { body, contentType } = multipartBody(parts);
  return send(body, contentType, query);
}

async function modelCount(): Promise<number> {
  return (await t.app.repos.models.listForProject(projectId)).length;
}

/** Runs `act` and checks that it persisted nothing: no model row, no object, no temp file. */
async function expectNothingPersisted(act: () => Promise<{ statusCode: number; body: string }>, status: number, code: string): Promise<string> {
  const [models, objects] = [await modelCount(), await t.objectCount()];
  const response = await act();
  expect(response.statusCode, response.body).toBe(status);
  const body = JSON.parse(response.body) as { error: { code: string; message: string } };
  expect(body.error.code).toBe(code);
  expect(await modelCount()).toBe(models);
  expect(await t.objectCount()).toBe(objects);
  expect(await t.tempFiles()).toEqual([]);
  return body.error.message;
}

describe('size and part limits', () => {
  it('refuses a file of limit + 1 bytes with 413 and keeps nothing (row 1, 2)', async () => {
    const message = await expectNothingPersisted(() => upload([{ name: 'file', filename: 'big.onnx', content: onnxLike(LIMIT + 1) }]), 413, 'API_ERR_TOO_LARGE');
    expect(message).toContain('65536 bytes');
  });

  it('accepts a file of exactly the limit', async () => {
    const response = await upload([{ name: 'file', filename: 'edge.onnx', content: onnxLike(LIMIT, 0x22) }]);
    expect(response.statusCode, response.body).toBe(202);
  });

  it('refuses two files with 413 and commits neither (row 3)', async () => {
    await expectNothingPersisted(
      () =>
        upload([
          { name: 'file', filename: 'a.onnx', content: onnxLike(1000, 0x33) },
          { name: 'file2', filename: 'b.onnx', content: onnxLike(1000, 0x44) },
        ]),
      413,
      'API_ERR_TOO_MANY_PARTS',
    );
  });

  it('refuses 10 000 empty parts and 10 000 fields with 413 within a second (row 3)', async () => {
    for (const parts of [
      Array.from({ length: 10_000 }, (): Part => ({ name: 'p', content: '' })),
      Array.from({ length: 10_000 }, (_, i): Part => ({ name: `f${i}`, content: 'x' })),
    ]) {
      let elapsed = 0;
      await expectNothingPersisted(async () => {
        const started = performance.now();
        const response = await upload(parts);
        elapsed = performance.now() - started;
        return response;
      }, 413, 'API_ERR_TOO_MANY_PARTS');
      // Refused at the limit, not after parsing 10 000 parts.
      expect(elapsed).toBeLessThan(1000);
    }
  });

  it('refuses a field after the file (fields are bounded too) without storing the file', async () => {
    await expectNothingPersisted(
      () =>
        upload([
          { name: 'file', filename: 'm.onnx', content: onnxLike(500, 0x55) },
          { name: 'a', content: 'x' },
          { name: 'b', content: 'y' },
          { name: 'c', content: 'z' },
        ]),
      413,
      'API_ERR_TOO_MANY_PARTS',
    );
  });
});

describe('malformed multipart', () => {
  it.each(['__proto__', 'constructor'])('refuses a part named %s with 400 and stays alive (row 5)', async (name) => {
    await expectNothingPersisted(() => upload([{ name, filename: 'x.onnx', content: onnxLike(100, 0x66) }]), 400, 'API_ERR_BAD_REQUEST');
    expect((await t.app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
  });

  it('refuses a missing or over-long boundary with 400 before reading the body (row 4)', async () => {
    const long = 'b'.repeat(252);
    const { body } = multipartBody([{ name: 'file', filename: 'x.onnx', content: onnxLike(100) }], long);
    const started = performance.now();
    await expectNothingPersisted(() => send(body, `multipart/form-data; boundary=${long}`), 400, 'API_ERR_BAD_REQUEST');
    await expectNothingPersisted(() => send(body, `multipart/form-data; boundary=${'c'.repeat(71)}`), 400, 'API_ERR_BAD_REQUEST');
    await expectNothingPersisted(() => send(body, 'multipart/form-data'), 400, 'API_ERR_BAD_REQUEST');
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('refuses a body that ends inside a part with 400', async () => {
    const { body, contentType } = fileUpload(onnxLike(2000, 0x77));
    await expectNothingPersisted(() => send(body.subarray(0, 1200), contentType), 400, 'API_ERR_BAD_REQUEST');
  });

  it('refuses a body without a file part', async () => {
    await expectNothingPersisted(() => upload([{ name: 'note', content: 'no file here' }]), 400, 'API_ERR_BAD_REQUEST');
  });

  it.each([
    ['JSON', '{"file":"AAAA"}', 'application/json'],
    ['text', 'hello', 'text/plain'],
    ['a form', 'file=abc', 'application/x-www-form-urlencoded'],
    ['no content type', 'raw bytes', undefined],
  ])('refuses %s with 415 (only multipart is accepted)', async (_what, body, contentType) => {
    await expectNothingPersisted(() => send(body, contentType), 415, 'API_ERR_UNSUPPORTED_MEDIA');
  });
});

describe('content sniffing (rows 13, 14)', () => {
  it.each([
    ['a PNG image', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), /PNG/],
    ['an HTML page', Buffer.from('<!doctype html><html><body>hi</body></html>'), /HTML/],
    ['a ZIP / PyTorch checkpoint', Buffer.from([0x50, 0x4b, 0x03, 0x04, 20, 0, 0, 0]), /ZIP/],
    ['a pickle (.pt)', Buffer.from([0x80, 0x02, 0x63, 0x5f, 0x5f, 0x62]), /pickle/],
    ['an empty file', Buffer.alloc(0), /empty/],
  ])('refuses %s with 415 and the engine’s reason, storing nothing', async (_what, content, reason) => {
    const message = await expectNothingPersisted(() => upload([{ name: 'file', filename: 'model.onnx', content }]), 415, 'API_ERR_UNSUPPORTED_MEDIA');
    expect(message).toMatch(reason);
  });

  it('sniffs even when the first bytes arrive split across chunks', async () => {
    // A large PNG: the head is checked before anything is written, however the stream is chunked.
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(40_000, 1)]);
    await expectNothingPersisted(() => upload([{ name: 'file', filename: 'x.png', content: png }]), 415, 'API_ERR_UNSUPPORTED_MEDIA');
  });
});

describe('file names (row 11)', () => {
  it.each([
    ['../../etc/passwd', 'passwd'],
    ['..\\..\\windows\\win.ini', 'win.ini'],
    ['/abs/path/model.onnx', 'model.onnx'],
    ['C:\\x\\model.onnx', 'model.onnx'],
    ['a\u0000b.onnx', 'ab.onnx'],
    ['evil\u202Egnp.onnx', 'evilgnp.onnx'],
    ['.', 'model.onnx'],
    ['..', 'model.onnx'],
    ['CON', 'CON'],
    ['x'.repeat(10_000), 'x'.repeat(200)],
  ])('stores file name #%# under its hash and shows it sanitized', async (filename, shown) => {
    const content = onnxLike(300, filename.length % 200);
    const response = await upload([{ name: 'file', filename, content }]);
    expect(response.statusCode, response.body).toBe(202);
    const { model } = response.json<{ model: { name: string; sha256: string } }>();
    expect(model.name).toBe(shown);
    expect(await t.app.artifacts.has(model.sha256)).toBe(true);
    // Nothing but content-addressed objects under the artifacts folder.
    const files = await readdir(t.dataDir, { recursive: true });
    expect(files.filter((f) => /passwd|win\.ini|CON$/.test(f))).toEqual([]);
  });

  it('validates a display name given in the query and names the field', async () => {
    const response = await upload([{ name: 'file', filename: 'm.onnx', content: onnxLike(200) }], '?name=%E2%80%AEevil');
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ error: { code: 'API_ERR_VALIDATION', message: expect.stringContaining('querystring/name') as string } });
    const named = await upload([{ name: 'file', filename: 'm.onnx', content: onnxLike(210) }], '?name=My%20classifier');
    expect(named.json()).toMatchObject({ model: { name: 'My classifier' } });
  });
});
