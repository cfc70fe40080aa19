import { EngineError, EngineErrorCode } from '../errors.ts';
import { normalizeDomain } from '../ir/attributes.ts';
import type { IrModel, IrNode, OpsetImport } from '../ir/types.ts';
import { callKey } from './function-calls.ts';
import type { Scope } from './graph-scopes.ts';
import { printable } from './string-size.ts';

/**
 * Operator domains onnxruntime-node provides without loading any library. Anything else needs a custom-op library
 * (`ai.onnx.contrib`, a vendor domain), which Whittle never loads (DESIGN.md §8; ORT PR #21094; catalogue row 37).
 * @internal
 */
export const KNOWN_DOMAINS: ReadonlySet<string> = new Set([
  'ai.onnx',
  'ai.onnx.ml',
  'ai.onnx.training',
  'ai.onnx.preview.training',
  'com.microsoft',
  'com.microsoft.nchwc',
  'com.ms.internal.nhwc',
]);

/**
 * Operators inside known domains that run foreign code: `com.microsoft:PyOp` calls into an embedded Python
 * interpreter (catalogue row 37).
 */
const BLOCKED_OPS: ReadonlySet<string> = new Set(['com.microsoft\u0000PyOp']);

/**
 * Every node's domain is known (or it calls a model-local function), and has an opset import: the model's for the
 * main graph and its subgraphs, the function's own for function bodies.
 * @internal
 */
export function checkDomains(model: IrModel, scopes: readonly Scope[], functions: ReadonlyMap<string, number>): void {
  const modelImports = importMap(model.opsetImports);
  const functionImports = model.functions.map((f) => importMap(f.opsetImports));
  for (const scope of scopes) {
    const imports = scope.owner < 0 ? modelImports : functionImports[scope.owner];
    for (const [j, node] of scope.nodes.entries()) {
      const at = `${scope.path}.node[${String(j)}]`;
      const domain = normalizeDomain(node.domain);
      if (BLOCKED_OPS.has(`${domain}\u0000${node.opType}`)) {
        throw unsupported(node, domain, at, 'it runs foreign code and is never loaded');
      }
      if (!functions.has(callKey(node)) && !KNOWN_DOMAINS.has(domain)) {
        throw unsupported(node, domain, at, `expected a domain onnxruntime provides (${[...KNOWN_DOMAINS].join(', ')}) or a model-local function`);
      }
      if (imports?.has(domain) !== true) {
        const owner = scope.owner < 0 ? 'the model' : `function '${printable(model.functions[scope.owner]?.name ?? '?')}'`;
        throw new EngineError(
          EngineErrorCode.MissingOpset,
          `${describe(node)} (${at}) uses domain '${printable(domain)}', but ${owner} imports no opset for it; expected an opset_import entry for '${printable(domain)}'.`,
          at,
        );
      }
    }
  }
}

function importMap(imports: readonly OpsetImport[]): Map<string, number> {
  return new Map(imports.map((o) => [normalizeDomain(o.domain), o.version]));
}

function unsupported(node: IrNode, domain: string, at: string, why: string): EngineError {
  return new EngineError(
    EngineErrorCode.UnknownDomain,
    `Unsupported operator ${printable(node.opType, 60)} in domain ${printable(domain, 60)} at ${describe(node)} (${at}); ${why}.`,
    at,
  );
}

function describe(node: IrNode): string {
  return node.name === '' ? `${printable(node.opType, 40)} node` : `${printable(node.opType, 40)} node '${printable(node.name)}'`;
}
