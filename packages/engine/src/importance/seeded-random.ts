import { fnv1a64 } from '../ir/fingerprint.ts';

/** mulberry32: a tiny, fast, seeded generator of uniform numbers in [0, 1). Deterministic on every platform. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A 32-bit seed derived from a base seed and a name, so each group draws its own stream regardless of order. */
export function deriveSeed(seed: number, name: string): number {
  return Number.parseInt(fnv1a64(`${String(seed)}:${name}`).slice(8), 16) >>> 0;
}

/** `count` float32 values uniform in [lo, hi), reproducible from `seed` (seeded inputs, weights, calibration). */
export function seededFloats(count: number, seed: number, lo = -1, hi = 1): Float32Array {
  const next = seededRandom(seed);
  const out = new Float32Array(count);
  for (let i = 0; i < count; i++) out[i] = lo + (hi - lo) * next();
  return out;
}
