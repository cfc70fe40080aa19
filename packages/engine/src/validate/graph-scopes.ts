import { EngineError, EngineErrorCode } from '../errors.ts';
import type { IrGraph, IrModel, IrNode } from '../ir/types.ts';
import { printable } from './string-size.ts';

/**
 * One level of names: the main graph, a function body, or a subgraph (If branch, Loop/Scan body). Subgraphs see
 * the names of every scope above them.
 * @internal
 */
export interface Scope {
  /** `graph`, `functions[2]`, `graph.node[12].attribute[then_branch]`. */
  readonly path: string;
  readonly nodes: readonly IrNode[];
  /** Graph inputs, or function inputs. */
  readonly inputs: readonly string[];
  /** Initializer and sparse-initializer names (none for function bodies). */
  readonly initializers: readonly string[];
  /** Graph outputs, or function outputs. */
  readonly outputs: readonly string[];
  /** Index of the enclosing scope in the list; -1 for the main graph and function bodies. */
  readonly parent: number;
  /** Index, in the parent's nodes, of the node holding this subgraph; -1 for roots. */
  readonly parentNode: number;
  /** 0 for roots, +1 per subgraph level. */
  readonly depth: number;
  /** -1 when the scope belongs to the main graph, else the index of the function whose body it is in. */
  readonly owner: number;
}

/**
 * Every scope of the model in pre-order: each scope's index is greater than its parent's, so walking the list
 * backwards visits children before parents. Built with an explicit stack; refuses nesting deeper than `maxDepth`
 * (the IR may come from code rather than from `readModel`, so the depth is checked here too).
 * @internal
 */
export function collectScopes(model: IrModel, maxDepth: number): Scope[] {
  const scopes: Scope[] = [];
  const stack: Scope[] = [];
  for (let i = model.functions.length - 1; i >= 0; i--) {
    const fn = model.functions[i];
    if (fn === undefined) continue;
    const path = `functions[${String(i)}]`;
    stack.push({ path, nodes: fn.nodes, inputs: fn.inputs, initializers: [], outputs: fn.outputs, parent: -1, parentNode: -1, depth: 0, owner: i });
  }
  stack.push(graphScope(model.graph, 'graph', -1, -1, 0, -1));
  for (let scope = stack.pop(); scope !== undefined; scope = stack.pop()) {
    const index = scopes.length;
    scopes.push(scope);
    for (const [n, node] of scope.nodes.entries()) {
      for (const attr of node.attributes) {
        const graphs = attr.type === 'GRAPH' ? [attr.value] : attr.type === 'GRAPHS' ? attr.value : [];
        for (const [k, g] of graphs.entries()) {
          const suffix = attr.type === 'GRAPHS' ? `[${String(k)}]` : '';
          const path = `${scope.path}.node[${String(n)}].attribute[${printable(attr.name, 40)}]${suffix}`;
          if (scope.depth + 1 > maxDepth) {
            throw new EngineError(
              EngineErrorCode.NestingTooDeep,
              `Subgraph ${path} is nested ${String(scope.depth + 1)} levels deep; expected at most ${String(maxDepth)}.`,
              path,
            );
          }
          stack.push(graphScope(g, path, index, n, scope.depth + 1, scope.owner));
        }
      }
    }
  }
  return scopes;
}

function graphScope(g: IrGraph, path: string, parent: number, parentNode: number, depth: number, owner: number): Scope {
  return {
    path,
    nodes: g.nodes,
    inputs: g.inputs.map((v) => v.name),
    initializers: [...g.initializers.map((t) => t.name), ...g.sparseInitializers.map((s) => s.values.name)],
    outputs: g.outputs.map((v) => v.name),
    parent,
    parentNode,
    depth,
    owner,
  };
}
