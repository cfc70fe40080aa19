/**
 * The graph-view DTO: everything the web app needs to draw, search and inspect a model, and nothing it must not
 * receive — no tensor payloads, no doc strings, no metadata values (style-anchors §8.2, §8.6). Plain JSON: absent
 * values are `null`, never `undefined`, so the DTO survives `JSON.stringify` unchanged and `@whittle/shared`'s
 * `graphViewSchema` can validate it at the process boundary.
 *
 * Layout decisions:
 * - Graph inputs and outputs are listed separately (`inputs`, `outputs`) as ports with ids `input:<name>` and
 *   `output:<name>`; edges use those ids as their source or target, so a renderer draws them as pseudo-nodes.
 * - Constant tensors never become edges. Initializers, and `Constant` nodes whose outputs are only read by other
 *   nodes, appear as the consumer's input slot with `constant: true`; such `Constant` nodes stay in `nodes` with
 *   `hidden: true` (searchable, countable) but have no edges, so Paddle graphs, which hold every weight in a
 *   `Constant` node, are not cluttered. A `Constant` that feeds a graph output or nothing stays visible.
 * - Name-scope blocks (`blocks`) form a tree rooted at `block:/`; every node belongs to exactly one block.
 * - Ids are unique across nodes, ports and blocks. A node's id is its name when the name is non-empty and unique,
 *   else `<opType>→<first output>` (output names are unique in a valid graph), else suffixed `#<index>`.
 *
 * Cost figures are ESTIMATES from the static graph (see `CostReport`); the UI must label them so.
 */
import type { Dim } from '../ir/types.ts';
import type { ShapeIssue } from '../shape/types.ts';

/**
 * Layout version of the DTO; bumped on any breaking change.
 * @public
 */
export const GRAPH_VIEW_VERSION = 1;

/**
 * A sum over nodes that may not all be countable (see `CostSum`): `total` is null unless every node is known.
 * @public
 */
export interface GraphViewCostSum {
  readonly total: number | null;
  readonly known: number;
  readonly unknownNodes: number;
}

/**
 * One input or output slot of a node.
 * @public
 */
export interface GraphViewSlot {
  /** Value name, verbatim; '' marks an omitted optional input. */
  readonly value: string;
  /** dtype name (`float32`, `int64`, ...), null when unknown. */
  readonly dtype: string | null;
  /** Symbolic dims are strings; null when even the rank is unknown. */
  readonly shape: readonly Dim[] | null;
  /** The value is a constant tensor: an initializer or the output of a `Constant` node. */
  readonly constant: boolean;
  /** The value is a constant that counts as a parameter (weights; see `CostReport` for the rule). */
  readonly parameter: boolean;
}

/**
 * An attribute, summarized as a short string: `[3,3]`, `1`, `"NOTSET"`, `float32[64,3,3,3]` for a tensor, never
 * its values; long lists are cut.
 * @public
 */
export interface GraphViewAttribute {
  readonly name: string;
  /** ONNX attribute type name (`INT`, `INTS`, `TENSOR`, ...). */
  readonly type: string;
  readonly value: string;
}

/**
 * A node of the main graph.
 * @public
 */
export interface GraphViewNode {
  readonly id: string;
  /** Position in the model's node list. */
  readonly index: number;
  /** Name as the file has it; may be empty (Paddle). */
  readonly name: string;
  /** What to show: the name, or `<opType>→<first output>` when the name is empty. */
  readonly label: string;
  readonly opType: string;
  /** Normalized: the default domain is `ai.onnx`. */
  readonly domain: string;
  /** Name scope (`/` for the root); see `nodeScope`. */
  readonly scope: string;
  /** Id of the innermost block holding the node. */
  readonly blockId: string;
  readonly inputs: readonly GraphViewSlot[];
  readonly outputs: readonly GraphViewSlot[];
  readonly attributes: readonly GraphViewAttribute[];
  /** Parameters attributed to this node (see `NodeCost.params`). Estimate. */
  readonly params: number;
  /** Estimated multiply-accumulates; null when unknown (`costNote` says why). */
  readonly macs: number | null;
  /** Estimated other arithmetic in elements; null when unknown. */
  readonly otherOps: number | null;
  /** Why `macs` or `otherOps` is null; null when both are known. */
  readonly costNote: string | null;
  /** A `Constant` node whose tensor is a parameter (a weight holder, as Paddle exports them). */
  readonly weightHolder: boolean;
  /** A `Constant` folded into its consumers' input slots: draw nothing for it. */
  readonly hidden: boolean;
  /** Subgraphs held by attributes (If/Loop/Scan bodies); they are summarized, not expanded. */
  readonly subgraphCount: number;
}

/**
 * A value flowing from one node (or graph input) to another node (or graph output).
 * @public
 */
export interface GraphViewEdge {
  /** `<source>:<sourceSlot>-><target>:<targetSlot>`. */
  readonly id: string;
  /** A node id or an `input:<name>` port id. */
  readonly source: string;
  /** Output index on the source node; 0 for a port. */
  readonly sourceSlot: number;
  /** A node id or an `output:<name>` port id. */
  readonly target: string;
  /** Input index on the target node; 0 for a port. */
  readonly targetSlot: number;
  readonly value: string;
  readonly dtype: string | null;
  readonly shape: readonly Dim[] | null;
}

/**
 * A graph input or output.
 * @public
 */
export interface GraphViewPort {
  /** `input:<name>` or `output:<name>`. */
  readonly id: string;
  readonly name: string;
  readonly dtype: string | null;
  /**
   * The declared shape with every dim that shape inference resolved to a number filled in (so inputs show the
   * shapes inference ran with, and outputs their inferred size); null when neither is known.
   */
  readonly shape: readonly Dim[] | null;
  /** The shape as the file declares it; null when undeclared. */
  readonly declaredShape: readonly Dim[] | null;
}

/**
 * A name-scope block for collapsing (`/layer1`, `/layer1/0`, ...).
 * @public
 */
export interface GraphViewBlock {
  /** `block:<path>`. */
  readonly id: string;
  /** `/` for the root, `/a/b` below. */
  readonly path: string;
  /** The last path segment; '' for the root. */
  readonly name: string;
  readonly parentId: string | null;
  /** 0 for the root. */
  readonly depth: number;
  readonly childBlockIds: readonly string[];
  /** Nodes directly in this block (hidden ones included), in graph order. */
  readonly nodeIds: readonly string[];
  /** Nodes in this block and its descendants. */
  readonly nodeCount: number;
  readonly params: number;
  readonly macs: GraphViewCostSum;
  readonly otherOps: GraphViewCostSum;
}

/**
 * An activation with its size.
 * @public
 */
export interface GraphViewActivation {
  readonly name: string;
  readonly dtype: string | null;
  readonly shape: readonly Dim[] | null;
  readonly bytes: number;
}

/**
 * Model-level facts and estimated totals.
 * @public
 */
export interface GraphViewSummary {
  readonly graphName: string;
  readonly irVersion: number;
  /** Domain → version; the default domain is keyed `ai.onnx`. */
  readonly opsets: Readonly<Record<string, number>>;
  readonly producer: { readonly name: string; readonly version: string };
  /** Nodes of the main graph, hidden ones included. */
  readonly nodeCount: number;
  /** Nodes with `hidden: false`. */
  readonly visibleNodeCount: number;
  readonly edgeCount: number;
  readonly initializerCount: number;
  /** opType (prefixed `<domain>::` outside the default domain) → nodes. Sums to `nodeCount`. */
  readonly opCounts: Readonly<Record<string, number>>;
  readonly params: number;
  readonly paramBytes: number;
  readonly paramBytesByDtype: Readonly<Record<string, number>>;
  readonly macs: GraphViewCostSum;
  readonly otherOps: GraphViewCostSum;
  /** The largest activation; null when any activation's size is unknown (symbolic shapes). */
  readonly largestActivation: GraphViewActivation | null;
}

/**
 * The whole DTO (see the module comment for the layout decisions).
 * @public
 */
export interface GraphView {
  readonly version: typeof GRAPH_VIEW_VERSION;
  readonly summary: GraphViewSummary;
  readonly inputs: readonly GraphViewPort[];
  readonly outputs: readonly GraphViewPort[];
  readonly nodes: readonly GraphViewNode[];
  readonly edges: readonly GraphViewEdge[];
  /** Parents before children; the root (`block:/`) first. */
  readonly blocks: readonly GraphViewBlock[];
  /** What shape inference could not establish. */
  readonly shapeIssues: readonly ShapeIssue[];
}
