import { seededRandom } from '../../src/importance/seeded-random.ts';

export { seededRandom };

/** Float32 values uniform in [lo, hi), reproducible from `seed`. */
export function seededFloats(count: number, seed: number, lo = -1, hi = 1): Float32Array {
  const next = seededRandom(seed);
  const out = new Float32Array(count);
  for (let i = 0; i < count; i++) out[i] = lo + (hi - lo) * next();
  return out;
}
