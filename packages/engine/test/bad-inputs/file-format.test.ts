/**
 * Catalogue rows 13, 14, 19: bytes that are not an ONNX model at all. Each is refused with its own code, fast,
 * without a large allocation.
 */
import { describe, expect, it } from 'vitest';
import { EngineErrorCode } from '../../src/errors.ts';
import { PADDLE_MODELS, readPaddleModel } from '../helpers/paddle-models.ts';
import { seededRandom } from '../helpers/seeded.ts';
import { expectRefused } from './craft.ts';

function randomBytes(count: number, seed: number): Uint8Array {
  const next = seededRandom(seed);
  return Uint8Array.from({ length: count }, () => Math.floor(next() * 256));
}

/** CRC-32 (ISO-HDLC), as PNG chunks carry it. */
function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const b of bytes) {
    crc ^= b;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

/** A real 1×1 RGB PNG header: signature + IHDR chunk with its CRC. */
function minimalPng(): Uint8Array {
  const body = Uint8Array.from([
    ...[0x49, 0x48, 0x44, 0x52], // 'IHDR'
    ...[0, 0, 0, 1, 0, 0, 0, 1], // width 1, height 1
    8, 2, 0, 0, 0, // bit depth 8, colour type RGB, deflate, adaptive filter, no interlace
  ]);
  const crc = crc32(body);
  return Uint8Array.from([
    ...[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
    ...[0, 0, 0, 13],
    ...body,
    (crc >>> 24) & 0xff,
    (crc >>> 16) & 0xff,
    (crc >>> 8) & 0xff,
    crc & 0xff,
  ]);
}

describe('bytes that are not an ONNX model', () => {
  // Outcomes are fixed by the seeds: a length prefix that runs past the end reads as truncated, a bad wire type or
  // tag as a decode error.
  const seeds = [
    { seed: 1, size: 4096, code: EngineErrorCode.Truncated },
    { seed: 2, size: 4096, code: EngineErrorCode.Decode },
    { seed: 3, size: 1024, code: EngineErrorCode.Truncated },
    { seed: 4, size: 64 * 1024, code: EngineErrorCode.Decode },
    { seed: 5, size: 17, code: EngineErrorCode.Decode },
  ] as const;
  it.each(seeds)('refuses $size random bytes (seed $seed) as $code', ({ seed, size, code }) => {
    expectRefused(randomBytes(size, seed), code);
  });

  it.each(PADDLE_MODELS)('refuses the PaddleOCR $id model cut in half as truncated', ({ file }) => {
    const bytes = readPaddleModel(file);
    const { error } = expectRefused(bytes.subarray(0, bytes.byteLength >> 1), EngineErrorCode.Truncated);
    expect(error.message).toMatch(/ends early/);
  });

  it('refuses an empty file', () => {
    expectRefused(new Uint8Array(0), EngineErrorCode.EmptyFile);
  });

  it('refuses a PNG renamed .onnx and says it is a PNG', () => {
    const { error } = expectRefused(minimalPng(), EngineErrorCode.NotOnnx);
    expect(error.message).toContain('PNG');
  });

  it('refuses a ZIP (a PyTorch checkpoint) and says it is a ZIP', () => {
    // Local file header of an empty stored entry named "a".
    const zip = Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 20, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0x61]);
    const { error } = expectRefused(zip, EngineErrorCode.NotOnnx);
    expect(error.message).toContain('ZIP');
  });

  it('refuses a pickle without loading it', () => {
    // pickle.dumps({}, protocol=2)
    const pickle = Uint8Array.from([0x80, 0x02, 0x7d, 0x71, 0x00, 0x2e]);
    const { error } = expectRefused(pickle, EngineErrorCode.NotOnnx);
    expect(error.message).toContain('pickle');
  });
});
