import { channelImportanceSchema, groupsReportSchema, type GroupsReport } from '@whittle/shared';
import { describe, expect, it } from 'vitest';
import { importanceBars, removedChannels, selectionRemoves } from '../pruning/importance.ts';
import { EMPTY_SELECTION } from '../pruning/plan.ts';
import { groupsReport } from './fixture.ts';

// 8 channels; channels 2 and 5 tie at 0.1, so the tie goes by index as in the engine's plan resolver.
const scores = [0.9, 0.3, 0.1, 1, 0.5, 0.1, 0.7, 0.2];
const importance = channelImportanceSchema.parse({ criterion: 'l1', scores });

/** The fixture's 64-channel Conv group with scores 0, 1/63, …, 1 reversed (channel 63 least important). */
function scoredReport(): GroupsReport {
  const base = groupsReport();
  const scored = Array.from({ length: 64 }, (_, i) => (63 - i) / 63);
  return groupsReportSchema.parse({ ...base, groups: base.groups.map((g) => (g.id === 'conv0:1' ? { ...g, importance: { criterion: 'l1', scores: scored } } : g)) });
}

describe('channel importance bars', () => {
  it('removes the ⌊ratio × n⌋ lowest scores, ties by index', () => {
    expect([...removedChannels(importance, 0.5, undefined)].sort((a, b) => a - b)).toEqual([1, 2, 5, 7]);
    expect([...removedChannels(importance, 0.25, undefined)].sort((a, b) => a - b)).toEqual([2, 5]);
    expect([...removedChannels(importance, 0.13, undefined)]).toEqual([2]);
    expect(removedChannels(importance, 0, undefined).size).toBe(0);
    // Never every channel: 95 % of 8 asks for 7, and 7 go.
    expect(removedChannels(importance, 0.95, undefined).size).toBe(7);
  });

  it('applies the ratio per part when a Concat merges source layers, and rounds the kept count', () => {
    const parted = channelImportanceSchema.parse({ criterion: 'l1', scores, parts: [[0, 1, 2, 3], [4, 5, 6, 7]] });
    expect([...removedChannels(parted, 0.5, undefined)].sort((a, b) => a - b)).toEqual([1, 2, 5, 7]);
    expect([...removedChannels(parted, 0.25, undefined)].sort((a, b) => a - b)).toEqual([2, 5]);
    // roundTo 8 on 8 channels: the kept count cannot drop below 8, so nothing goes.
    expect(removedChannels(importance, 0.5, 8).size).toBe(0);
  });

  it('lists bars lowest first or by channel index, marking the removed ones', () => {
    const removed = removedChannels(importance, 0.25, undefined);
    const sorted = importanceBars(importance, removed, 'sorted');
    expect(sorted.map((b) => b.channel)).toEqual([2, 5, 7, 1, 4, 6, 0, 3]);
    expect(sorted.filter((b) => b.removed).map((b) => b.channel)).toEqual([2, 5]);
    const byIndex = importanceBars(importance, removed, 'index');
    expect(byIndex.map((b) => b.score)).toEqual(scores);
    expect(byIndex.map((b) => b.removed)).toEqual([false, false, true, false, false, true, false, false]);
  });

  it('follows the selection: group ratio over global, roundTo 8, and nothing for protected or blocked groups', () => {
    const report = scoredReport();
    expect(selectionRemoves(report, EMPTY_SELECTION, 'conv0:1').size).toBe(0);
    const half = selectionRemoves(report, { ...EMPTY_SELECTION, globalRatio: 0.1, groupRatios: new Map([['conv0:1', 0.5]]) }, 'conv0:1');
    expect([...half].sort((a, b) => a - b)).toEqual(Array.from({ length: 32 }, (_, i) => 32 + i));
    // 30 % of 64 asks for 19; roundTo 8 keeps 48, so 16 go.
    expect(selectionRemoves(report, { ...EMPTY_SELECTION, globalRatio: 0.3, roundTo8: true }, 'conv0:1').size).toBe(16);
    expect(selectionRemoves(report, { ...EMPTY_SELECTION, globalRatio: 0.5, protect: new Set(['relu0']) }, 'conv0:1').size).toBe(0);
    expect(selectionRemoves(report, { ...EMPTY_SELECTION, globalRatio: 0.5 }, 'mm:1').size).toBe(0);
  });
});
