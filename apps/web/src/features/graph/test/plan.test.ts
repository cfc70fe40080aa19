import { prunePlanSchema } from '@whittle/shared';
import { describe, expect, it } from 'vitest';
import { roundRemoval } from '@whittle/engine';
import { buildPlan, EMPTY_SELECTION, fallsOffMultiple, groupOutcomes, paramsRemovedEstimate, selectionIsEmpty } from '../pruning/plan.ts';
import { groupsReport } from './fixture.ts';

const report = groupsReport();

describe('prune plan building', () => {
  it('one global ratio becomes `ratio`, pinned to the model fingerprint, and passes the shared schema', () => {
    const plan = buildPlan(report, { ...EMPTY_SELECTION, globalRatio: 0.25 });
    expect(plan).toEqual({ version: 1, model: { fingerprint: 'fnv1a64:0123456789abcdef' }, ratio: 0.25 });
    expect(prunePlanSchema.safeParse(plan).success).toBe(true);
  });

  it('a per-group ratio switches to `layerRatios` for prunable groups only, with protect, dropBlocks and roundTo', () => {
    const plan = buildPlan(report, {
      globalRatio: 0.1,
      groupRatios: new Map([['conv0:1', 0.5], ['mm:1', 0.5]]),
      protect: new Set(['relu9']),
      dropBlocks: new Set(['block:add0']),
      roundTo8: true,
    });
    expect(plan).toEqual({
      version: 1,
      model: { fingerprint: 'fnv1a64:0123456789abcdef' },
      roundTo: 8,
      protect: ['relu9'],
      dropBlocks: ['block:add0'],
      layerRatios: { 'conv0:1': 0.5 },
    });
    expect(prunePlanSchema.safeParse(plan).success).toBe(true);
  });

  it('per-group ratios that are all zero fall back to ratio 0 (still a valid plan)', () => {
    const selection = { ...EMPTY_SELECTION, groupRatios: new Map([['conv0:1', 0]]), dropBlocks: new Set(['block:add0']) };
    expect(buildPlan(report, selection)).toMatchObject({ ratio: 0, dropBlocks: ['block:add0'] });
    expect(selectionIsEmpty(selection)).toBe(false);
    expect(selectionIsEmpty(EMPTY_SELECTION)).toBe(true);
  });

  it('leaves the fingerprint out when the report has none in the plan format', () => {
    expect(buildPlan({ ...report, fingerprint: 'sha256:abc' }, { ...EMPTY_SELECTION, globalRatio: 0.2 })).toEqual({ version: 1, ratio: 0.2 });
  });
});

describe('channel counts and estimates', () => {
  it('rounds like the engine: keep ≥ 1, kept count up to a multiple of roundTo', () => {
    expect(roundRemoval(64, 20, undefined)).toBe(20);
    expect(roundRemoval(64, 20, 8)).toBe(16);
    expect(roundRemoval(8, 8, undefined)).toBe(7);
    expect(roundRemoval(6, 3, 8)).toBe(0);
  });

  it('reports before/after per group and warns when a count falls off a multiple of 8', () => {
    const [conv, mm] = groupOutcomes(report, { ...EMPTY_SELECTION, globalRatio: 0.3 });
    expect(conv).toMatchObject({ id: 'conv0:1', before: 64, after: 45, skipped: null, offMultiple: true });
    expect(mm).toMatchObject({ id: 'mm:1', after: 10, skipped: 'blocked', offMultiple: false });
    const [rounded] = groupOutcomes(report, { ...EMPTY_SELECTION, globalRatio: 0.3, roundTo8: true });
    expect(rounded).toMatchObject({ after: 48, offMultiple: false });
  });

  it('skips protected groups', () => {
    const [conv] = groupOutcomes(report, { ...EMPTY_SELECTION, globalRatio: 0.5, protect: new Set(['relu0']) });
    expect(conv).toMatchObject({ skipped: 'protected', after: 64 });
  });

  it('multiple-of-8 rule', () => {
    expect(fallsOffMultiple(64, 48)).toBe(false);
    expect(fallsOffMultiple(64, 45)).toBe(true);
    expect(fallsOffMultiple(22, 22)).toBe(false);
    expect(fallsOffMultiple(22, 11)).toBe(true);
  });

  it('estimates parameters removed from the weight slices and dropped blocks', () => {
    const selection = { ...EMPTY_SELECTION, globalRatio: 0.25, dropBlocks: new Set(['block:add0']) };
    const outcomes = groupOutcomes(report, selection);
    const shapes: Record<string, number[]> = { w0: [64, 3, 3, 3], w1: [32, 64, 1, 1] };
    // 16 of 64 channels: a quarter of w0 (1728) and of w1 (2048), plus the block's 500.
    expect(paramsRemovedEstimate(report, outcomes, selection, (v) => shapes[v])).toBe(432 + 512 + 500);
  });
});
