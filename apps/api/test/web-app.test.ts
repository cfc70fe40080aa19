import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './helpers/test-app.ts';

// WHITTLE_WEB_ROOT: the built SPA at /, hashed assets cached for a year, client-side routes falling back to
// index.html, and the API's JSON 404s untouched.

let t: TestApp;
let webRoot: string;

beforeAll(async () => {
  webRoot = await mkdtemp(join(tmpdir(), 'whittle-web-'));
  await mkdir(join(webRoot, 'assets'));
  await writeFile(join(webRoot, 'index.html'), '<!doctype html><title>Whittle</title><script type="module" src="/assets/index-L757POU1.js"></script>');
  await writeFile(join(webRoot, 'assets', 'index-L757POU1.js'), 'console.log("app")');
  await writeFile(join(webRoot, 'assets', 'ort-wasm-simd-threaded-AbCdEf12.mjs'), 'export default {}');
  await writeFile(join(webRoot, 'assets', 'ort-wasm-simd-threaded-AbCdEf12.wasm'), new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]));
  await writeFile(join(webRoot, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  await writeFile(join(webRoot, '.env'), 'SECRET=1');
  t = await startTestApp({ webRoot });
});
afterAll(async () => {
  await t.close();
  await rm(webRoot, { recursive: true, force: true });
});

describe('the web app', () => {
  it('serves index.html at / without credentials, revalidated, under a CSP without inline code', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.body).toContain('<title>Whittle</title>');
    expect(response.headers['cache-control']).toBe('no-cache');
    const csp = String(response.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(csp).not.toContain('unsafe-inline');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
  });

  it('makes the app cross-origin isolated (COOP + COEP on the document, CORP on its files) without loosening the CSP', async () => {
    const pages = [
      await t.app.inject({ method: 'GET', url: '/' }),
      await t.app.inject({ method: 'GET', url: '/projects/123/compare', headers: { accept: 'text/html' } }),
    ];
    for (const page of pages) {
      expect(page.statusCode).toBe(200);
      expect(page.headers['cross-origin-opener-policy']).toBe('same-origin');
      expect(page.headers['cross-origin-embedder-policy']).toBe('require-corp');
      const csp = String(page.headers['content-security-policy']);
      expect(csp).toContain("worker-src 'self' blob:");
      expect(csp).not.toMatch(/'unsafe-inline'|'unsafe-eval'|\*/);
    }
    // The runtime's worker script and wasm come from the web root: same-origin only, and isolated like the page.
    for (const url of ['/assets/ort-wasm-simd-threaded-AbCdEf12.mjs', '/assets/ort-wasm-simd-threaded-AbCdEf12.wasm']) {
      const file = await t.app.inject({ method: 'GET', url });
      expect(file.statusCode, url).toBe(200);
      expect(file.headers['cross-origin-resource-policy'], url).toBe('same-origin');
      expect(file.headers['cross-origin-embedder-policy'], url).toBe('require-corp');
      expect(file.headers['cache-control'], url).toBe('public, max-age=31536000, immutable');
    }
    expect((await t.app.inject({ method: 'GET', url: '/assets/ort-wasm-simd-threaded-AbCdEf12.wasm' })).headers['content-type']).toBe('application/wasm');
    expect(String((await t.app.inject({ method: 'GET', url: '/assets/ort-wasm-simd-threaded-AbCdEf12.mjs' })).headers['content-type'])).toMatch(/javascript/);
  });

  it('caches hashed assets for a year and revalidates the rest', async () => {
    const asset = await t.app.inject({ method: 'GET', url: '/assets/index-L757POU1.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const icon = await t.app.inject({ method: 'GET', url: '/favicon.svg' });
    expect(icon.statusCode).toBe(200);
    expect(icon.headers['cache-control']).toBe('no-cache');
  });

  it('falls back to index.html for client-side routes, not for files or the API', async () => {
    const route = await t.app.inject({ method: 'GET', url: '/projects/123/compare', headers: { accept: 'text/html,application/xhtml+xml' } });
    expect(route.statusCode).toBe(200);
    expect(route.body).toContain('<title>Whittle</title>');

    expect((await t.app.inject({ method: 'GET', url: '/assets/missing-ABCDEFGH.js', headers: { accept: 'text/html' } })).statusCode).toBe(404);
    const api = await t.app.inject({ method: 'GET', url: '/api/nope', headers: { accept: 'text/html' } });
    expect(api.statusCode).toBe(404);
    expect(api.json()).toMatchObject({ error: { code: 'API_ERR_NOT_FOUND' } });
  });

  it('never serves dotfiles or paths outside the web root', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/.env' })).statusCode).toBe(404);
    for (const url of ['/../package.json', '/assets/..%2f..%2fetc%2fpasswd', '/%2e%2e/%2e%2e/etc/passwd']) {
      const response = await t.app.inject({ method: 'GET', url });
      expect(response.body, url).not.toContain('root:');
      expect([400, 403, 404], url).toContain(response.statusCode);
    }
  });
});
