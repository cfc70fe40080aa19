import { EngineError, EngineErrorCode } from '../errors.ts';
import { checkExternalLocation } from './external-location.ts';
import { capitalize, printable } from './string-size.ts';

/** A tensor's external_data entries, checked and parsed. @internal */
export interface ExternalRef {
  readonly location: string;
  /** Byte offset into the file; at most 2^53 − 1. */
  readonly offset: bigint;
  /** Byte length, if the file gave one. */
  readonly length: bigint | undefined;
}

/**
 * The keys ONNX defines for external_data. Anything else is refused rather than ignored: our writer copies entries
 * verbatim, and onnx's Python loader once turned every key into an attribute of a Python object (`__class__`,
 * `basepath`: CVE-2026-34445, catalogue row 28), so passing unknown keys along would pass the payload along too.
 */
const KNOWN_KEYS = new Set(['location', 'offset', 'length', 'checksum']);

/** Offsets must be addressable as JS numbers downstream (IR `offset: number`, `fs.read` positions). */
const MAX_OFFSET = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * Parses external_data entries: keys unique and known, `location` present and a plain relative name
 * (`checkExternalLocation`), `offset` and `length` plain non-negative decimal integers below 2^53
 * (TensorRT `external_neg_offset` / `external_oom_length` PoCs, catalogue row 27).
 *
 * @param label - the tensor, for messages (`tensor 'w' (graph.initializer[3])`).
 * @param at - the tensor name or path, for EngineError.at.
 * @internal
 */
export function parseExternalEntries(
  entries: readonly { readonly key: string; readonly value: string }[],
  label: string,
  at: string,
): ExternalRef {
  const values = new Map<string, string>();
  for (const { key, value } of entries) {
    if (!KNOWN_KEYS.has(key)) {
      throw invalid(
        `The external_data of ${label} has the unknown key '${printable(key, 40)}'; expected only location, offset, length and checksum.`,
        at,
      );
    }
    if (values.has(key)) {
      throw invalid(`The external_data of ${label} gives '${key}' twice; expected each key at most once.`, at);
    }
    values.set(key, value);
  }
  const location = values.get('location');
  if (location === undefined) {
    throw invalid(`${capitalize(label)} is stored externally but its external_data has no 'location'; expected a file name.`, at);
  }
  checkExternalLocation(location, label);
  const offset = parseSize(values.get('offset'), 'offset', label, at) ?? 0n;
  const length = parseSize(values.get('length'), 'length', label, at);
  return { location, offset, length };
}

function parseSize(text: string | undefined, key: string, label: string, at: string): bigint | undefined {
  if (text === undefined) return undefined;
  // At most 16 digits before BigInt parses it: MAX_SAFE_INTEGER has 16, and a megabyte of digits is an attack.
  if (!/^[0-9]{1,16}$/.test(text)) {
    throw invalid(
      `The external_data ${key} of ${label} is '${printable(text, 40)}'; expected a non-negative decimal integer below 2^53.`,
      at,
    );
  }
  const value = BigInt(text);
  if (value > MAX_OFFSET) {
    throw invalid(`The external_data ${key} of ${label} is ${text}; expected at most ${String(MAX_OFFSET)}.`, at);
  }
  return value;
}

function invalid(message: string, at: string): EngineError {
  return new EngineError(EngineErrorCode.ExternalDataInvalid, message, at);
}
