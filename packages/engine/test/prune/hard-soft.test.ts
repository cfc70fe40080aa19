/**
 * The pruning invariant with onnxruntime as the oracle (style-anchors §8.5): hard-pruned ≡ soft-pruned on seeded
 * inputs, for every fixture family, a Split/Concat/Flatten→Gemm model and the PaddleOCR det and cls models. Every prunable group is picked up from the
 * analysis, so groups that new prune handlers unblock are covered without touching this file.
 *
 * Two soft forms are checked (see `MaskScope`):
 * - every slice zeroed (Torch-Pruning's test_soft_pruning) — exact where the ops between members map 0 → 0, so it is
 *   asserted for those groups, and, separately, for the groups with a non-0 → 0 op whose output is annihilated by a
 *   product with a zeroed factor (SE gates HardSigmoid(·)·x, hard-swish x·clip(x + 3)/6, attention Softmax(·)·V);
 * - consumer slices zeroed — exact for every group whatever its ops, since removed channels are then simply unread;
 *   this is the documented alternative that covers every prunable group.
 */
import { describe, expect, it } from 'vitest';
import { buildDependencyGroups } from '../../src/groups/build-groups.ts';
import type { DependencyGroup, GroupAnalysis } from '../../src/groups/types.ts';
import type { IrModel } from '../../src/ir/types.ts';
import { writeModel } from '../../src/onnx/codec.ts';
import { readModel } from '../../src/onnx/read.ts';
import { applyPruning } from '../../src/prune/apply-pruning.ts';
import { maskPruning, type MaskScope } from '../../src/prune/mask.ts';
import type { HostTensor } from '../../src/runtime/inference-runtime.ts';
import { inferShapes, type ShapeInferenceDetail } from '../../src/shape/infer.ts';
import { fixtureFeeds } from '../fixtures/feeds.ts';
import { densenetFixture, mobilenetFixture, resnetFixture, transformerFixture, type ModelFixture } from '../fixtures/index.ts';
import { PADDLE_MODELS, readPaddleModel } from '../helpers/paddle-models.ts';
import { seededInput } from '../helpers/run-model.ts';
import { splitConcatFlatten } from './models.ts';
import { expectOutputsClose, nonZeroPreservingOps, prunableGroups, run, seededRemovals } from './support.ts';

interface Family {
  readonly name: string;
  readonly model: IrModel;
  readonly shapes: ShapeInferenceDetail;
  readonly feeds: Record<string, HostTensor>;
  /** Prunable groups this family must have at least (guards against a handler regression blocking them). */
  readonly minGroups: number;
}

function fromFixture(fixture: ModelFixture, minGroups: number): () => Family {
  return () => {
    const model = fixture.build();
    const inputShapes = Object.fromEntries(fixture.inputs.map((i) => [i.name, i.dims]));
    return { name: fixture.name, model, shapes: inferShapes(model, { inputShapes }), feeds: fixtureFeeds(fixture, 9), minGroups };
  };
}

/** A hand-built model of `models.ts` whose inputs are all concrete. */
function fromModel(name: string, build: () => IrModel, minGroups: number): () => Family {
  return () => {
    const model = build();
    const feeds = Object.fromEntries(
      model.graph.inputs.map((input, i) => {
        const shape = input.type?.kind === 'tensor' ? input.type.shape : undefined;
        return [input.name, seededInput((shape ?? []).map((d) => (typeof d === 'number' ? d : 1)), 9 + i)];
      }),
    );
    return { name, model, shapes: inferShapes(model), feeds, minGroups };
  };
}

function fromPaddle(id: 'det' | 'cls', minGroups: number): () => Family {
  return () => {
    const spec = PADDLE_MODELS.find((m) => m.id === id);
    if (spec === undefined) throw new Error(`No PaddleOCR model '${id}'.`);
    const model = readModel(readPaddleModel(spec.file));
    const shapes = inferShapes(model, { inputShapes: { [spec.input]: spec.shape } });
    return { name: `PaddleOCR ${id}`, model, shapes, feeds: { [spec.input]: seededInput(spec.shape, 9) }, minGroups };
  };
}

const FAMILIES = [
  fromFixture(resnetFixture, 6),
  fromFixture(mobilenetFixture, 9),
  fromFixture(densenetFixture, 2),
  fromFixture(transformerFixture, 2),
  fromModel('split → concat → flatten → gemm', splitConcatFlatten, 1),
  fromPaddle('det', 30),
  fromPaddle('cls', 20),
];

/** Runs hard pruning and the soft form `zero` of the same removals and compares every output. */
async function expectHardEqualsSoft(family: Family, analysis: GroupAnalysis, groups: readonly DependencyGroup[], zero: MaskScope): Promise<void> {
  const removals = seededRemovals(groups, 17);
  const hard = applyPruning(family.model, removals, { analysis, shapes: family.shapes });
  expect(hard.report.groupsPruned).toBe(groups.length);
  expect(hard.report.after.params).toBeLessThan(hard.report.before.params);
  expect(hard.report.after.bytes).toBeLessThan(hard.report.before.bytes);
  expect(hard.report.after.macs).toBeLessThan(hard.report.before.macs ?? 0);
  const reread = readModel(writeModel(hard.model));
  const soft = maskPruning(family.model, removals, { analysis, zero });
  expectOutputsClose(await run(reread, family.feeds), await run(soft, family.feeds));
}

describe.each(FAMILIES.map((make) => ({ make, name: make().name })))('hard ≡ soft pruning: $name', ({ make }) => {
  const family = make();
  const analysis = buildDependencyGroups(family.model, { shapes: family.shapes });
  const groups = prunableGroups(analysis);
  const exact = groups.filter((g) => nonZeroPreservingOps(family.model, g).length === 0);
  const gated = groups.filter((g) => nonZeroPreservingOps(family.model, g).length > 0);
  const gatedOps = [...new Set(gated.flatMap((g) => nonZeroPreservingOps(family.model, g)))].sort();

  it(`has at least ${String(family.minGroups)} prunable groups (${String(groups.length)} found)`, () => {
    expect(groups.length).toBeGreaterThanOrEqual(family.minGroups);
  });

  it(`every slice zeroed: equal for the ${String(exact.length)} groups whose ops map 0 → 0`, async () => {
    if (exact.length > 0) await expectHardEqualsSoft(family, analysis, exact, 'group');
  });

  it(`every slice zeroed: equal for the ${String(gated.length)} groups with non-0 → 0 ops [${gatedOps.join(', ')}], which a zeroed factor annihilates`, async () => {
    if (gated.length > 0) await expectHardEqualsSoft(family, analysis, gated, 'group');
  });

  it(`consumer slices zeroed: equal for all ${String(groups.length)} prunable groups`, async () => {
    await expectHardEqualsSoft(family, analysis, groups, 'consumers');
  });
});
