/*
 * UTF-8 for attribute strings. Written out rather than using TextEncoder/TextDecoder because the engine core is
 * compiled without any platform globals (DESIGN.md §2); attribute strings are short, so speed does not matter.
 */

/** Encodes a JS string as UTF-8 bytes. */
export function encodeUtf8(text: string): Uint8Array {
  const out: number[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0xfffd;
    if (cp < 0x80) out.push(cp);
    else if (cp < 0x800) out.push(0xc0 | (cp >> 6), 0x80 | (cp & 0x3f));
    else if (cp < 0x10000) out.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
    else out.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 0x3f), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
  }
  return Uint8Array.from(out);
}

/** Decodes UTF-8 bytes; malformed sequences become U+FFFD. */
export function decodeUtf8(bytes: Uint8Array): string {
  let s = '';
  let i = 0;
  while (i < bytes.length) {
    const b0 = bytes[i] ?? 0;
    let cp: number;
    let n: number;
    if (b0 < 0x80) [cp, n] = [b0, 1];
    else if (b0 >= 0xc2 && b0 < 0xe0) [cp, n] = [b0 & 0x1f, 2];
    else if (b0 >= 0xe0 && b0 < 0xf0) [cp, n] = [b0 & 0x0f, 3];
    else if (b0 >= 0xf0 && b0 < 0xf5) [cp, n] = [b0 & 0x07, 4];
    else [cp, n] = [0xfffd, 1];
    let ok = n === 1 || i + n <= bytes.length;
    for (let k = 1; ok && k < n; k++) {
      const b = bytes[i + k] ?? 0;
      if ((b & 0xc0) !== 0x80) ok = false;
      else cp = (cp << 6) | (b & 0x3f);
    }
    // Overlong forms, UTF-16 surrogates and code points past U+10FFFF are malformed too (the last would make
    // String.fromCodePoint throw on a crafted attribute string).
    if (ok && ((n === 3 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) || (n === 4 && (cp < 0x10000 || cp > 0x10ffff)))) ok = false;
    if (!ok) [cp, n] = [0xfffd, 1];
    s += String.fromCodePoint(cp);
    i += n;
  }
  return s;
}
