import { GraphBuilder, writeModel } from '@whittle/engine';
import { groupsReportSchema, type GroupsReport } from '@whittle/shared';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, strictPage } from './support/browser.ts';
import { PADDLE_CLS, readPaddleModel } from './support/paddle.ts';
import { startWebStack, type WebStack } from './support/web-stack.ts';

// The model page in Debian Chromium against the real stack: graph view, search, inspector, group highlighting and a
// prune job launched from pruning mode on the PaddleOCR classifier; then a generated 10,000-node model, to show the
// layout stays off the main thread (progress state, responsive page, cancel). Waits are on app state only.

let stack: WebStack;
let browser: Browser;

beforeAll(async () => {
  [stack, browser] = await Promise.all([startWebStack(), launchChromium()]);
}, 120_000);

afterAll(async () => {
  await browser.close();
  await stack.stop();
}, 60_000);

async function uploadReady(projectName: string, bytes: Uint8Array, fileName: string): Promise<{ projectId: string; modelId: string; analyzeMs: number }> {
  const project = await stack.client.createProject(projectName);
  const started = Date.now();
  const { model, job } = await stack.client.uploadModel(project.id, bytes, fileName);
  const done = await stack.client.waitForJob(job.id, 120_000);
  expect(done.status, JSON.stringify(done.error)).toBe('succeeded');
  return { projectId: project.id, modelId: model.id, analyzeMs: Date.now() - started };
}

function canvasState(page: Page, state: 'loading' | 'ready' | 'error', timeout = 60_000): Promise<unknown> {
  return page.waitForSelector(`[data-testid="graph-canvas"][data-state="${state}"]`, { timeout });
}

/**
 * Counts animation frames and the longest gap between two — over the whole page (`maxGap`) and over the frames that
 * end while the layout progress state is shown (`layoutMaxGap`, the main thread during a worker layout) — and notes
 * whether the progress state was ever in the DOM (a small layout is over faster than a poll from the test could see).
 */
const WATCH_PAGE = `(() => {
  const w = window;
  w.frames_ = { count: 0, last: performance.now(), maxGap: 0, layoutFrames: 0, layoutMaxGap: 0, progressSeen: false, inLayout: false };
  const tick = (t) => {
    const f = w.frames_;
    const gap = t - f.last;
    f.maxGap = Math.max(f.maxGap, gap);
    if (f.inLayout) { f.layoutMaxGap = Math.max(f.layoutMaxGap, gap); f.layoutFrames++; }
    f.last = t; f.count++;
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  new MutationObserver(() => {
    const shown = document.querySelector('[data-testid="layout-progress"]') !== null;
    if (shown) w.frames_.progressSeen = true;
    w.frames_.inLayout = shown;
  }).observe(document.body, { subtree: true, childList: true });
})()`;
const RESET_FRAMES = `(() => { const f = window.frames_; Object.assign(f, { count: 0, maxGap: 0, layoutFrames: 0, layoutMaxGap: 0, last: performance.now(), progressSeen: false }); })()`;
const READ_FRAMES = `(() => ({ ...window.frames_ }))()`;
/**
 * Longest allowed frame gap while a layout runs. The target is 500 ms; the bound is 2 s because shared 2-vCPU machines
 * starve the main thread whenever the layout worker and other processes hold both cores (measured 67–150 ms for the
 * collapsed view and 650–1,070 ms around the start of the full 10k layout at load average 7). A layout on the main
 * thread would freeze the page for the whole ELK run: well over 10 s at 10k nodes (3 s at 2k, platform-facts §6).
 */
const GAP_BOUND_MS = 2000;
interface Frames { count: number; maxGap: number; layoutFrames: number; layoutMaxGap: number; progressSeen: boolean }

/** A chain of `blocks` residual blocks (Relu → Sigmoid → Mul → Add), named /stage<s>/block<b>/… 25 blocks a stage. */
function bigModel(blocks: number): Uint8Array {
  const b = new GraphBuilder();
  let x = b.input('x', 'float32', [1, 8, 4, 4]);
  for (let i = 0; i < blocks; i++) {
    const p = `/stage${String(Math.floor(i / 25))}/block${String(i % 25)}`;
    const a = b.op('Relu', [x], {}, { name: `${p}/Relu` });
    const s = b.op('Sigmoid', [a], {}, { name: `${p}/Sigmoid` });
    const m = b.op('Mul', [a, s], {}, { name: `${p}/Mul` });
    x = b.op('Add', [x, m], {}, { name: `${p}/Add` });
  }
  b.output(x, 'float32');
  return writeModel(b.toModel({ opset: 17 }));
}

describe('the model page', () => {
  it('shows the PaddleOCR classifier, searches, highlights a Conv group and launches a prune job', async () => {
    const { projectId, modelId } = await uploadReady('graph e2e', readPaddleModel(PADDLE_CLS.file), 'cls.onnx');
    const groups: GroupsReport = groupsReportSchema.parse(await stack.client.json('GET', `/api/models/${modelId}/groups`, undefined, 200));
    const group = groups.groups.find((g) => g.root === 'p2o.Conv.17');
    if (group === undefined) throw new Error('the classifier has no group rooted at p2o.Conv.17');

    const { page, errors } = await strictPage(browser);
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(`${stack.url}/#/models/${modelId}`);
    await canvasState(page, 'ready');
    const items = Number(await page.getByTestId('graph-canvas').getAttribute('data-items'));
    expect(items).toBeGreaterThan(200);

    // Search by name: Enter jumps to the node and selects it.
    await page.getByTestId('graph-search').fill('p2o.Conv.17');
    await expect(page.getByTestId('search-hit').count()).resolves.toBe(1);
    await page.getByTestId('graph-search').press('Enter');
    await page.waitForSelector('[data-testid="graph-node"][data-id="p2o.Conv.17"][data-selected="true"]');
    await expect(page.getByTestId('inspector-title').textContent()).resolves.toBe('Conv');
    await expect(page.getByTestId('inspector').textContent()).resolves.toContain('group');
    await page.getByTestId('graph-search').fill('');

    // Pruning mode: a click on the Conv lights up its whole dependency group.
    await page.getByTestId('pruning-toggle').click();
    await page.locator('[data-testid="graph-node"][data-id="p2o.Conv.17"]').click();
    await page.waitForSelector(`[data-testid="group-details"][data-group-id="${group.id}"]`);
    await expect(page.getByTestId('group-highlight-count').textContent()).resolves.toBe(String(group.nodes.length));
    // One importance bar per channel class (L1 weight norm from the analysis).
    await expect(page.getByTestId('importance').isVisible()).resolves.toBe(true);
    await expect(page.getByTestId('importance-bar').count()).resolves.toBe(group.channels);
    await page.getByTestId('fit-view').click();
    await expect.poll(() => page.locator('[data-testid="graph-node"][data-highlighted="true"]').count()).toBe(group.nodes.length);
    const lit = await page.locator('[data-testid="graph-node"][data-highlighted="true"]').all();
    const ids = await Promise.all(lit.map((l) => l.getAttribute('data-id')));
    expect(new Set(ids)).toEqual(new Set(group.nodes));

    // Keyboard: Down follows an edge out of the Conv.
    await page.getByTestId('graph-canvas').focus();
    await page.keyboard.press('ArrowDown');
    await expect(page.getByTestId('inspector-title').textContent()).resolves.toBe('BatchNormalization');
    await page.keyboard.press('ArrowUp');
    await expect(page.getByTestId('inspector-title').textContent()).resolves.toBe('Conv');

    // 50 % of 88 channels leaves 44: the multiple-of-8 warning shows; the plan names the group.
    await page.getByTestId('group-ratio').fill('50');
    await page.waitForSelector('[data-testid="multiple-warning"]');
    await expect(page.locator('[data-testid="importance-bar"][data-removed="true"]').count()).resolves.toBe(Math.floor(group.channels / 2));
    const plan = JSON.parse((await page.getByTestId('plan-json').textContent()) ?? '') as { layerRatios?: Record<string, number> };
    expect(plan.layerRatios).toEqual({ [group.id]: 0.5 });

    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/projects/${projectId}/jobs`) && r.request().method() === 'POST'),
      page.getByTestId('launch-prune').click(),
    ]);
    expect(response.status()).toBe(201);
    const jobId = await page.getByTestId('launch-result').getAttribute('data-job-id');
    const job = await stack.client.waitForJob(jobId ?? '', 60_000);
    expect(job.status, JSON.stringify(job.error)).toBe('succeeded');
    expect(errors()).toEqual([]);
    await page.close();
  }, 180_000);

  it('opens a generated 10,000-node model without freezing the page, and cancels a full layout', async () => {
    const bytes = bigModel(2500);
    const { modelId, analyzeMs } = await uploadReady('graph 10k', bytes, 'chain-10k.onnx');

    const { page, errors } = await strictPage(browser);
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(`${stack.url}/#/`);
    await page.evaluate(WATCH_PAGE);
    const started = Date.now();
    await page.evaluate(`location.hash = '#/models/${modelId}'`);
    await canvasState(page, 'ready');
    const firstViewMs = Date.now() - started;
    const canvas = page.getByTestId('graph-canvas');
    const items = Number(await canvas.getAttribute('data-items'));
    const layoutMs = Number(await canvas.getAttribute('data-layout-ms'));
    const opening = await page.evaluate<Frames>(READ_FRAMES);
    expect(opening.progressSeen).toBe(true);
    // Collapsed: 100 stage blocks and the two ports, not 10,000 boxes.
    expect(items).toBe(102);
    expect(firstViewMs).toBeLessThan(60_000);

    // Expanding every block lays out all 10,000 nodes in the worker; the page keeps painting, and Cancel stops it.
    await page.evaluate(RESET_FRAMES);
    await page.getByTestId('expand-all').click();
    await page.waitForSelector('[data-testid="layout-progress"]');
    await expect.poll(async () => (await page.evaluate<Frames>(READ_FRAMES)).layoutFrames, { timeout: 20_000 }).toBeGreaterThan(60);
    const during = await page.evaluate<Frames>(READ_FRAMES);
    // Still laying out (a 10,000-box ELK layout takes far longer than 60 frames), and the page kept painting.
    await expect(page.getByTestId('layout-progress').isVisible()).resolves.toBe(true);
    await page.getByTestId('layout-cancel').click();
    await canvasState(page, 'error', 5_000);
    await expect(page.getByTestId('layout-stopped').textContent()).resolves.toContain('cancelled');
    process.stdout.write(
      `10k model: upload+analyze ${String(analyzeMs)} ms; first view ${String(firstViewMs)} ms (layout ${String(layoutMs)} ms, ${String(items)} boxes); ` +
        `opening: ${String(opening.count)} frames, longest gap ${opening.maxGap.toFixed(0)} ms overall, ${opening.layoutMaxGap.toFixed(0)} ms during layout; ` +
        `full 10k layout: ${String(during.layoutFrames)} frames, longest gap ${during.layoutMaxGap.toFixed(0)} ms before cancel\n`,
    );
    expect(opening.layoutMaxGap).toBeLessThan(GAP_BOUND_MS);
    expect(during.layoutMaxGap).toBeLessThan(GAP_BOUND_MS);

    expect(errors()).toEqual([]);
    await page.close();
  }, 240_000);
});
