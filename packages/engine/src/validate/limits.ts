/**
 * Static limits checked before anything large is allocated (DESIGN.md §8, reliability catalogue rows 20–39).
 * Generous for real models (the largest PaddleOCR model has 765 nodes), tight enough that a crafted file is
 * refused in milliseconds. Callers may tighten or loosen any of them.
 * @public
 */
export interface ModelLimits {
  /** Nodes across the main graph, all subgraphs and all functions. */
  readonly maxNodes: number;
  /**
   * Values defined across all graphs and functions: graph and function inputs, initializers and node outputs (graph
   * outputs and value_info only name these again).
   */
  readonly maxValues: number;
  /** Initializers + Constant tensors + attribute tensors. */
  readonly maxTensors: number;
  /** Elements of any one tensor (BigInt-checked). */
  readonly maxTensorElements: bigint;
  /** Bytes of any one tensor's data. */
  readonly maxTensorBytes: bigint;
  /** Bytes of all tensors together (inline and external). */
  readonly maxTotalTensorBytes: bigint;
  /** Rank of any tensor or value shape. */
  readonly maxRank: number;
  /** Subgraph nesting (If/Loop/Scan bodies inside bodies). */
  readonly maxGraphDepth: number;
  /** Attributes on one node, inputs or outputs of one node. */
  readonly maxNodeArity: number;
  /** Bytes of a name (node, value, tensor, attribute, op type, domain). */
  readonly maxNameBytes: number;
  /** Bytes of a doc string or a metadata value. */
  readonly maxDocBytes: number;
  /** metadata_props entries per object. */
  readonly maxMetadataEntries: number;
  /** Model-local functions. */
  readonly maxFunctions: number;
  /** Elements in one INTS/FLOATS/STRINGS attribute. */
  readonly maxAttributeElements: number;
  /**
   * Length of the longest chain of model-local function calls (F calls G calls H ...). Functions are a flat list
   * in the file, so protobuf nesting limits never see such a chain (catalogue row 35).
   */
  readonly maxFunctionCallDepth: number;
}

/** The limits `readModel` applies unless the caller overrides some. @public */
export const DEFAULT_LIMITS: ModelLimits = {
  maxNodes: 200_000,
  maxValues: 1_000_000,
  maxTensors: 500_000,
  maxTensorElements: 1n << 31n,
  maxTensorBytes: 4n << 30n,
  maxTotalTensorBytes: 32n << 30n,
  maxRank: 16,
  maxGraphDepth: 16,
  maxNodeArity: 4_096,
  maxNameBytes: 4_096,
  maxDocBytes: 1 << 20,
  maxMetadataEntries: 4_096,
  maxFunctions: 4_096,
  maxAttributeElements: 1 << 20,
  maxFunctionCallDepth: 64,
};

/** The default limits with the caller's overrides applied. @public */
export function resolveLimits(overrides: Partial<ModelLimits> = {}): ModelLimits {
  return { ...DEFAULT_LIMITS, ...overrides };
}

/** ai.onnx opsets this engine and onnxruntime-node 1.30 handle (25 = onnx 1.20). @public */
export const SUPPORTED_ONNX_OPSETS = { min: 7, max: 25 } as const;
/**
 * IR versions accepted (3 = ONNX 1.0 with opset imports; 11 = ONNX 1.18; 13 = ONNX 1.20, which onnx 1.20 writes by
 * default and onnxruntime-node 1.30 loads).
 * @public
 */
export const SUPPORTED_IR_VERSIONS = { min: 3, max: 13 } as const;
