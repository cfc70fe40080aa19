import { describe, expect, it } from 'vitest';
import { buildRecipeJob, buildSingleStepJob } from './build-job.ts';
import { initialDraft, type BenchmarkDraft, type PruneDraft } from './step-kinds.ts';

const VARIANT = '0f8fad5b-d9cb-469f-a165-70867728950e';

function prune(changes: Partial<PruneDraft> = {}): PruneDraft {
  return { ...(initialDraft('prune') as PruneDraft), ...changes };
}

function benchmark(changes: Partial<BenchmarkDraft> = {}): BenchmarkDraft {
  return { ...(initialDraft('benchmark') as BenchmarkDraft), ...changes };
}

describe('step defaults', () => {
  it('come from the shared schemas', () => {
    expect(benchmark()).toMatchObject({ threads: '1', batchSizes: '1', warmupRuns: '5', minRuns: '20', maxRuns: '500', maxSecondsPerSeries: '20' });
    expect(prune()).toMatchObject({ ratio: '0.5', foldBatchNorm: false, criterion: '' });
  });
});

describe('buildRecipeJob', () => {
  it('builds a recipe body the shared schema accepts, with defaults filled', () => {
    const built = buildRecipeJob(VARIANT, [prune({ ratio: '0.3', criterion: 'l2', roundTo: '8', inputShapes: 'x=1,3,48,192' }), benchmark({ threads: '1, 2', inputShapes: 'x=1,3,48,192' })]);
    expect(built.ok).toBe(true);
    if (!built.ok) return;
    expect(built.body).toMatchObject({
      kind: 'recipe',
      params: {
        variantId: VARIANT,
        recipe: {
          version: 1,
          steps: [
            { kind: 'prune', plan: { version: 1, ratio: 0.3, criterion: 'l2', roundTo: 8 }, foldBatchNorm: false, inputShapes: { x: [1, 3, 48, 192] } },
            { kind: 'benchmark', threads: [1, 2], batchSizes: [1], warmupRuns: 5, minRuns: 20, maxRuns: 500, inputShapes: { x: [1, 3, 48, 192] } },
          ],
        },
      },
    });
  });

  it('reports errors per step: text that is no number, and values the schema refuses', () => {
    const built = buildRecipeJob(VARIANT, [prune({ ratio: '1.5' }), benchmark({ minRuns: '50', maxRuns: '10' }), benchmark({ threads: 'two' })]);
    expect(built.ok).toBe(false);
    if (built.ok) return;
    expect(built.stepErrors.get(0)?.join()).toMatch(/^plan\.ratio: /);
    expect(built.stepErrors.get(1)).toEqual(['minRuns: minRuns must not exceed maxRuns']);
    expect(built.stepErrors.get(2)).toEqual(["threads: 'two' is not a whole number"]);
  });

  it('refuses an empty recipe and an empty ratio', () => {
    expect(buildRecipeJob(VARIANT, [])).toMatchObject({ ok: false, errors: ['Add at least one step.'] });
    const built = buildRecipeJob(VARIANT, [prune({ ratio: ' ' })]);
    expect(built.ok ? [] : built.stepErrors.get(0)).toEqual(['ratio: give a fraction of channels to remove, e.g. 0.3']);
  });

  it('checks the source variant id with the shared schema', () => {
    expect(buildRecipeJob('nope', [prune()])).toMatchObject({ ok: false, errors: ['params.variantId: not a valid id'] });
  });
});

describe('buildSingleStepJob', () => {
  it('turns a step into a job of its own kind', () => {
    expect(buildSingleStepJob(VARIANT, prune({ global: true }))).toMatchObject({ ok: true, body: { kind: 'prune', params: { variantId: VARIANT, plan: { ratio: 0.5, global: true } } } });
    expect(buildSingleStepJob(VARIANT, benchmark({ batchSizes: '1 8' }))).toMatchObject({ ok: true, body: { kind: 'benchmark', params: { variantId: VARIANT, batchSizes: [1, 8] } } });
  });
});
