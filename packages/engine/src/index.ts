/**
 * @whittle/engine — Whittle's platform-free ONNX engine. Runs in Node and in the browser; platform services come in
 * through interfaces (`InferenceRuntime`, `ByteSource`). Adapters live in subpath exports (`@whittle/engine/ort-node`).
 * @packageDocumentation
 */
export * from './errors.ts';

// IR
export * from './ir/types.ts';
export * from './ir/dtype.ts';
export * from './ir/tensor.ts';
export * from './ir/attributes.ts';
export * from './ir/graph-index.ts';
export * from './ir/utf8.ts';
export { GraphBuilder, float, makeAttribute } from './ir/builder.ts';
export type { AttrInput, DTypeLike, FloatAttr, ModelOptions, NodeOptions } from './ir/builder.ts';

// ONNX codec
export { decodeModelProto, PROTO_RECURSION_LIMIT } from './onnx/decode.ts';
export { encodeModelProto, writeModel } from './onnx/codec.ts';
export { modelFromProto } from './onnx/proto-to-ir.ts';
export { modelToProto } from './onnx/ir-to-proto.ts';
export { readModel } from './onnx/read.ts';
export type { ReadModelOptions } from './onnx/read.ts';
export * from './onnx/external-data.ts';

// Validation
export * from './validate/limits.ts';
export { checkModelProto } from './validate/check-proto.ts';
export { checkModel } from './validate/check-model.ts';
export { checkExternalLocation } from './validate/external-location.ts';

// Ops, shapes, cost, view
export * from './ops/registry.ts';
export * from './shape/types.ts';
export { inferShapes } from './shape/infer.ts';
export type { InferShapesRunOptions, ShapeInferenceDetail } from './shape/infer.ts';
export { defineShapeHandler, fail as failShape, tensorOut } from './shape/handler.ts';
export type { ShapeContext, ShapeHandler, ShapeHandlerSpec, ShapeOutput } from './shape/handler.ts';
export type { KnownValue } from './shape/known-value.ts';
export { DimAlgebra } from './shape/dim-algebra.ts';
export * from './cost/types.ts';
export { computeCost } from './cost/cost-model.ts';
export { COST_HANDLERS, costRuleTable, registerCostHandlers } from './cost/cost-handlers.ts';
export { nodeScope, ROOT_SCOPE } from './cost/scope.ts';
export * from './view/graph-view.ts';
export { toGraphView } from './view/to-graph-view.ts';

// Registries (the one place handlers are registered)
export { SHAPE_HANDLERS, createCostRegistry, createShapeRegistry, defaultCostRegistry, defaultShapeRegistry } from './register-all.ts';

// Runtime
export * from './runtime/inference-runtime.ts';
export { withExtraOutputs } from './runtime/extra-outputs.ts';

// Structural pruning: importance strategies, plans, fingerprints, calibration data (W2)
export { modelFingerprint } from './ir/fingerprint.ts';
export type { ModelFingerprint } from './ir/fingerprint.ts';
export * from './importance/types.ts';
export { IMPORTANCE, PRUNE_CRITERIA, importanceByName } from './importance/registry.ts';
export type { ImportanceName, PruneCriterion } from './importance/registry.ts';
export { createImportanceContext } from './importance/context.ts';
export { l1Scores } from './importance/l1.ts';
export type { ImportanceContextOptions, ImportanceSession } from './importance/context.ts';
export { concreteInputDims, feedInputs, npyCalibration, randomCalibration } from './importance/calibration.ts';
export type { ConcreteInputs, InputFill, NamedArray, NpyCalibrationOptions, RandomCalibrationOptions } from './importance/calibration.ts';
export { readNpy } from './data/npy.ts';
export { sniffModelBytes } from './onnx/sniff.ts';
export { deriveSeed, seededFloats, seededRandom } from './importance/seeded-random.ts';
export type { NpyArray, NpyDtype, ReadNpyOptions } from './data/npy.ts';
export type { PlanGroupEntry, PrunePlan, ResolvedPlan } from './prune/plan-types.ts';
export { checkPlanShape, lowestAtRatio, removalAtRatio, resolvePlan, roundRemoval } from './prune/plan.ts';
export { sourcePartitions } from './prune/source-partitions.ts';
export type { ResolvePlanContext } from './prune/plan.ts';

// Dependency groups and hard pruning (W2; the entry points the CLI and the worker call)
export { buildDependencyGroups, keptIndices } from './groups/build-groups.ts';
export type { BuildGroupsOptions } from './groups/build-groups.ts';
export type { ChannelClass, DependencyGroup, DimRef, GroupAnalysis, GroupBlock, GroupMember, IndexMap, ParamSlice } from './groups/types.ts';
export { applyPruning } from './prune/apply-pruning.ts';
export { findResidualBlocks, removeBlocks } from './prune/residual-blocks.ts';
export { maskPruning } from './prune/mask.ts';
export type { MaskPruningOptions } from './prune/mask.ts';
export { foldBatchNorms } from './prune/fold-batch-norm.ts';
export { PRUNE_HANDLERS, createPruneRegistry, defaultPruneRegistry } from './register-all.ts';
export { definePruneHandler } from './groups/types.ts';
export type { CoupleContext, PruneHandler, PruneHandlerSpec, RewriteContext } from './groups/types.ts';
export type { ApplyPruningOptions, GroupRemoval, ModelFigures, PruneReport, PruneResult, ResidualBlock } from './prune/types.ts';
export { median, nearestRank, summarize, windowsAgree, windowSize } from './bench/statistics.ts';
export type { LatencySummary } from './bench/statistics.ts';
