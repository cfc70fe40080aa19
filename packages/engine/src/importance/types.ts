/**
 * Channel importance as a strategy (Torch-Pruning's `Importance.__call__`, style-anchors §8.4): a function from a
 * dependency group to one score per channel class. Higher means more important; plans remove the lowest first.
 */
import type { DependencyGroup } from '../groups/types.ts';
import type { GraphIndex } from '../ir/graph-index.ts';
import type { IrModel, IrNode } from '../ir/types.ts';
import type { HostTensor, InferenceRuntime } from '../runtime/inference-runtime.ts';

/**
 * Batches of model inputs for data-driven importance (input name → tensor; the first axis is the batch).
 * @public
 */
export interface CalibrationSource {
  /** What the batches are, for reports: `3 NPY files (96 samples)`, `seeded random inputs (seed 0, …)`. */
  readonly label: string;
  /** True when the batches are synthetic (seeded random), not real data. */
  readonly synthetic: boolean;
  batches(): AsyncIterable<Readonly<Record<string, HostTensor>>>;
}

/**
 * What an importance strategy may read. Built once per model by `createImportanceContext`, shared by every group.
 * @public
 */
export interface ImportanceContext {
  readonly model: IrModel;
  /** Producers, consumers and constants (initializers and Constant-node values) of the main graph. */
  readonly index: GraphIndex;
  /** Node label → node, for strategies that look at the op behind a weight slice. */
  readonly nodes: ReadonlyMap<string, IrNode>;
  /** Every group of the model, so data-driven strategies can collect what all groups need in one pass. */
  readonly groups: readonly DependencyGroup[];
  /** Seed of the `random` strategy and of synthetic calibration inputs. */
  readonly seed: number;
  /** Runs calibration batches (`activation`); strategies that need it fail with a clear error when absent. */
  readonly runtime: InferenceRuntime | undefined;
  /** Calibration batches (`activation`); undefined means seeded random inputs, labelled as such. */
  readonly calibration: CalibrationSource | undefined;
  /** Concrete input dims for synthetic calibration (input name → dims); symbolic dims are filled otherwise. */
  readonly inputShapes: Readonly<Record<string, readonly number[]>>;
  readonly signal: { readonly aborted: boolean } | undefined;
  /**
   * Records a remark for the report. Remarks with the same `message` are merged, listing their `subject`s (group ids),
   * so a fallback taken by forty groups reads as one line.
   */
  note(message: string, subject?: string): void;
}

/**
 * Scores the channel classes of `group`: element c is the importance of `group.channels[c]`.
 * Pre-condition: the group is prunable (`channels` non-empty). Post-condition: the result has `channels.length`
 * finite, non-negative entries.
 * @public
 */
export type Importance = (group: DependencyGroup, ctx: ImportanceContext) => Float64Array | Promise<Float64Array>;
