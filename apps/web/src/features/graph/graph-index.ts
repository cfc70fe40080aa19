/**
 * Lookup tables over the graph-view DTO, built once per model: the DTO is a flat list, and every interaction (collapse,
 * search, group highlighting) needs "which block holds this node" or "which node has this label" in O(1).
 */
import type { GraphViewDto } from '@whittle/shared';

type Dto = GraphViewDto;
/** @public */
export type ViewNode = Dto['nodes'][number];
/** @public */
export type ViewBlock = Dto['blocks'][number];
/** @public */
export type ViewPort = Dto['inputs'][number];

/** @public */
export interface GraphIndex {
  readonly dto: Dto;
  /** Nodes drawn on the canvas: folded Constants (`hidden`) are left out, as the DTO's edges leave them out. */
  readonly nodes: readonly ViewNode[];
  readonly nodeById: ReadonlyMap<string, ViewNode>;
  /** Node label (what group and block reports name) → node id. */
  readonly idByLabel: ReadonlyMap<string, string>;
  readonly portById: ReadonlyMap<string, ViewPort>;
  readonly blockById: ReadonlyMap<string, ViewBlock>;
  /** Block ids from the outermost to the node's own block, per drawn node id. */
  readonly blockChain: ReadonlyMap<string, readonly string[]>;
  /** Drawn nodes inside each block, descendants included. */
  readonly drawnCount: ReadonlyMap<string, number>;
}

function chainOf(blockId: string, blockById: ReadonlyMap<string, ViewBlock>): string[] {
  const chain: string[] = [];
  const seen = new Set<string>();
  for (let id: string | null = blockId; id !== null && !seen.has(id); id = blockById.get(id)?.parentId ?? null) {
    seen.add(id);
    if (blockById.has(id)) chain.push(id);
  }
  return chain.reverse();
}

/** Builds the lookup tables. Pure; O(nodes × block depth). @public */
export function indexGraph(dto: Dto): GraphIndex {
  const nodes = dto.nodes.filter((n) => !n.hidden);
  const blockById = new Map(dto.blocks.map((b) => [b.id, b]));
  const chains = new Map<string, string[]>();
  const blockChain = new Map<string, readonly string[]>();
  const drawnCount = new Map<string, number>();
  for (const node of nodes) {
    let chain = chains.get(node.blockId);
    if (chain === undefined) {
      chain = chainOf(node.blockId, blockById);
      chains.set(node.blockId, chain);
    }
    blockChain.set(node.id, chain);
    for (const id of chain) drawnCount.set(id, (drawnCount.get(id) ?? 0) + 1);
  }
  return {
    dto,
    nodes,
    nodeById: new Map(dto.nodes.map((n) => [n.id, n])),
    idByLabel: new Map(dto.nodes.map((n) => [n.label, n.id])),
    portById: new Map([...dto.inputs, ...dto.outputs].map((p) => [p.id, p])),
    blockById,
    blockChain,
    drawnCount,
  };
}
