import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, strictPage } from './support/browser.ts';
import { longBenchmarkParams } from './support/long-benchmark.ts';
import { PADDLE_CLS, readPaddleModel } from './support/paddle.ts';
import { startWebStack, type WebStack } from './support/web-stack.ts';

// The studio in Debian Chromium against the real stack (API + worker + Redis + SQLite, a fresh web build): the
// loopback browser is the signed-in admin; it creates a project (and sees a refusal), uploads a non-model (415) and
// cancels an upload, uploads the PaddleOCR classifier through the file input, runs a prune → benchmark recipe from
// the builder, and cancels (then retries and cancels again) a long benchmark from its job page. Every wait
// is on app state (data-status / data-phase attributes), never a fixed sleep.

let stack: WebStack;
let browser: Browser;
let projectId = '';
let modelId = '';

beforeAll(async () => {
  [stack, browser] = await Promise.all([startWebStack(), launchChromium()]);
}, 120_000);

afterAll(async () => {
  await browser.close();
  await stack.stop();
}, 60_000);

const clsFile = { name: 'cls.onnx', mimeType: 'application/octet-stream', buffer: Buffer.from(readPaddleModel(PADDLE_CLS.file)) };

/**
 * Records, in the page, every value the upload progress bar shows (an upload on loopback is over in milliseconds, too
 * fast to poll from the test).
 */
const RECORD_UPLOAD_PROGRESS = `(() => {
  window.uploadProgress = [];
  new MutationObserver(() => {
    const bar = document.querySelector('[data-testid="upload-progress"]');
    if (bar) window.uploadProgress.push(Number(bar.getAttribute('data-value')));
  }).observe(document.body, { subtree: true, childList: true, attributes: true });
})()`;

/** Slows the page's uploads (DevTools network emulation), so the progress bar and the cancel button have time to act. */
async function throttleUploads(page: Page, bytesPerSecond: number): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: bytesPerSecond });
}

/** Answers of 400 and above the page received, as `METHOD /path status`. */
function recordRefusals(page: Page): string[] {
  const refusals: string[] = [];
  page.on('response', (response) => {
    if (response.status() >= 400) refusals.push(`${response.request().method()} ${new URL(response.url()).pathname} ${String(response.status())}`);
  });
  return refusals;
}

describe('the studio in the browser', () => {
  it('creates a project, uploads a model with progress, runs a prune → benchmark recipe and lists the new variant', async () => {
    const { page, errors } = await strictPage(browser);
    const refusals = recordRefusals(page);
    await page.goto(stack.url);
    await expect(page.getByTestId('current-user').textContent()).resolves.toContain('admin');

    await page.getByLabel('Project name').fill('   ');
    await page.getByRole('button', { name: 'Create project' }).click();
    // The API's validation message, as it comes.
    await expect(page.getByRole('alert').textContent()).resolves.toMatch(/name.*API_ERR_/s);

    await page.getByLabel('Project name').fill('Web e2e');
    await page.getByRole('button', { name: 'Create project' }).click();
    await expect(page.getByTestId('project-title').textContent()).resolves.toBe('Web e2e');
    projectId = /#\/projects\/([0-9a-f-]{36})$/.exec(page.url())?.[1] ?? '';
    expect(projectId).not.toBe('');

    // Not a model: the API's 415 and its message are shown.
    await page.getByTestId('model-upload').setInputFiles({ name: 'notes.html', mimeType: 'text/html', buffer: Buffer.from('<!doctype html><html><body>hi</body></html>') });
    await page.waitForSelector('[data-testid="upload-zone"][data-phase="failed"]');
    await expect(page.getByTestId('upload-zone').getByRole('alert').textContent()).resolves.toMatch(/notes\.html failed.*API_ERR_/s);

    // A cancelled upload keeps nothing.
    await throttleUploads(page, 100_000);
    await page.evaluate(RECORD_UPLOAD_PROGRESS);
    const zone = page.getByTestId('upload-zone');
    await page.getByTestId('model-upload').setInputFiles(clsFile);
    // A function, not a string: the studio's CSP forbids the eval a string predicate needs.
    await page.waitForFunction(() => (globalThis as unknown as { uploadProgress: number[] }).uploadProgress.some((value) => value > 0 && value < 100));
    await page.getByRole('button', { name: 'Cancel upload' }).click();
    await page.waitForSelector('[data-testid="upload-zone"][data-phase="cancelled"]');
    await expect(stack.client.json('GET', `/api/projects/${projectId}/models`, undefined, 200)).resolves.toEqual([]);

    // The real upload, with a progress bar that moves through partial values.
    await throttleUploads(page, 1_000_000);
    await page.evaluate('window.uploadProgress = []');
    await page.getByTestId('model-upload').setInputFiles(clsFile);
    await page.waitForSelector('[data-testid="upload-zone"][data-phase="done"]');
    const seen = await page.evaluate<number[]>('window.uploadProgress');
    expect(seen.some((value) => value > 0 && value < 100), JSON.stringify(seen)).toBe(true);
    expect(await zone.getAttribute('data-phase')).toBe('done');
    await throttleUploads(page, -1);

    // The analyze job appears and the model turns ready when it ends.
    await page.waitForSelector('[data-testid="job-row"][data-kind="analyze"]');
    await page.waitForSelector('[data-testid="model-row"][data-status="ready"]', { timeout: 60_000 });
    await page.waitForSelector('[data-testid="job-row"][data-kind="analyze"][data-status="succeeded"]');
    modelId = (await page.getByTestId('model-row').getAttribute('data-model-id')) ?? '';
    await page.waitForSelector('[data-testid="variant-row"][data-step="0"]');

    // Recipe: prune half the channels (multiples of 8), then a short benchmark.
    const prune = page.locator('[data-testid="recipe-step"][data-step-kind="prune"]');
    await prune.getByLabel('Ratio').fill('0.5');
    await prune.getByLabel('Round to').fill('8');
    await prune.getByLabel('Input shapes').fill('x=1,3,48,192');
    const bench = page.locator('[data-testid="recipe-step"][data-step-kind="benchmark"]');
    await bench.getByLabel('Warm-up runs').fill('1');
    await bench.getByLabel('Min runs').fill('3');
    await bench.getByLabel('Max runs').fill('10');
    await bench.getByLabel('Max seconds per series').fill('2');
    await bench.getByLabel('Input shapes').fill('x=1,3,48,192');

    // Client-side validation with the shared schema: nothing is sent while a field is wrong.
    await prune.getByLabel('Ratio').fill('1.5');
    await page.getByRole('button', { name: 'Run recipe' }).click();
    await expect(prune.locator('.field-error').first().textContent()).resolves.toMatch(/^plan\.ratio: /);
    await prune.getByLabel('Ratio').fill('0.5');

    await page.getByRole('button', { name: 'Run recipe' }).click();
    await page.waitForSelector('[data-testid="job-row"][data-kind="recipe"]');
    await page.waitForSelector('[data-testid="job-row"][data-kind="recipe"][data-status="succeeded"]', { timeout: 60_000 });
    await page.waitForSelector('[data-testid="toast"][data-kind="success"]:has-text("Recipe job")');
    await page.waitForSelector('[data-testid="variant-row"][data-step="1"]');
    expect(await page.locator('[data-testid="variant-row"]').count()).toBe(2);

    const recipeJobs = (await stack.client.json('GET', `/api/projects/${projectId}/jobs`, undefined, 200)) as { kind: string; status: string; result: { variantIds: string[]; benchmarkIds: string[] } }[];
    const recipe = recipeJobs.find((job) => job.kind === 'recipe');
    expect(recipe).toMatchObject({ status: 'succeeded' });
    expect(recipe?.result.variantIds).toHaveLength(1);
    expect(recipe?.result.benchmarkIds).toHaveLength(1);
    // Chromium logs every 4xx answer as a console error: the one refusal the test asked for, and nothing else.
    expect(refusals).toEqual(['POST /api/projects 400', `POST /api/projects/${projectId}/models 415`]);
    expect(errors()).toEqual([
      'console: Failed to load resource: the server responded with a status of 400 (Bad Request)',
      'console: Failed to load resource: the server responded with a status of 415 (Unsupported Media Type)',
    ]);
    await page.close();
  });

  it('follows a long benchmark on its job page and cancels it, then retries and cancels again', async () => {
    const { page, errors } = await strictPage(browser);
    const refusals = recordRefusals(page);
    const originalId = (await stack.client.model(modelId)).originalVariantId ?? '';
    const job = await stack.client.createJob(projectId, { kind: 'benchmark', params: longBenchmarkParams(originalId, 30) });
    await page.goto(`${stack.url}/#/jobs/${job.id}`);
    await page.waitForSelector('[data-testid="job-status"][data-status="running"]', { timeout: 30_000 });
    // The log streams in over SSE while it runs.
    await page.waitForSelector('[data-testid="job-log"] div');

    await page.getByRole('button', { name: 'Cancel job' }).click();
    await page.waitForSelector('[data-testid="job-status"][data-status="cancelled"]');
    await expect(page.getByTestId('job-error').textContent()).resolves.toContain('Cancelled by the user');
    await page.waitForSelector('[data-testid="toast"]:has-text("was cancelled")');
    await expect(stack.client.job(job.id)).resolves.toMatchObject({ status: 'cancelled' });

    await page.getByRole('button', { name: 'Retry job' }).click();
    await page.waitForSelector('[data-testid="job-status"]:is([data-status="queued"], [data-status="running"])');
    await page.getByRole('button', { name: 'Cancel job' }).click();
    await page.waitForSelector('[data-testid="job-status"][data-status="cancelled"]');
    await expect(stack.client.job(job.id)).resolves.toMatchObject({ status: 'cancelled' });
    expect(refusals).toEqual([]);
    expect(errors()).toEqual([]);
    await page.close();
  });
});
