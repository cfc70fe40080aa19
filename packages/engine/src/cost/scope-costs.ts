/** Aggregates node costs over name scopes (the tree the graph view collapses). */
import { parentScope, ROOT_SCOPE, scopeChain } from './scope.ts';
import type { CostSum, NodeCost, ScopeCost } from './types.ts';

/** A running `CostSum`. */
export class SumBuilder {
  #known = 0;
  #unknown = 0;

  add(value: number | undefined): void {
    if (value === undefined) this.#unknown++;
    else this.#known += value;
  }

  build(): CostSum {
    return { total: this.#unknown === 0 ? this.#known : undefined, known: this.#known, unknownNodes: this.#unknown };
  }
}

interface ScopeBuilder {
  readonly path: string;
  readonly nodeIndices: number[];
  nodeCount: number;
  params: number;
  readonly macs: SumBuilder;
  readonly otherOps: SumBuilder;
}

function newScope(path: string): ScopeBuilder {
  return { path, nodeIndices: [], nodeCount: 0, params: 0, macs: new SumBuilder(), otherOps: new SumBuilder() };
}

/**
 * One `ScopeCost` per scope that holds a node, plus the root and every ancestor; parents before children.
 * `unattributedParams` (parameters no node reads) are added to the root, so the root always totals the model.
 */
export function scopeCosts(nodes: readonly NodeCost[], unattributedParams: number): ScopeCost[] {
  const scopes = new Map<string, ScopeBuilder>([[ROOT_SCOPE, newScope(ROOT_SCOPE)]]);
  for (const node of nodes) {
    const chain = scopeChain(node.scope).map((path) => {
      let s = scopes.get(path);
      if (s === undefined) {
        s = newScope(path);
        scopes.set(path, s);
      }
      return s;
    });
    for (const s of chain) {
      s.nodeCount++;
      s.params += node.params;
      s.macs.add(node.macs);
      s.otherOps.add(node.otherOps);
    }
    chain[chain.length - 1]?.nodeIndices.push(node.index);
  }
  const root = scopes.get(ROOT_SCOPE);
  if (root !== undefined) root.params += unattributedParams;
  return [...scopes.values()].map((s) => ({
    path: s.path,
    parent: parentScope(s.path),
    nodeIndices: s.nodeIndices,
    nodeCount: s.nodeCount,
    params: s.params,
    macs: s.macs.build(),
    otherOps: s.otherOps.build(),
  }));
}
