import { describe, expect, it } from 'vitest';
import type { IrModel } from '../../src/ir/types.ts';
import { writeModel } from '../../src/onnx/codec.ts';
import { readModel } from '../../src/onnx/read.ts';
import { applyPruning } from '../../src/prune/apply-pruning.ts';
import type { PrunePlan } from '../../src/prune/plan-types.ts';
import { resolvePlan } from '../../src/prune/plan.ts';
import type { HostTensor } from '../../src/runtime/inference-runtime.ts';
import { inferShapes } from '../../src/shape/infer.ts';
import { fixtureFeeds } from '../fixtures/feeds.ts';
import { MODEL_FIXTURES } from '../fixtures/index.ts';
import { PADDLE_MODELS, readPaddleModel } from '../helpers/paddle-models.ts';
import { runBytes, seededInput } from '../helpers/run-model.ts';

/**
 * What `whittle prune --ratio` does, on every fixture family and every PaddleOCR model: resolve a plan (per-group
 * with round-to 8, and global), apply it, write and re-read the result, and run it in onnxruntime — the pruned model
 * is smaller, loads, keeps its output shapes, and its outputs are finite.
 */
interface Subject {
  readonly name: string;
  readonly model: IrModel;
  readonly feeds: Record<string, HostTensor>;
  readonly inputShapes: Record<string, readonly number[]>;
}

const subjects: Subject[] = [
  ...MODEL_FIXTURES.map((f) => ({
    name: f.name,
    model: f.build(),
    feeds: fixtureFeeds(f, 3),
    inputShapes: Object.fromEntries(f.inputs.map((i) => [i.name, i.dims])),
  })),
  ...PADDLE_MODELS.map((m) => {
    // Smaller than the shape-test sizes: this suite runs each model three times.
    const shape = m.id === 'det' ? [1, 3, 96, 96] : [1, 3, 48, 96];
    return { name: `PaddleOCR ${m.id}`, model: readModel(readPaddleModel(m.file)), feeds: { [m.input]: seededInput(shape, 3) }, inputShapes: { [m.input]: shape } };
  }),
];

const plans: readonly (readonly [string, PrunePlan])[] = [
  ['ratio 0.5, round-to 8', { version: 1, ratio: 0.5, roundTo: 8 }],
  ['global ratio 0.5', { version: 1, ratio: 0.5, global: true }],
];

describe.each(subjects.map((s) => [s.name, s] as const))('%s', (_name, subject) => {
  it.each(plans)('prunes with %s into a smaller model that onnxruntime runs', async (_plan, plan) => {
    const shapes = inferShapes(subject.model, { inputShapes: subject.inputShapes });
    const resolved = await resolvePlan(subject.model, plan, { shapes });
    expect(resolved.removals.length).toBeGreaterThan(0);
    const { model, report } = applyPruning(subject.model, resolved.removals, { shapes });
    expect(report.after.params).toBeLessThan(report.before.params);
    expect(report.after.bytes).toBeLessThan(report.before.bytes);
    const [original, pruned] = [await runBytes(writeModel(subject.model), subject.feeds), await runBytes(writeModel(readModel(writeModel(model))), subject.feeds)];
    for (const [name, out] of Object.entries(original)) {
      const p = pruned[name];
      expect(p?.dims, name).toEqual(out.dims);
      expect(Array.from(p?.data as Float32Array).every(Number.isFinite), `${name} finite`).toBe(true);
    }
  });
});
