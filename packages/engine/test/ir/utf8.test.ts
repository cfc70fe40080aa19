import { describe, expect, it } from 'vitest';
import { decodeUtf8, encodeUtf8 } from '../../src/ir/utf8.ts';
import { seededRandom } from '../helpers/seeded.ts';

const SAMPLES = ['', 'ascii /layer1/Conv', 'é ß ñ', '€ 中文 日本語', '😀 𝄞 𐍈', 'mixed a€😀b'];

describe('UTF-8', () => {
  it.each(SAMPLES)('round-trips %j', (text) => {
    expect(decodeUtf8(encodeUtf8(text))).toBe(text);
  });

  it('encodes 1-, 2-, 3- and 4-byte code points like TextEncoder', () => {
    const encoder = new TextEncoder();
    for (const text of SAMPLES) expect(Array.from(encodeUtf8(text))).toEqual(Array.from(encoder.encode(text)));
    expect(Array.from(encodeUtf8('€'))).toEqual([0xe2, 0x82, 0xac]);
    expect(Array.from(encodeUtf8('😀'))).toEqual([0xf0, 0x9f, 0x98, 0x80]);
  });

  it('decodes like a non-fatal TextDecoder on valid input', () => {
    const decoder = new TextDecoder();
    for (const text of SAMPLES) expect(decodeUtf8(new TextEncoder().encode(text))).toBe(decoder.decode(new TextEncoder().encode(text)));
  });

  it('replaces a truncated multi-byte sequence with U+FFFD', () => {
    expect(decodeUtf8(Uint8Array.of(0x61, 0xe2, 0x82))).toBe('a\uFFFD\uFFFD');
    expect(decodeUtf8(Uint8Array.of(0xf0, 0x9f, 0x98))).toBe('\uFFFD\uFFFD\uFFFD');
  });

  it('replaces a stray continuation byte, an overlong lead byte and an invalid lead byte with U+FFFD', () => {
    expect(decodeUtf8(Uint8Array.of(0x80))).toBe('\uFFFD');
    expect(decodeUtf8(Uint8Array.of(0xc0, 0x80))).toBe('\uFFFD\uFFFD');
    expect(decodeUtf8(Uint8Array.of(0xff, 0x41))).toBe('\uFFFDA');
  });

  it('resynchronises after a broken sequence', () => {
    expect(decodeUtf8(Uint8Array.of(0xe2, 0x41, 0x42))).toBe('\uFFFDAB');
  });
});

describe('UTF-8 on hostile bytes', () => {
  it('replaces code points past U+10FFFF instead of throwing', () => {
    expect(decodeUtf8(Uint8Array.of(0xf4, 0x90, 0x80, 0x80))).toBe('\uFFFD'.repeat(4));
  });

  it('replaces encoded UTF-16 surrogates and overlong 3- and 4-byte forms, as TextDecoder does', () => {
    const decoder = new TextDecoder();
    for (const bytes of [[0xed, 0xa0, 0x80], [0xe0, 0x80, 0x80], [0xf0, 0x80, 0x80, 0x80]]) {
      expect(decodeUtf8(Uint8Array.from(bytes))).toBe(decoder.decode(Uint8Array.from(bytes)));
    }
  });

  it('never throws on seeded random bytes and re-encodes its output losslessly', () => {
    const next = seededRandom(9);
    for (let i = 0; i < 2000; i++) {
      const bytes = Uint8Array.from({ length: 1 + Math.floor(next() * 12) }, () => Math.floor(next() * 256));
      const text = decodeUtf8(bytes);
      expect(decodeUtf8(encodeUtf8(text))).toBe(text);
    }
  });
});
