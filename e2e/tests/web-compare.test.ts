import { benchmarkDtoSchema } from '@whittle/shared';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, strictPage } from './support/browser.ts';
import { PADDLE_CLS, readPaddleModel } from './support/paddle.ts';
import { startWebStack, type WebStack } from './support/web-stack.ts';

// The comparison page in Debian Chromium against the real stack: a project seeded over HTTP with the PaddleOCR cls
// original, a pruned variant and server benchmarks of both; the page lists both variants, draws its charts, is
// cross-origin isolated, and benchmarks the pruned variant in the browser with onnxruntime-web, whose stored result
// appears next to the server's.

let stack: WebStack;
let browser: Browser;
let page: Page;
let errors: () => string[];
let projectId: string;
let originalId: string;
let prunedId: string;

const SMALL_RUNS = { warmupRuns: 2, minRuns: 5, maxRuns: 12, maxSecondsPerSeries: 3, inputShapes: { x: PADDLE_CLS.shape } };

beforeAll(async () => {
  [stack, browser] = await Promise.all([startWebStack(), launchChromium()]);
  const { client } = stack;
  projectId = (await client.createProject('web compare')).id;
  const upload = await client.uploadModel(projectId, readPaddleModel(PADDLE_CLS.file), 'cls.onnx');
  expect((await client.waitForJob(upload.job.id, 60_000)).status).toBe('succeeded');
  originalId = (await client.model(upload.model.id)).originalVariantId ?? '';
  const prune = await client.createJob(projectId, {
    kind: 'prune',
    params: { variantId: originalId, plan: { version: 1, ratio: 0.5, roundTo: 8 }, inputShapes: { x: PADDLE_CLS.shape } },
  });
  const pruned = await client.waitForJob(prune.id, 60_000);
  expect(pruned.status, JSON.stringify(pruned.error)).toBe('succeeded');
  prunedId = (pruned.result as { variantIds: string[] }).variantIds[0] ?? '';
  const benches = await Promise.all(
    [originalId, prunedId].map((variantId) => client.createJob(projectId, { kind: 'benchmark', params: { variantId, ...SMALL_RUNS } })),
  );
  for (const job of benches) expect((await client.waitForJob(job.id, 60_000)).status).toBe('succeeded');
  ({ page, errors } = await strictPage(browser));
}, 120_000);

afterAll(async () => {
  await browser.close();
  await stack.stop();
}, 30_000);

async function browserBenchmarks(variantId: string): Promise<ReturnType<typeof benchmarkDtoSchema.parse>[]> {
  const list = (await stack.client.json('GET', `/api/variants/${variantId}/benchmarks`, undefined, 200)) as unknown[];
  return list.map((b) => benchmarkDtoSchema.parse(b));
}

describe('the comparison page', () => {
  it('lists both variants with labelled figures and draws the charts, cross-origin isolated', async () => {
    await page.goto(`${stack.url}/#/projects/${projectId}/compare`);
    await page.locator('[data-testid="compare-page"][data-state="ready"]').waitFor({ timeout: 20_000 });
    expect(await page.evaluate(() => (globalThis as unknown as { crossOriginIsolated: boolean }).crossOriginIsolated)).toBe(true);

    const rows = page.getByTestId('compare-row');
    expect(await rows.count()).toBe(2);
    expect(await page.locator(`[data-testid="compare-row"][data-variant-id="${prunedId}"] th`).textContent()).toMatch(/^prune 50%/);
    const header = await page.getByTestId('compare-table').locator('thead').textContent();
    expect(header).toMatch(/Paramsestimate/);
    expect(header).toMatch(/File sizemeasured/);
    expect(header).toMatch(/onnxruntime-node/);

    for (const chart of ['chart-latency-size', 'chart-size', 'chart-speedup', 'chart-percentiles']) {
      expect(await page.locator(`[data-testid="${chart}"] svg.recharts-surface`).count(), chart).toBeGreaterThan(0);
    }
    // Two variants, both measured on the server: the pruned one is smaller and (almost always) faster, but either way
    // the front has one or two points — the chart draws them.
    expect(await page.locator('[data-testid="chart-latency-size"] .recharts-scatter-symbol').count()).toBe(2);
    expect(await page.getByTestId('variant-changes').textContent()).toMatch(/channels removed/);
    expect(errors()).toEqual([]);
  });

  it('benchmarks the pruned variant in the browser and shows the stored result next to the server one', async () => {
    await page.getByTestId('device-bench-variant').selectOption(prunedId);
    expect(await page.getByTestId('device-bench-shapes').inputValue()).toBe('x: 1,3,48,192');
    await page.getByTestId('device-bench-warmup').fill('2');
    await page.getByTestId('device-bench-min-runs').fill('5');
    await page.getByTestId('device-bench-max-runs').fill('30');
    await page.getByTestId('device-bench-start').click();
    await page.locator('[data-testid="device-bench-status"][data-state="done"]').waitFor({ timeout: 30_000 });

    const stored = (await browserBenchmarks(prunedId)).filter((b) => b.runtime === 'onnxruntime-web');
    expect(stored).toHaveLength(1);
    const results = stored[0]?.results;
    expect(results).toMatchObject({ executionProvider: 'wasm', cpuModel: 'unknown (browser)', peakRssBytes: 0 });
    expect(results?.series[0]).toMatchObject({ batchSize: 1, inputs: { x: [1, 3, 48, 192] }, warmupRuns: 2 });
    expect(results?.series[0]?.runs).toBeGreaterThanOrEqual(5);
    expect(results?.series[0]?.p50Ms).toBeGreaterThan(0);

    const cell = page.locator(`[data-testid="compare-row"][data-variant-id="${prunedId}"] [data-testid="latency-p50"][data-device$="onnxruntime-web"]`);
    await cell.waitFor({ timeout: 10_000 });
    expect(await cell.textContent()).toMatch(/^\d+(\.\d+)? ms$/);
    expect(errors()).toEqual([]);
  });
});
