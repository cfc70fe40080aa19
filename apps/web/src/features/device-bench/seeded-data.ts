/**
 * Seeded input values, so two runs of the same benchmark feed the same bytes (mulberry32, the generator the engine
 * uses for its seeded inputs). Floats are uniform in [-1, 1); integer inputs get 0 or 1, which is a valid index for any
 * embedding or gather the input might feed; booleans alternate by the same stream.
 */

/** mulberry32: a tiny, deterministic generator of uniform numbers in [0, 1). */
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

/** Element types the benchmark can feed. */
export type FeedType = 'float32' | 'float64' | 'int32' | 'int64' | 'uint8' | 'int8' | 'bool';

/** The typed array of a feed. */
export type FeedData = Float32Array | Float64Array | Int32Array | BigInt64Array | Uint8Array | Int8Array;

/** `count` seeded values of `type`. */
export function seededData(type: FeedType, count: number, seed: number): FeedData {
  const next = seededRandom(seed);
  switch (type) {
    case 'float32':
      return Float32Array.from({ length: count }, () => next() * 2 - 1);
    case 'float64':
      return Float64Array.from({ length: count }, () => next() * 2 - 1);
    case 'int32':
      return Int32Array.from({ length: count }, () => (next() < 0.5 ? 0 : 1));
    case 'int64':
      return BigInt64Array.from({ length: count }, () => (next() < 0.5 ? 0n : 1n));
    case 'int8':
      return Int8Array.from({ length: count }, () => (next() < 0.5 ? 0 : 1));
    case 'uint8':
    case 'bool':
      return Uint8Array.from({ length: count }, () => (next() < 0.5 ? 0 : 1));
  }
}

/** Whether `type` (an onnxruntime tensor type name) is one the benchmark can feed. */
export function isFeedType(type: string): type is FeedType {
  return ['float32', 'float64', 'int32', 'int64', 'uint8', 'int8', 'bool'].includes(type);
}
