import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startStudio, type StudioProcess } from './support/studio-process.ts';

// The real studio process over real HTTP: no mocks (DESIGN.md §7).

let studio: StudioProcess | undefined;
let tempRoot: string | undefined;

afterEach(() => {
  studio?.kill();
  studio = undefined;
  if (tempRoot !== undefined) rmSync(tempRoot, { recursive: true, force: true });
  tempRoot = undefined;
});

function expectSecurityHeaders(headers: Headers): void {
  expect(headers.get('content-security-policy')).toMatch(/^default-src 'self'/);
  expect(headers.get('x-content-type-options')).toBe('nosniff');
  expect(headers.get('referrer-policy')).toBe('no-referrer');
  expect(headers.get('x-frame-options')).toBe('DENY');
}

describe('starting the studio', () => {
  it('serves the page and the health check over HTTP and exits cleanly on SIGTERM', async () => {
    tempRoot = mkdtempSync(join(tmpdir(), 'whittle-e2e-'));
    // A folder that does not exist yet: the server must create it.
    const dataDir = join(tempRoot, 'data');
    studio = await startStudio({ PORT: '0', HOST: '127.0.0.1', WHITTLE_DATA_DIR: dataDir }, 30_000);

    expect(studio.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(statSync(dataDir).isDirectory()).toBe(true);

    const page = await fetch(`${studio.url}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expectSecurityHeaders(page.headers);
    expect(await page.text()).toContain('Whittle studio — coming soon');

    const health = await fetch(`${studio.url}/api/health`);
    expect(health.status).toBe(200);
    expectSecurityHeaders(health.headers);
    expect(await health.json()).toEqual({ status: 'ok', version: expect.stringMatching(/^\d+\.\d+\.\d+/) as string });

    const missing = await fetch(`${studio.url}/api/missing`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: { code: 'API_ERR_NOT_FOUND' } });

    const ended = await studio.stop('SIGTERM');
    expect(ended).toEqual({ code: 0, signal: null });
    expect(studio.output()).toContain('Whittle studio: stopped');
    expect(studio.output()).not.toMatch(/error/i);
  });
});
