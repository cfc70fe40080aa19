import { describe, expect, it } from 'vitest';
import type { HostTensor } from '../../src/runtime/inference-runtime.ts';
import { coordinateOf, describeTensorDifference, expectTensorsClose, expectTensorsIdentical } from './expect-tensors-close.ts';
import { numbersClose, TOLERANCE, toleranceFor } from './tolerance.ts';

const f32 = (dims: readonly number[], values: readonly number[]): HostTensor => ({ type: 'float32', dims: [...dims], data: Float32Array.from(values) });

describe('numbersClose', () => {
  const tol = TOLERANCE.float32.cpu;

  it('accepts differences within abs + rel·|expected|', () => {
    expect(numbersClose(1 + 1.5e-4, 1, tol)).toBe(true);
    expect(numbersClose(1 + 3e-4, 1, tol)).toBe(false);
    expect(numbersClose(1000.05, 1000, tol)).toBe(true);
    expect(numbersClose(5e-5, 0, tol)).toBe(true);
  });

  it('treats NaN as equal to NaN and to nothing else', () => {
    expect(numbersClose(NaN, NaN, tol)).toBe(true);
    expect(numbersClose(NaN, 0, tol)).toBe(false);
    expect(numbersClose(0, NaN, tol)).toBe(false);
  });

  it('requires infinities to match in sign', () => {
    expect(numbersClose(Infinity, Infinity, tol)).toBe(true);
    expect(numbersClose(-Infinity, Infinity, tol)).toBe(false);
    expect(numbersClose(1e30, Infinity, tol)).toBe(false);
  });

  it('is exact for integer types', () => {
    expect(toleranceFor('int64')).toEqual({ abs: 0, rel: 0 });
    expect(toleranceFor('bool')).toEqual({ abs: 0, rel: 0 });
    expect(numbersClose(3, 3, TOLERANCE.exact)).toBe(true);
    expect(numbersClose(3, 4, TOLERANCE.exact)).toBe(false);
  });

  it('is looser for float16 than for float32', () => {
    expect(toleranceFor('float16').abs).toBeGreaterThan(toleranceFor('float32').abs);
    expect(toleranceFor('float16').rel).toBeGreaterThan(toleranceFor('float32').rel);
  });
});

describe('coordinateOf', () => {
  it('unravels a flat index row-major', () => {
    expect(coordinateOf(0, [2, 3, 4])).toEqual([0, 0, 0]);
    expect(coordinateOf(23, [2, 3, 4])).toEqual([1, 2, 3]);
    expect(coordinateOf(13, [2, 3, 4])).toEqual([1, 0, 1]);
    expect(coordinateOf(0, [])).toEqual([]);
  });
});

describe('expectTensorsClose', () => {
  it('passes equal tensors and tensors within tolerance', () => {
    expect(() => { expectTensorsClose(f32([2], [1, NaN]), f32([2], [1 + 1e-6, NaN])); }).not.toThrow();
  });

  it('reports the first mismatch with flat index, coordinate, values and error maxima', () => {
    const actual = f32([2, 3], [0, 1, 2, 3, 4.5, 5.25]);
    const expected = f32([2, 3], [0, 1, 2, 3, 4, 5]);
    expect(() => { expectTensorsClose(actual, expected); }).toThrow(
      'Tensors differ at flat index 4, coordinate [1,1]: actual 4.5, expected 4 (tolerance abs 0.0001, rel 0.0001).\n' +
        '2 of 6 elements differ; max abs error 0.5, max rel error 0.125.',
    );
  });

  it('reports a shape mismatch before comparing values', () => {
    expect(describeTensorDifference(f32([2, 3], [0, 0, 0, 0, 0, 0]), f32([3, 2], [0, 0, 0, 0, 0, 0]), TOLERANCE.exact)).toBe(
      'Tensors differ in shape: actual [2,3], expected [3,2].',
    );
  });

  it('reports a type mismatch', () => {
    const ints: HostTensor = { type: 'int32', dims: [1], data: Int32Array.of(1) };
    expect(describeTensorDifference(ints, f32([1], [1]), TOLERANCE.exact)).toBe('Tensors differ in type: actual int32, expected float32.');
  });

  it('compares int64 exactly as bigints', () => {
    const a: HostTensor = { type: 'int64', dims: [2], data: BigInt64Array.of(1n, (1n << 62n) + 1n) };
    const e: HostTensor = { type: 'int64', dims: [2], data: BigInt64Array.of(1n, 1n << 62n) };
    expect(() => { expectTensorsClose(a, e); }).toThrow('flat index 1, coordinate [1]: actual 4611686018427387905n, expected 4611686018427387904n');
  });

  it('decodes float16 bit patterns before comparing', () => {
    const a: HostTensor = { type: 'float16', dims: [2], data: Uint16Array.of(0x3c00, 0x3c01) };
    const e: HostTensor = { type: 'float16', dims: [2], data: Uint16Array.of(0x3c00, 0x3c00) };
    expect(() => { expectTensorsClose(a, e); }).not.toThrow();
    expect(() => { expectTensorsClose(a, e, TOLERANCE.exact); }).toThrow('actual 1.0009765625, expected 1');
  });

  it('flags infinities of the wrong sign', () => {
    expect(() => { expectTensorsClose(f32([1], [-Infinity]), f32([1], [Infinity])); }).toThrow('actual -Infinity, expected Infinity');
  });
});

describe('expectTensorsIdentical', () => {
  it('passes bitwise-equal tensors, NaN included', () => {
    expect(() => { expectTensorsIdentical(f32([2], [NaN, 1]), f32([2], [NaN, 1])); }).not.toThrow();
  });

  it('fails on -0 against 0, which the tolerance comparison would accept', () => {
    expect(() => { expectTensorsClose(f32([1], [-0]), f32([1], [0])); }).not.toThrow();
    expect(() => { expectTensorsIdentical(f32([1], [-0]), f32([1], [0])); }).toThrow('not bitwise identical at flat index 0, coordinate [0]: actual -0, expected 0');
  });

  it('fails on a one-ULP difference and names the coordinate', () => {
    const e = Float32Array.of(1, 2, 3, 4);
    const a = e.slice();
    new Uint32Array(a.buffer)[3] = (new Uint32Array(e.buffer)[3] ?? 0) + 1;
    expect(() => { expectTensorsIdentical({ type: 'float32', dims: [2, 2], data: a }, { type: 'float32', dims: [2, 2], data: e }); }).toThrow('flat index 3, coordinate [1,1]');
  });
});
