import { EngineError, EngineErrorCode } from '../errors.ts';

/*
 * External-data locations are untrusted strings from the model file that a runtime turns into a path and opens.
 * Whittle accepts only plain relative names inside the model's folder (DESIGN.md §8): one file name, or a few
 * plain folder names and a file name separated by '/' (`weights/w.bin`). Everything else is refused before any file
 * is opened, with a code per class of attack so that callers and tests can tell them apart:
 *
 * - `..` anywhere, also spelled with backslashes or percent-encoded: traversal (CVE-2022-25882, CVE-2024-27318;
 *   catalogue rows 22–23).
 * - '/x', 'C:\x', 'C:x', '\\server\share', 'file:', 'http:': absolute (ORT PR #26776, TensorRT `external_abs_path`;
 *   row 24).
 * - onnxruntime's in-memory markers, which make ORT read from a raw address (onnxruntime #28617, PR #28709; row 26).
 * - Empty, control characters, NUL, backslashes, ':' (NTFS alternate streams), empty / '.' segments, Windows
 *   device names: invalid (not a plain name).
 */

/** ORT treats locations containing these as in-memory addresses, not file names (onnxruntime PR #28709, #29011). */
const RESERVED_MARKERS = ['_ORT_MEM_ADDR_', '_ORT_NATIVE_ENDIAN_MEM_ADDR_'] as const;

/** Windows device names, which open a device instead of a file whatever the folder or extension. */
const WINDOWS_DEVICE = /^(?:con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)(?:\..*)?$/i;

/** Percent-decoding rounds: enough to unwrap double and triple encoding (`%252e%252e`). */
const DECODE_ROUNDS = 3;

/**
 * Refuses an external-data location unless it is a plain relative name inside the model's folder.
 *
 * Accepted: `weights.bin`, `model.onnx.data`, `weights/w.bin` (every segment a plain name). Subfolders are allowed
 * because exporters split large models that way; links inside them are refused later by the byte source, which
 * resolves and checks the real path.
 *
 * @param location - the `location` entry of a tensor's `external_data`.
 * @param at - where the tensor is (tensor name or field path), for the message.
 * @throws EngineError `ENGINE_ERR_EXTERNAL_DATA_RESERVED`, `..._TRAVERSAL`, `..._ABSOLUTE` or `..._INVALID`.
 * @public
 */
export function checkExternalLocation(location: string, at: string): void {
  const shown = quote(location);
  if (location === '') {
    throw invalid(`External data of ${at} has an empty location; expected a file name next to the model.`, at);
  }
  const decoded = percentDecoded(location);
  // Reserved markers first: '*/_ORT_MEM_ADDR_/*' must be reported as what it is, not as an odd file name.
  for (const variant of decoded) {
    const upper = variant.toUpperCase();
    const marker = RESERVED_MARKERS.find((m) => upper.includes(m));
    if (marker !== undefined) {
      throw new EngineError(
        EngineErrorCode.ExternalDataReserved,
        `External data of ${at} uses onnxruntime's reserved in-memory location ${shown} (contains ${marker}); expected a file name next to the model.`,
        at,
      );
    }
  }
  for (const variant of decoded) {
    if (hasControlCharacter(variant)) {
      throw invalid(`External data location ${shown} of ${at} contains a control character or NUL; expected a plain file name.`, at);
    }
  }
  for (const variant of decoded) {
    const slashed = variant.replaceAll('\\', '/');
    if (slashed.split('/').some(isDotDot)) {
      throw new EngineError(
        EngineErrorCode.ExternalDataTraversal,
        `External data location ${shown} of ${at} climbs out of the model folder ('..'); expected a file name inside it.`,
        at,
      );
    }
    if (slashed.startsWith('/') || isDriveOrUrl(slashed)) {
      throw new EngineError(
        EngineErrorCode.ExternalDataAbsolute,
        `External data location ${shown} of ${at} is absolute (root, drive, UNC share or URL); expected a relative file name next to the model.`,
        at,
      );
    }
  }
  checkPlainSegments(location, shown, at);
}

/** Known URL schemes, refused even without '//' (`file:etc/passwd`, `data:...`). */
const SCHEMES = /^(?:file|https?|ftps?|data|blob|s3|gs|hdfs|smb|nfs|jar|zip):/i;

/** 'C:', 'C:\\x', 'C:x' (drive-relative), 'scheme://...' and known schemes. */
function isDriveOrUrl(slashed: string): boolean {
  return /^[a-z]:/i.test(slashed) || /^[a-z][a-z0-9+.-]*:\//i.test(slashed) || SCHEMES.test(slashed);
}

function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) return true;
  }
  return false;
}

/** The location and up to DECODE_ROUNDS percent-decodings of it (each distinct), so encoded attacks are seen. */
function percentDecoded(location: string): string[] {
  const out = [location];
  let current = location;
  for (let round = 0; round < DECODE_ROUNDS && current.includes('%'); round++) {
    const next = current.replace(/%([0-9a-f]{2})/gi, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
    if (next === current) break;
    out.push(next);
    current = next;
  }
  return out;
}

/**
 * A segment Windows would resolve to the parent folder: '..' and variants with trailing dots or spaces, which
 * Win32 path normalisation strips ('.. ', '...').
 */
function isDotDot(segment: string): boolean {
  return /^[. ]*$/.test(segment) && segment.includes('..');
}

function checkPlainSegments(location: string, shown: string, at: string): void {
  if (location.includes('\\')) {
    throw invalid(`External data location ${shown} of ${at} contains a backslash; expected '/'-separated plain names.`, at);
  }
  if (location.includes(':')) {
    throw invalid(`External data location ${shown} of ${at} contains ':' (alternate data stream?); expected a plain file name.`, at);
  }
  for (const segment of location.split('/')) {
    if (segment === '' || segment.trim() === '' || segment === '.') {
      throw invalid(`External data location ${shown} of ${at} has an empty or '.' path segment; expected plain names separated by single '/'.`, at);
    }
    if (WINDOWS_DEVICE.test(segment.trimEnd())) {
      throw invalid(`External data location ${shown} of ${at} names the Windows device '${segment}'; expected a plain file name.`, at);
    }
  }
}

function invalid(message: string, at: string): EngineError {
  return new EngineError(EngineErrorCode.ExternalDataInvalid, message, at);
}

/** Quotes a location for a message: printable, escaped, and short (a crafted location may be megabytes long). */
function quote(location: string): string {
  const escaped = JSON.stringify(location.length > 120 ? `${location.slice(0, 120)}…` : location);
  return escaped.replace(/[^\x20-\x7e]/g, (ch) => `\\u${(ch.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`);
}
