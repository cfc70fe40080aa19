import type { IrModel } from '../ir/types.ts';
import { checkDomains } from './domains.ts';
import { checkFunctionCalls, indexFunctions } from './function-calls.ts';
import { collectScopes } from './graph-scopes.ts';
import { checkScopeStructure } from './graph-structure.ts';
import type { ModelLimits } from './limits.ts';

/**
 * Structural checks on the IR, after `checkModelProto` has bounded every size:
 * - subgraph depth ≤ `maxGraphDepth` (again: the IR may have been built in code);
 * - one producer per value name, every read defined (in its scope or an enclosing one), no cycles — a file may
 *   list nodes out of order, which is fine when a topological order exists;
 * - every node's domain known to onnxruntime or a model-local function, with an opset import;
 * - model-local functions unique, not recursive, and call chains ≤ `maxFunctionCallDepth`.
 *
 * Subgraphs are visited with explicit stacks and lists, never by recursion.
 *
 * @throws EngineError `ENGINE_ERR_GRAPH_CYCLE`, `ENGINE_ERR_UNDEFINED_VALUE`, `ENGINE_ERR_DUPLICATE_VALUE`,
 *   `ENGINE_ERR_MISSING_OPSET`, `ENGINE_ERR_UNKNOWN_DOMAIN` or `ENGINE_ERR_NESTING_TOO_DEEP`.
 * @public
 */
export function checkModel(model: IrModel, limits: ModelLimits): void {
  const scopes = collectScopes(model, limits.maxGraphDepth);
  const functions = indexFunctions(model);
  checkDomains(model, scopes, functions);
  checkScopeStructure(scopes);
  checkFunctionCalls(model, scopes, functions, limits);
}
