import { EngineError, EngineErrorCode } from '../errors.ts';
import { normalizeDomain } from '../ir/attributes.ts';
import type { IrNode, OpsetImport } from '../ir/types.ts';

/** What every per-op handler declares: the op it serves and the opset version it applies from. */
export interface OpHandlerKey {
  /** '' or 'ai.onnx' for the default domain. */
  readonly domain: string;
  readonly opType: string;
  /** First opset version of `domain` this handler applies to. */
  readonly since: number;
}

/** Opset versions per normalised domain ('ai.onnx', 'com.microsoft', ...). */
export type OpsetMap = ReadonlyMap<string, number>;

export function opsetMap(imports: readonly OpsetImport[]): Map<string, number> {
  return new Map(imports.map((o) => [normalizeDomain(o.domain), o.version]));
}

function opKey(domain: string, opType: string): string {
  return `${normalizeDomain(domain)}::${opType}`;
}

/**
 * Per-op handlers keyed by (domain, opType, since), resolved the way Netron's `Metadata.type` and onnxruntime's
 * `resolveOperator` do: the handler with the highest `since` not above the model's imported opset. Registering a
 * duplicate throws (stricter than tfjs, which warns). An unresolved op is the caller's signal to fail closed.
 */
export class OpRegistry<H extends OpHandlerKey> {
  readonly #handlers = new Map<string, H[]>();

  constructor(readonly kind: string) {}

  register(handler: H): void {
    const key = opKey(handler.domain, handler.opType);
    const list = this.#handlers.get(key) ?? [];
    if (list.some((h) => h.since === handler.since)) {
      throw new EngineError(
        EngineErrorCode.DuplicateHandler,
        `A ${this.kind} handler for ${key} since opset ${String(handler.since)} is already registered.`,
      );
    }
    this.#handlers.set(key, [...list, handler].sort((a, b) => a.since - b.since));
  }

  registerAll(handlers: readonly H[]): void {
    for (const h of handlers) this.register(h);
  }

  /** The handler for `node` under `opsets`, or undefined when none applies (unknown op, or opset too old). */
  resolve(node: Pick<IrNode, 'domain' | 'opType'>, opsets: OpsetMap): H | undefined {
    const domain = normalizeDomain(node.domain);
    const version = opsets.get(domain);
    if (version === undefined) return undefined;
    return this.#handlers.get(opKey(domain, node.opType))?.findLast((h) => h.since <= version);
  }

  /** Every registered (domain, opType) pair, for coverage reports. */
  keys(): string[] {
    return [...this.#handlers.keys()].sort();
  }
}
