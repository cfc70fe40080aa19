/** Seeded numbers for test inputs and weights: the engine's own generator (mulberry32), so tests and code agree. */
export { seededFloats, seededRandom } from '../../src/importance/seeded-random.ts';
