import { EngineError, EngineErrorCode } from '../errors.ts';
import type { ModelLimits } from './limits.ts';

/**
 * UTF-8 byte length of `text`, measured without encoding it: one pass over UTF-16 code units, and none at all when
 * the length alone decides (a JS string of n units is between n and 3n UTF-8 bytes).
 * @internal
 */
export function utf8ByteLength(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c < 0xdc00 && i + 1 < text.length) {
      // A surrogate pair is one code point of 4 bytes.
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/** True when `text` takes more than `limit` UTF-8 bytes; O(1) unless the answer depends on the characters. @internal */
export function exceedsUtf8(text: string, limit: number): boolean {
  if (text.length > limit) return true;
  if (text.length * 3 <= limit) return false;
  return utf8ByteLength(text) > limit;
}

/** What a string is, for size checks: names are short identifiers, docs are free text. @internal */
export type StringKind = 'name' | 'doc';

/**
 * Refuses a string longer than its limit (catalogue row 39: 64 KB node names, 100 MB doc strings).
 *
 * @param what - e.g. `the name of node 'conv1'`, `the doc_string of the model`.
 * @param at - where (a field path), for EngineError.at.
 * @internal
 */
export function checkStringSize(text: string, kind: StringKind, limits: ModelLimits, what: string, at: string): void {
  const limit = kind === 'name' ? limits.maxNameBytes : limits.maxDocBytes;
  if (!exceedsUtf8(text, limit)) return;
  const found = text.length > limit ? `at least ${String(text.length)}` : String(utf8ByteLength(text));
  throw new EngineError(
    EngineErrorCode.StringTooLong,
    `${capitalize(what)} (${at}) is ${found} bytes; expected at most ${String(limit)}.`,
    at,
  );
}

/** Refuses a byte string (attribute STRING values, string tensor elements) longer than `maxDocBytes`. @internal */
export function checkBytesSize(bytes: Uint8Array, limits: ModelLimits, what: string, at: string): void {
  if (bytes.byteLength <= limits.maxDocBytes) return;
  throw new EngineError(
    EngineErrorCode.StringTooLong,
    `${capitalize(what)} (${at}) is ${String(bytes.byteLength)} bytes; expected at most ${String(limits.maxDocBytes)}.`,
    at,
  );
}

/** Checks a metadata_props-style list: entry count, key sizes (names) and value sizes (docs). @internal */
export function checkEntries(
  list: readonly { readonly key: string; readonly value: string }[],
  limits: ModelLimits,
  what: string,
  at: string,
): void {
  if (list.length > limits.maxMetadataEntries) {
    throw new EngineError(
      EngineErrorCode.LimitExceeded,
      `${capitalize(what)} (${at}) has ${String(list.length)} entries; expected at most ${String(limits.maxMetadataEntries)}.`,
      at,
    );
  }
  for (const [i, e] of list.entries()) {
    checkStringSize(e.key, 'name', limits, `the key of ${what} entry ${String(i)}`, at);
    checkStringSize(e.value, 'doc', limits, `the value of ${what} entry ${String(i)}`, at);
  }
}

/** Text that is safe and short enough to quote in a message (a checked name may still be 4 KB). @internal */
export function printable(text: string, max = 80): string {
  const cut = text.length > max ? `${text.slice(0, max)}…` : text;
  return cut.replace(/[^\x20-\x7e\u00a0-\uffff]/g, '?');
}

/** The text with its first letter upper-cased (messages start with a capital, labels are built lower-case). @internal */
export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
