/**
 * Seeded input values, so two runs of the same benchmark feed the same bytes (the engine's mulberry32 `seededRandom`).
 * Floats are uniform in [-1, 1); integer inputs get 0 or 1, which is a valid index for any embedding or gather the
 * input might feed; booleans alternate by the same stream.
 */
import { seededRandom } from '@whittle/engine';

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
