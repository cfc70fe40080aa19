import { EngineError, EngineErrorCode } from '../errors.ts';
import { normalizeDomain } from '../ir/attributes.ts';
import type { IrModel, IrNode } from '../ir/types.ts';
import type { Scope } from './graph-scopes.ts';
import type { ModelLimits } from './limits.ts';
import { printable } from './string-size.ts';

/** A model-local function's identity: (domain, name, overload), as ONNX IR 10 resolves calls. @internal */
export function functionKey(domain: string, name: string, overload: string): string {
  return `${normalizeDomain(domain)}\u0000${name}\u0000${overload}`;
}

/** The key of the function a node would call. @internal */
export function callKey(node: IrNode): string {
  return functionKey(node.domain, node.opType, node.overload);
}

/** Function key → index in `model.functions`; two functions with one key are refused. @internal */
export function indexFunctions(model: IrModel): Map<string, number> {
  const index = new Map<string, number>();
  for (const [i, fn] of model.functions.entries()) {
    const key = functionKey(fn.domain, fn.name, fn.overload);
    const previous = index.get(key);
    if (previous !== undefined) {
      throw new EngineError(
        EngineErrorCode.DuplicateValue,
        `functions[${String(i)}] defines '${printable(fn.name)}' in domain '${printable(normalizeDomain(fn.domain))}' again (first at functions[${String(previous)}]); expected one function per (domain, name, overload).`,
        `functions[${String(i)}]`,
      );
    }
    index.set(key, i);
  }
  return index;
}

/**
 * Model-local functions may call each other but not recursively (ONNX forbids it; onnxruntime would inline
 * forever), and chains are bounded by `maxFunctionCallDepth`: the functions list is flat in the file, so a
 * 3 000-deep chain passes every protobuf nesting limit (dxoth1nh local-function PoC, catalogue row 35).
 *
 * Longest chain by Kahn's algorithm over the call graph, leaves first; no recursion.
 * @internal
 */
export function checkFunctionCalls(model: IrModel, scopes: readonly Scope[], functions: ReadonlyMap<string, number>, limits: ModelLimits): void {
  const count = model.functions.length;
  if (count === 0) return;
  const callees: Set<number>[] = model.functions.map(() => new Set<number>());
  for (const scope of scopes) {
    if (scope.owner < 0) continue;
    for (const node of scope.nodes) {
      const callee = functions.get(callKey(node));
      if (callee !== undefined) callees[scope.owner]?.add(callee);
    }
  }
  const callers: number[][] = model.functions.map(() => []);
  const pending = callees.map((s) => s.size);
  for (const [f, set] of callees.entries()) for (const g of set) callers[g]?.push(f);
  const depth: number[] = model.functions.map(() => 1);
  const ready: number[] = [];
  for (const [f, n] of pending.entries()) if (n === 0) ready.push(f);
  let done = 0;
  for (let g = ready.pop(); g !== undefined; g = ready.pop()) {
    done++;
    const d = depth[g] ?? 1;
    if (d > limits.maxFunctionCallDepth) {
      throw new EngineError(
        EngineErrorCode.NestingTooDeep,
        `Model-local function '${printable(model.functions[g]?.name ?? '?')}' (functions[${String(g)}]) sits in a call chain ${String(d)} functions deep; expected at most ${String(limits.maxFunctionCallDepth)}.`,
        `functions[${String(g)}]`,
      );
    }
    for (const f of callers[g] ?? []) {
      depth[f] = Math.max(depth[f] ?? 1, d + 1);
      const left = (pending[f] ?? 0) - 1;
      pending[f] = left;
      if (left === 0) ready.push(f);
    }
  }
  if (done === count) return;
  const cycle = findCallCycle(callees, pending);
  const names = cycle.map((f) => `'${printable(model.functions[f]?.name ?? '?', 40)}'`);
  const first = cycle[0] ?? 0;
  throw new EngineError(
    EngineErrorCode.GraphCycle,
    `Model-local functions call each other in a cycle: ${names.slice(0, 6).join(' → ')} → ${names[0] ?? '?'} (functions[${String(first)}]); expected functions that do not recurse.`,
    `functions[${String(first)}]`,
  );
}

/** Functions left with pending callees all call another such function, so following callees must loop. */
function findCallCycle(callees: readonly Set<number>[], pending: readonly number[]): number[] {
  const seenAt = new Map<number, number>();
  const walk: number[] = [];
  let current = pending.findIndex((n) => n > 0);
  while (current >= 0 && !seenAt.has(current)) {
    seenAt.set(current, walk.length);
    walk.push(current);
    current = [...(callees[current] ?? [])].find((g) => (pending[g] ?? 0) > 0) ?? -1;
  }
  return walk.slice(seenAt.get(current) ?? 0);
}
