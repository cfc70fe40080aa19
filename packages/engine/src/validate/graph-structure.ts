import { EngineError, EngineErrorCode } from '../errors.ts';
import { nodeLabel } from '../ir/attributes.ts';
import type { IrNode } from '../ir/types.ts';
import type { Scope } from './graph-scopes.ts';
import { capitalize, printable } from './string-size.ts';

/** How many nodes of a cycle a message lists. */
const CYCLE_SHOWN = 6;

/**
 * Structural checks on every scope (onnx checker's SSA rules; ORT refuses such graphs at session creation):
 * - each name has one producer: graph inputs, initializers and node outputs are unique in their scope (an
 *   initializer may share its name with a graph input: IR ≥ 4 uses that for defaults), and a node output may not
 *   reuse a name of an enclosing scope;
 * - every node input and graph output is defined in its scope or an enclosing one;
 * - each scope is acyclic, counting a subgraph's outer-scope reads as inputs of the node that holds it.
 *
 * Files may list nodes out of order; that is fine as long as a topological order exists (Kahn's algorithm).
 *
 * @param scopes - from `collectScopes` (pre-order: parents before children).
 * @internal
 */
export function checkScopeStructure(scopes: readonly Scope[]): void {
  const defined = checkDefinitions(scopes);
  checkUsesAndOrder(scopes, defined);
}

/** Top-down: the names each scope defines, refusing a second producer of a name. */
function checkDefinitions(scopes: readonly Scope[]): Map<string, string>[] {
  const defined: Map<string, string>[] = [];
  for (const scope of scopes) {
    const names = new Map<string, string>();
    for (const name of scope.inputs) {
      if (names.has(name)) throw duplicate(name, `${scope.path} declares graph input`, 'a graph input', scope.path);
      names.set(name, 'a graph input');
    }
    const initializers = new Set<string>();
    for (const name of scope.initializers) {
      if (initializers.has(name)) throw duplicate(name, `${scope.path} declares initializer`, 'an initializer', scope.path);
      initializers.add(name);
      names.set(name, 'an initializer');
    }
    for (const [j, node] of scope.nodes.entries()) {
      const at = `${scope.path}.node[${String(j)}]`;
      const producer = `${describeNode(node)} (${at})`;
      for (const name of node.outputs) {
        if (name === '') continue;
        const local = names.get(name);
        if (local !== undefined) throw duplicate(name, `${producer} writes`, local, at);
        const outer = findOuter(scopes, defined, scope.parent, name);
        if (outer !== undefined) throw duplicate(name, `${producer} writes`, `${outer} of an enclosing graph`, at);
        names.set(name, `the output of ${producer}`);
      }
    }
    defined.push(names);
  }
  return defined;
}

function findOuter(scopes: readonly Scope[], defined: readonly Map<string, string>[], parent: number, name: string): string | undefined {
  for (let p = parent; p >= 0; p = scopes[p]?.parent ?? -1) {
    const found = defined[p]?.get(name);
    if (found !== undefined) return found;
  }
  return undefined;
}

/**
 * Bottom-up: for each scope, the names it reads but does not define (its free names, with where each is first
 * read). A subgraph's free names become inputs of the node holding it; at a root, any free name is undefined.
 */
function checkUsesAndOrder(scopes: readonly Scope[], defined: readonly Map<string, string>[]): void {
  const children = new Map<string, number[]>();
  for (const [i, s] of scopes.entries()) {
    if (s.parent < 0) continue;
    const key = childKey(s.parent, s.parentNode);
    const list = children.get(key);
    if (list) list.push(i);
    else children.set(key, [i]);
  }
  const free = new Map<number, Map<string, string>>();
  for (let i = scopes.length - 1; i >= 0; i--) {
    const scope = scopes[i];
    const names = defined[i];
    if (scope === undefined || names === undefined) continue;
    const own = new Map<string, string>();
    const producedBy = new Map<string, number>();
    for (const [j, node] of scope.nodes.entries()) for (const o of node.outputs) if (o !== '') producedBy.set(o, j);
    const preds: number[][] = scope.nodes.map(() => []);
    for (const [j, node] of scope.nodes.entries()) {
      const reads: [string, string][] = node.inputs
        .filter((n) => n !== '')
        .map((n) => [n, `${describeNode(node)} (${scope.path}.node[${String(j)}]) reads`]);
      for (const c of children.get(childKey(i, j)) ?? []) {
        for (const entry of free.get(c) ?? []) reads.push(entry);
        free.delete(c);
      }
      for (const [name, where] of reads) {
        const p = producedBy.get(name);
        if (p !== undefined) preds[j]?.push(p);
        else if (!names.has(name) && !own.has(name)) own.set(name, where);
      }
    }
    for (const name of scope.outputs) {
      if (name !== '' && !names.has(name) && !own.has(name)) own.set(name, `the outputs of ${scope.path} list`);
    }
    checkAcyclic(scope, preds);
    if (scope.parent < 0) {
      const first = own.entries().next();
      if (!first.done) {
        const [name, where] = first.value;
        throw new EngineError(
          EngineErrorCode.UndefinedValue,
          `${capitalize(where)} '${printable(name)}', which nothing defines; expected a graph input, an initializer, the output of a node, or (in a subgraph) a value of an enclosing graph.`,
          name,
        );
      }
    }
    free.set(i, own);
  }
}

/** Kahn's algorithm over one scope; on failure names the nodes of one cycle. */
function checkAcyclic(scope: Scope, preds: readonly (readonly number[])[]): void {
  const n = scope.nodes.length;
  const indegree = preds.map((p) => p.length);
  const succ: number[][] = scope.nodes.map(() => []);
  for (const [j, list] of preds.entries()) for (const p of list) succ[p]?.push(j);
  const ready: number[] = [];
  for (const [j, d] of indegree.entries()) if (d === 0) ready.push(j);
  let done = 0;
  for (let j = ready.pop(); j !== undefined; j = ready.pop()) {
    done++;
    for (const s of succ[j] ?? []) {
      const d = (indegree[s] ?? 0) - 1;
      indegree[s] = d;
      if (d === 0) ready.push(s);
    }
  }
  if (done === n) return;
  const cycle = findCycle(preds, indegree);
  const labels = cycle.slice(0, CYCLE_SHOWN).map((j) => {
    const node = scope.nodes[j];
    return node === undefined ? '?' : `'${printable(nodeLabel(node), 60)}'`;
  });
  const first = cycle[0] ?? 0;
  const more = cycle.length > CYCLE_SHOWN ? ' → …' : '';
  const node = scope.nodes[first];
  throw new EngineError(
    EngineErrorCode.GraphCycle,
    `The nodes of ${scope.path} form a cycle: ${labels.join(' → ')}${more} → ${labels[0] ?? '?'} (starting at ${scope.path}.node[${String(first)}]); expected a directed acyclic graph.`,
    node === undefined ? scope.path : nodeLabel(node),
  );
}

/**
 * A cycle among the nodes Kahn could not order. Every such node still has an unordered predecessor, so walking
 * predecessors must revisit a node; the walk from that node's first visit is a cycle.
 */
function findCycle(preds: readonly (readonly number[])[], indegree: readonly number[]): number[] {
  const start = indegree.findIndex((d) => d > 0);
  const seenAt = new Map<number, number>();
  const walk: number[] = [];
  let current = start;
  while (current >= 0 && !seenAt.has(current)) {
    seenAt.set(current, walk.length);
    walk.push(current);
    current = (preds[current] ?? []).find((p) => (indegree[p] ?? 0) > 0) ?? -1;
  }
  // Predecessor order reversed, so the list reads in data-flow direction.
  return walk.slice(seenAt.get(current) ?? 0).reverse();
}

function duplicate(name: string, what: string, previous: string, at: string): EngineError {
  return new EngineError(
    EngineErrorCode.DuplicateValue,
    `${capitalize(what)} '${printable(name)}', which is already ${previous}; expected one producer per value name.`,
    at,
  );
}

function describeNode(node: IrNode): string {
  return node.name === '' ? `${printable(node.opType, 40)} node` : `${printable(node.opType, 40)} node '${printable(node.name)}'`;
}

function childKey(parent: number, node: number): string {
  return `${String(parent)}:${String(node)}`;
}
