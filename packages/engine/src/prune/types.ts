import type { IrModel } from '../ir/types.ts';
import type { GroupAnalysis } from '../groups/types.ts';
import type { ShapeInferenceResult } from '../shape/types.ts';

/** Channels to remove from one dependency group: indices into `DependencyGroup.channels`. */
export interface GroupRemoval {
  /** `DependencyGroup.id` (`value:axis` of the group's first source). */
  readonly group: string;
  readonly channels: readonly number[];
}

/** A residual block y = x + f(x) whose body f has one entry (x) and one exit; removing it leaves y = x. */
export interface ResidualBlock {
  /** Stable id: `block:` + the label of the residual Add. */
  readonly id: string;
  /** Label of the residual Add node. */
  readonly add: string;
  /** The skip value x. */
  readonly entry: string;
  /** Labels of the body's nodes, graph order. */
  readonly nodes: readonly string[];
  /** Parameters and MACs of the body (static estimates; MACs undefined when shapes are symbolic). */
  readonly params: number;
  readonly macs: number | undefined;
}

export interface ApplyPruningOptions {
  /** Groups of the model as given (default: built from `shapes`). Must describe the same model. */
  readonly analysis?: GroupAnalysis;
  /** Shapes of the model as given (default: `inferShapes(model)`). */
  readonly shapes?: ShapeInferenceResult;
  /** Residual blocks to drop whole (`ResidualBlock.id`), applied before channel removal. */
  readonly dropBlocks?: readonly string[];
  /** Fold each BatchNormalization that directly follows a Conv/Gemm into it after pruning. */
  readonly foldBatchNorm?: boolean;
}

/** Static figures of a model before or after a transform (estimates from the graph, not measurements). */
export interface ModelFigures {
  readonly params: number;
  /** Undefined when some node's MACs are unknown (symbolic shapes). */
  readonly macs: number | undefined;
  /** Bytes of all constant tensors. */
  readonly bytes: number;
  readonly nodes: number;
}

/** What a pruning transform did. Every figure is a static estimate; latency is measured elsewhere. */
export interface PruneReport {
  readonly before: ModelFigures;
  readonly after: ModelFigures;
  readonly groupsPruned: number;
  readonly channelsRemoved: number;
  readonly blocksDropped: readonly string[];
  /** Per pruned group: channel counts before and after. */
  readonly groups: readonly { readonly id: string; readonly channelsBefore: number; readonly channelsAfter: number }[];
  /** Labels of every node whose inputs, outputs, attributes or weights changed, or that was removed. */
  readonly nodesTouched: readonly string[];
  readonly foldedBatchNorms: number;
}

export interface PruneResult {
  readonly model: IrModel;
  readonly report: PruneReport;
}
