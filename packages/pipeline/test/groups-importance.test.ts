import { describe, expect, it } from 'vitest';
import { inferShapes, readModel, resolvePlan } from '@whittle/engine';
import { groupsReportSchema } from '@whittle/shared';
import { groupsReportOf } from '@whittle/pipeline';
import { PADDLE_MODELS, readPaddleModel } from './helpers/paddle-models.ts';

const CLS = PADDLE_MODELS.find((m) => m.id === 'cls')?.file ?? '';

/** The ⌊ratio × n⌋ lowest-scored channels of each part, ties by index: the removal rule the web app draws. */
function lowestPerPart(scores: readonly number[], parts: readonly (readonly number[])[], ratio: number): number[] {
  return parts
    .flatMap((part) => {
      const k = Math.min(Math.floor(ratio * part.length + 1e-9), part.length - 1);
      return [...part].sort((a, b) => (scores[a] ?? 0) - (scores[b] ?? 0) || a - b).slice(0, k);
    })
    .sort((a, b) => a - b);
}

describe('groups report channel importance', () => {
  const model = readModel(readPaddleModel(CLS));
  const shapes = inferShapes(model, { inputShapes: {} });
  const report = groupsReportSchema.parse(groupsReportOf(CLS, model, shapes, {}));

  it('scores every channel of every prunable group (max 1) and no blocked group', () => {
    for (const g of report.groups) {
      if (!g.prunable) {
        expect(g.importance, g.id).toBeUndefined();
        continue;
      }
      expect(g.importance?.criterion).toBe('l1');
      expect(g.importance?.scores, g.id).toHaveLength(g.channels);
      expect(Math.max(...(g.importance?.scores ?? []))).toBe(1);
    }
    expect(report.groups.filter((g) => g.importance !== undefined)).toHaveLength(report.summary.prunable);
  });

  it('ranks as the l1 criterion does: a 0.5 plan removes the lowest-scored half of each group', async () => {
    const resolved = await resolvePlan(model, { version: 1, ratio: 0.5, criterion: 'l1' }, { shapes });
    const removed = new Map(resolved.removals.map((r) => [r.group, [...r.channels]]));
    let checked = 0;
    for (const g of report.groups) {
      if (g.importance === undefined || g.channels < 2) continue;
      const parts = g.importance.parts ?? [Array.from({ length: g.channels }, (_, i) => i)];
      expect(removed.get(g.id) ?? [], g.id).toEqual(lowestPerPart(g.importance.scores, parts, 0.5));
      checked++;
    }
    expect(checked).toBeGreaterThan(10);
  });
});
