import { describe, expect, it } from 'vitest';
import { readModel } from '@whittle/engine';
import { recipeSchema } from '@whittle/shared';
import { recipeRunReportSchema, runRecipe, type RecipeStepReport } from '@whittle/pipeline';
import { resnetStyleBytes } from './helpers/small-models.ts';

describe('runRecipe', () => {
  it('runs prune → benchmark → prune in order, each step on the previous step’s model', async () => {
    const recipe = recipeSchema.parse({
      version: 1,
      name: 'slim',
      steps: [
        { kind: 'prune', plan: { version: 1, ratio: 0.25 } },
        { kind: 'benchmark', minRuns: 3, maxRuns: 6, warmupRuns: 1 },
        { kind: 'prune', plan: { version: 1, ratio: 0.5 }, foldBatchNorm: true },
      ],
    });
    const seen: [RecipeStepReport, Uint8Array | undefined][] = [];
    const fractions: number[] = [];
    const report = await runRecipe(resnetStyleBytes(16, 'N'), recipe, {
      fileName: 'net.onnx',
      onStep: (step, bytes) => {
        seen.push([step, bytes]);
      },
      progress: (f) => fractions.push(f),
    });
    expect(recipeRunReportSchema.parse(report)).toEqual(report);
    expect(report.recipe).toBe('slim');
    expect(report.steps.map((s) => s.kind)).toEqual(['prune', 'benchmark', 'prune']);
    const [first, bench, last] = report.steps;
    if (first?.kind !== 'prune' || bench?.kind !== 'benchmark' || last?.kind !== 'prune') throw new Error('unexpected step kinds');
    expect([first.report.file, first.output]).toEqual(['net.onnx', 'step-1.onnx']);
    expect(bench.model).toBe('step-1.onnx');
    expect(bench.results.series[0]?.runs).toBeLessThanOrEqual(6);
    expect([last.report.file, last.output, last.report.output]).toEqual(['step-1.onnx', 'step-3.onnx', 'step-3.onnx']);
    expect(last.metrics.params).toBeLessThan(first.metrics.params);
    expect(last.report.foldedBatchNorms).toBeGreaterThan(0);
    expect(seen.map(([s, b]) => [s.step, b === undefined])).toEqual([[1, false], [2, true], [3, false]]);
    const lastBytes = seen[2]?.[1];
    expect(lastBytes && readModel(lastBytes).graph.nodes.some((n) => n.opType === 'BatchNormalization')).toBe(false);
    expect(fractions.at(-1)).toBe(1);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
  });
});
