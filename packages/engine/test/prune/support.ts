/**
 * Shared pieces of the pruning tests: seeded removals for every prunable group, running models in onnxruntime, and
 * the classification of groups whose ops between members do not map 0 → 0.
 */
import { expect } from 'vitest';
import { keptIndices } from '../../src/groups/build-groups.ts';
import type { DependencyGroup, GroupAnalysis } from '../../src/groups/types.ts';
import { nodeLabel } from '../../src/ir/attributes.ts';
import { indexGraph } from '../../src/ir/graph-index.ts';
import { readAsFloat32 } from '../../src/ir/tensor.ts';
import type { IrModel, IrNode } from '../../src/ir/types.ts';
import { writeModel } from '../../src/onnx/codec.ts';
import type { GroupRemoval } from '../../src/prune/types.ts';
import type { HostTensor } from '../../src/runtime/inference-runtime.ts';
import { expectTensorsClose } from '../helpers/expect-tensors-close.ts';
import { runBytes } from '../helpers/run-model.ts';
import { seededRandom } from '../helpers/seeded.ts';
import { TOLERANCE } from '../helpers/tolerance.ts';

/** Groups that can lose a channel: no block and at least two channels. */
export function prunableGroups(analysis: GroupAnalysis): DependencyGroup[] {
  return analysis.groups.filter((g) => g.blocks.length === 0 && g.channels.length >= 2);
}

/** Whether removing `removed` leaves every member dim of `group` at least one index. */
function keepsEveryMember(group: DependencyGroup, removed: ReadonlySet<number>): boolean {
  return [...keptIndices(group, removed).values()].every((kept) => kept.length > 0);
}

/**
 * For each group, a seeded choice of 30–50 % of its channels (at least one, never all), drawn without replacement;
 * a drawn channel is skipped when it would leave some member dim (a Split part, a Concat input) with no index.
 * Deterministic for a given seed and group order.
 */
export function seededRemovals(groups: readonly DependencyGroup[], seed: number): GroupRemoval[] {
  const next = seededRandom(seed);
  return groups.map((g) => {
    const n = g.channels.length;
    const fraction = 0.3 + 0.2 * next();
    const count = Math.min(n - 1, Math.max(1, Math.round(n * fraction)));
    const pool = Array.from({ length: n }, (_, i) => i);
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [pool[i], pool[j]] = [pool[j] ?? 0, pool[i] ?? 0];
    }
    const removed = new Set<number>();
    for (const c of pool) {
      if (removed.size === count) break;
      removed.add(c);
      if (!keepsEveryMember(g, removed)) removed.delete(c);
    }
    return { group: g.id, channels: [...removed].sort((a, b) => a - b) };
  });
}

/** Runs a model in onnxruntime-node (1 thread, no graph optimization). */
export async function run(model: IrModel, feeds: Readonly<Record<string, HostTensor>>): Promise<Record<string, HostTensor>> {
  return runBytes(writeModel(model), feeds);
}

/** Asserts every output of `actual` is close to the same output of `expected` (float32 CPU tolerance). */
export function expectOutputsClose(actual: Record<string, HostTensor>, expected: Record<string, HostTensor>): void {
  expect(Object.keys(actual).sort()).toEqual(Object.keys(expected).sort());
  for (const [name, tensor] of Object.entries(expected)) {
    const got = actual[name];
    if (got === undefined) throw new Error(`Output '${name}' is missing.`);
    try {
      expectTensorsClose(got, tensor, TOLERANCE.float32.cpu);
    } catch (error) {
      throw new Error(`Output '${name}': ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
  }
}

/**
 * Ops that never map 0 → 0 (f(0) ≠ 0), or that mix a channel with the others without a weight. With every slice of a
 * group zeroed, a removed channel can carry a non-zero value past them, so full soft pruning may differ from hard
 * pruning; zeroing only the consumer slices (`maskPruning(…, { zero: 'consumers' })`) is the exact reference then.
 */
const NEVER_ZERO_PRESERVING: ReadonlySet<string> = new Set([
  'Sigmoid', 'HardSigmoid', 'Exp', 'Cos', 'Log', 'Reciprocal', 'Softplus', 'Softmax', 'LogSoftmax', 'LayerNormalization',
  'GroupNormalization', 'LpNormalization', 'Not', 'Equal', 'Greater', 'Less', 'GreaterOrEqual', 'LessOrEqual',
]);

/** Ops where an operand that is neither a member nor a zeroed slice (`x + 3`, `x - mean`) breaks 0 → 0. */
const OFFSET_OPS: ReadonlySet<string> = new Set(['Add', 'Sub', 'Sum', 'Max', 'Min', 'Mean']);

/**
 * Why a node of `group` may not map a zeroed channel to 0, or undefined when it does: ops in
 * `NEVER_ZERO_PRESERVING`, `Div` by a computed value, `Pow` without a positive constant exponent, `Clip` whose range
 * excludes 0, and Add-like ops with a constant operand the mask does not zero (a broadcast scalar such as the 3 of
 * hard-swish `x·clip(x + 3, 0, 6)/6`).
 */
function nonZeroReason(model: IrModel, group: DependencyGroup, node: IrNode): string | undefined {
  const constants = indexGraph(model.graph).constants;
  const label = nodeLabel(node);
  const zeroed = new Set(group.params.filter((p) => p.node === label).map((p) => p.tensor));
  const constantValues = (i: number): number[] | undefined => {
    const t = constants.get(node.inputs[i] ?? '');
    return t === undefined ? undefined : Array.from(readAsFloat32(t));
  };
  if (NEVER_ZERO_PRESERVING.has(node.opType)) return node.opType;
  if (node.opType === 'Div' && !constants.has(node.inputs[1] ?? '')) return 'Div by a computed value';
  if (node.opType === 'Pow' && !(constantValues(1)?.every((v) => v > 0) ?? false)) return 'Pow';
  if (node.opType === 'Clip' && ((constantValues(1)?.[0] ?? 0) > 0 || (constantValues(2)?.[0] ?? 0) < 0)) return 'Clip excluding 0';
  if (OFFSET_OPS.has(node.opType) && node.inputs.some((i) => constants.has(i) && !zeroed.has(i))) return `${node.opType} of a constant`;
  return undefined;
}

/** The reasons (sorted, distinct) why full soft pruning of `group` may not be exact; empty when it is. */
export function nonZeroPreservingOps(model: IrModel, group: DependencyGroup): string[] {
  const labels = new Set(group.nodes);
  const reasons = model.graph.nodes.filter((n) => labels.has(nodeLabel(n))).map((n) => nonZeroReason(model, group, n));
  return [...new Set(reasons.filter((r): r is string => r !== undefined))].sort();
}
