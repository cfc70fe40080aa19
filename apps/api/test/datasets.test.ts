import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { datasetDtoSchema } from '@whittle/shared';
import { multipartBody, type Part } from './helpers/multipart.ts';
import { float32, npyBytes } from './helpers/npy.ts';
import { startTestApp, type TestApp, type TestUser } from './helpers/test-app.ts';

// Datasets until W6: one .npy part per model input, checked by the engine's NPY reader while it streams; a JSON
// manifest names each input's artifact. Archives and malformed arrays are refused with nothing stored.

const LIMIT = 256 * 1024;

let t: TestApp;
let bob: TestUser;
let projectId: string;

beforeAll(async () => {
  t = await startTestApp({ maxDatasetBytes: LIMIT });
  bob = await t.createUser('bob');
  projectId = (await t.app.inject({ method: 'POST', url: '/api/projects', headers: t.admin.headers, payload: { name: 'data' } })).json<{ id: string }>().id;
});
afterAll(() => t.close());

function upload(parts: readonly Part[], query = '') {
  const { body, contentType } = multipartBody(parts);
  return t.app.inject({ method: 'POST', url: `/api/projects/${projectId}/datasets${query}`, headers: { ...t.admin.headers, 'content-type': contentType }, payload: body });
}

async function expectRefused(parts: readonly Part[], status: number, code: string): Promise<string> {
  const [datasets, objects] = [(await t.app.repos.datasets.listForProject(projectId)).length, await t.objectCount()];
  const response = await upload(parts);
  expect(response.statusCode, response.body).toBe(status);
  const { error } = response.json<{ error: { code: string; message: string } }>();
  expect(error.code).toBe(code);
  expect((await t.app.repos.datasets.listForProject(projectId)).length).toBe(datasets);
  expect(await t.objectCount()).toBe(objects);
  expect(await t.tempFiles()).toEqual([]);
  return error.message;
}

describe('dataset upload', () => {
  it('stores one artifact per input and a manifest naming them', async () => {
    const x = npyBytes('<f4', [2, 3], float32([1, 2, 3, 4, 5, 6]));
    const mask = npyBytes('|u1', [2], new Uint8Array([1, 0]));
    const response = await upload(
      [
        { name: 'x', filename: 'x.npy', content: x },
        { name: 'attention_mask', filename: 'mask.npy', content: mask },
      ],
      '?name=calibration',
    );
    expect(response.statusCode, response.body).toBe(201);
    const dataset = datasetDtoSchema.parse(response.json());
    expect(dataset).toMatchObject({ name: 'calibration', kind: 'npy-inputs', projectId });

    const row = await t.app.repos.datasets.get(dataset.id);
    expect(row?.sizeBytes).toBe(x.byteLength + mask.byteLength);
    const manifest = JSON.parse(Buffer.from(await t.app.artifacts.readAll(row?.artifactKey ?? '')).toString('utf8')) as {
      inputs: Record<string, { key: string; dtype: string; dims: number[] }>;
    };
    expect(manifest).toMatchObject({
      version: 1,
      kind: 'npy-inputs',
      inputs: { x: { dtype: 'float32', dims: [2, 3] }, attention_mask: { dtype: 'uint8', dims: [2] } },
    });
    expect(Buffer.from(await t.app.artifacts.readAll(manifest.inputs.x?.key ?? ''))).toEqual(x);

    expect((await t.app.inject({ method: 'GET', url: `/api/projects/${projectId}/datasets`, headers: t.admin.headers })).json<unknown[]>()).toHaveLength(1);
    expect((await t.app.inject({ method: 'GET', url: `/api/datasets/${dataset.id}`, headers: t.admin.headers })).json()).toEqual(dataset);
    expect((await t.app.inject({ method: 'GET', url: `/api/datasets/${dataset.id}`, headers: bob.headers })).statusCode).toBe(404);
  });

  it('refuses an archive with 415, saying to upload .npy files', async () => {
    const message = await expectRefused([{ name: 'x', filename: 'data.npz', content: Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5, 6, 7, 8]) }], 415, 'API_ERR_UNSUPPORTED_MEDIA');
    expect(message).toMatch(/upload one \.npy file per model input/);
  });

  it.each([
    ['not an NPY file', Buffer.from('hello, world'), 415, 'API_ERR_UNSUPPORTED_MEDIA'],
    ['an object array (pickled)', npyBytes('|O', [2], new Uint8Array(16)), 415, 'API_ERR_UNSUPPORTED_MEDIA'],
    ['Fortran order', npyBytes('<f4', [2, 2], float32([1, 2, 3, 4]), { fortran: true }), 415, 'API_ERR_UNSUPPORTED_MEDIA'],
    ['a data section shorter than its header says', npyBytes('<f4', [4, 4], float32([1, 2, 3])), 400, 'API_ERR_BAD_REQUEST'],
    ['a malformed header', npyBytes('<f4', [1], float32([1]), { headerOverride: "{'descr': '<f4', 'shape': (1,), 'evil': 1}" }), 400, 'API_ERR_BAD_REQUEST'],
    ['an array above the size limit', npyBytes('<f8', [LIMIT], new Uint8Array(0)), 413, 'API_ERR_TOO_LARGE'],
  ])('refuses %s and keeps nothing', async (_what, content, status, code) => {
    await expectRefused([{ name: 'x', filename: 'x.npy', content }], status, code);
  });

  it('refuses the whole dataset when a later part is bad: the good parts are not committed', async () => {
    await expectRefused(
      [
        { name: 'x', filename: 'x.npy', content: npyBytes('<f4', [3], float32([7, 8, 9])) },
        { name: 'y', filename: 'y.npy', content: Buffer.from('<html>') },
      ],
      415,
      'API_ERR_UNSUPPORTED_MEDIA',
    );
  });

  it('refuses a duplicate input name, a field part, and more than 16 inputs', async () => {
    const one = npyBytes('<i8', [1], new Uint8Array(8));
    await expectRefused(
      [
        { name: 'x', filename: 'a.npy', content: one },
        { name: 'x', filename: 'b.npy', content: npyBytes('<i4', [1], new Uint8Array(4)) },
      ],
      400,
      'API_ERR_VALIDATION',
    );
    await expectRefused([{ name: 'note', content: 'a field' }], 413, 'API_ERR_TOO_MANY_PARTS');
    const many = Array.from({ length: 17 }, (_, i): Part => ({ name: `in${i}`, filename: `${i}.npy`, content: npyBytes('<i4', [1], new Uint8Array([i, 0, 0, 0])) }));
    await expectRefused(many, 413, 'API_ERR_TOO_MANY_PARTS');
  });

  it('refuses a dataset whose parts together pass the limit', async () => {
    const half = npyBytes('|u1', [LIMIT / 2], new Uint8Array(LIMIT / 2));
    await expectRefused(
      [
        { name: 'a', filename: 'a.npy', content: half },
        { name: 'b', filename: 'b.npy', content: half },
      ],
      413,
      'API_ERR_TOO_LARGE',
    );
  });
});
