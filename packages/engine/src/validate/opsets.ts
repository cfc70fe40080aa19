import type { OperatorSetIdProto } from 'onnx-buf';
import { EngineError, EngineErrorCode } from '../errors.ts';
import { normalizeDomain } from '../ir/attributes.ts';
import { SUPPORTED_IR_VERSIONS, SUPPORTED_ONNX_OPSETS, type ModelLimits } from './limits.ts';
import { checkStringSize, printable } from './string-size.ts';

/** Opset versions of non-default domains are small positive integers; anything past int32 is crafted. */
const MAX_OTHER_OPSET = 2n ** 31n - 1n;

/** Refuses an IR version outside SUPPORTED_IR_VERSIONS (catalogue row 38). @internal */
export function checkIrVersion(irVersion: bigint): void {
  const { min, max } = SUPPORTED_IR_VERSIONS;
  if (irVersion >= BigInt(min) && irVersion <= BigInt(max)) return;
  throw new EngineError(
    EngineErrorCode.UnsupportedIrVersion,
    `Unsupported ONNX IR version ${String(irVersion)} (ir_version); expected ${String(min)}–${String(max)}, found ${String(irVersion)}.`,
    'ir_version',
  );
}

/**
 * Checks one opset_import list (the model's, or a function's): one entry per domain ('' and 'ai.onnx' are the same
 * domain), ai.onnx within SUPPORTED_ONNX_OPSETS, other domains a positive version.
 *
 * @param requireDefault - the model must import ai.onnx; a function whose body only calls other domains need not.
 * @param path - `opset_import` or `functions[3].opset_import`.
 * @internal
 */
export function checkOpsetImports(
  imports: readonly OperatorSetIdProto[],
  requireDefault: boolean,
  limits: ModelLimits,
  path: string,
): void {
  const seen = new Map<string, bigint>();
  for (const [i, entry] of imports.entries()) {
    const at = `${path}[${String(i)}]`;
    checkStringSize(entry.domain, 'name', limits, 'the domain of an opset import', at);
    const domain = normalizeDomain(entry.domain);
    const previous = seen.get(domain);
    if (previous !== undefined) {
      throw new EngineError(
        EngineErrorCode.UnsupportedOpset,
        `${path} lists domain '${printable(domain)}' twice (versions ${String(previous)} and ${String(entry.version)}); expected one import per domain.`,
        at,
      );
    }
    seen.set(domain, entry.version);
    checkVersion(domain, entry.version, at);
  }
  if (requireDefault && !seen.has('ai.onnx')) {
    const { min, max } = SUPPORTED_ONNX_OPSETS;
    throw new EngineError(
      EngineErrorCode.MissingOpset,
      `The model imports no opset for the default domain (ai.onnx) in ${path}; expected an entry with domain '' and version ${String(min)}–${String(max)}, found ${describeImports(imports)}.`,
      path,
    );
  }
}

function checkVersion(domain: string, version: bigint, at: string): void {
  if (domain === 'ai.onnx') {
    const { min, max } = SUPPORTED_ONNX_OPSETS;
    if (version >= BigInt(min) && version <= BigInt(max)) return;
    throw new EngineError(
      EngineErrorCode.UnsupportedOpset,
      `Unsupported opset ${String(version)} for domain ai.onnx (${at}); expected ${String(min)}–${String(max)}, found ${String(version)}.`,
      at,
    );
  }
  if (version >= 1n && version <= MAX_OTHER_OPSET) return;
  throw new EngineError(
    EngineErrorCode.UnsupportedOpset,
    `Unsupported opset ${String(version)} for domain '${printable(domain)}' (${at}); expected a version from 1 to ${String(MAX_OTHER_OPSET)}, found ${String(version)}.`,
    at,
  );
}

function describeImports(imports: readonly OperatorSetIdProto[]): string {
  if (imports.length === 0) return 'none';
  return imports
    .slice(0, 8)
    .map((o) => `'${printable(o.domain, 40)}' v${String(o.version)}`)
    .join(', ');
}
