/** Name-scope blocks of the graph view, built from the cost model's scope aggregates. */
import { ROOT_SCOPE } from '../cost/scope.ts';
import type { CostSum, ScopeCost } from '../cost/types.ts';
import type { GraphViewBlock, GraphViewCostSum } from './graph-view.ts';

/** The block id of a scope path. */
export function blockId(path: string): string {
  return `block:${path}`;
}

/** A `CostSum` as JSON (null instead of undefined). */
export function viewSum(sum: CostSum): GraphViewCostSum {
  return { total: sum.total ?? null, known: sum.known, unknownNodes: sum.unknownNodes };
}

function lastSegment(path: string): string {
  return path === ROOT_SCOPE ? '' : (path.split('/').pop() ?? '');
}

/** One block per scope, parents before children, with node ids mapped from node indices. */
export function buildBlocks(scopes: readonly ScopeCost[], nodeIds: readonly string[]): GraphViewBlock[] {
  const children = new Map<string, string[]>();
  for (const s of scopes) {
    if (s.parent === undefined) continue;
    const list = children.get(s.parent) ?? [];
    list.push(blockId(s.path));
    children.set(s.parent, list);
  }
  return scopes.map((s) => ({
    id: blockId(s.path),
    path: s.path,
    name: lastSegment(s.path),
    parentId: s.parent === undefined ? null : blockId(s.parent),
    depth: s.path === ROOT_SCOPE ? 0 : s.path.split('/').length - 1,
    childBlockIds: children.get(s.path) ?? [],
    nodeIds: s.nodeIndices.map((i) => nodeIds[i] ?? ''),
    nodeCount: s.nodeCount,
    params: s.params,
    macs: viewSum(s.macs),
    otherOps: viewSum(s.otherOps),
  }));
}
