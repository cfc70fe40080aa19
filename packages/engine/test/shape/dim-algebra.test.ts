import { describe, expect, it } from 'vitest';
import { DimAlgebra } from '../../src/shape/dim-algebra.ts';

describe('DimAlgebra', () => {
  it('computes plain numbers exactly', () => {
    const d = new DimAlgebra();
    expect(d.add(2, 3)).toBe(5);
    expect(d.mul(4, 6)).toBe(24);
    expect(d.floorDiv(7, 2)).toBe(3);
    expect(d.ceilDiv(7, 2)).toBe(4);
    expect(d.floorDiv(-1, 2)).toBe(-1);
  });

  it('keeps a symbol when arithmetic cancels out', () => {
    const d = new DimAlgebra();
    expect(d.sub(d.add('H', 2), 2)).toBe('H');
    expect(d.add(d.floorDiv(d.add('H', -1), 1), 1)).toBe('H');
    expect(d.mul('N', 1)).toBe('N');
    expect(d.floorDiv(d.mul('N', 4), 4)).toBe('N');
  });

  it('renders canonical expressions, so equal computations give equal strings', () => {
    const d = new DimAlgebra();
    expect(d.mul('N', 2)).toBe('2*N');
    expect(d.mul(2, 'N')).toBe('2*N');
    expect(d.mul('W', 'H')).toBe(d.mul('H', 'W'));
    expect(d.add(d.mul('H', 'W'), d.add('H', 1))).toBe('H*W+H+1');
    expect(d.sub(1, 'H')).toBe('-H+1');
  });

  it('turns a stride-2 conv and a SAME pool into the same floor expression', () => {
    const d = new DimAlgebra();
    const conv = d.add(d.floorDiv(d.add('H', 2 - 3), 2), 1);
    const pool = d.ceilDiv('H', 2);
    expect(conv).toBe('floor((H+1)/2)');
    expect(pool).toBe(conv);
  });

  it('merges nested floor divisions', () => {
    const d = new DimAlgebra();
    const twice = d.floorDiv(d.add(d.floorDiv(d.add('W', 1), 2), 1), 2);
    expect(twice).toBe('floor((W+3)/4)');
    expect(d.floorDiv(twice, 2)).toBe('floor((W+3)/8)');
  });

  it('splits floor division into an exact part and a remainder', () => {
    const d = new DimAlgebra();
    expect(d.floorDiv(d.add(d.mul('H', 4), 3), 2)).toBe('2*H+1');
    expect(d.floorDiv(d.add(d.mul('H', 3), 1), 2)).toBe('H+floor((H+1)/2)');
  });

  it('divides by symbolic monomials exactly when every term allows it', () => {
    const d = new DimAlgebra();
    expect(d.floorDiv(d.product(['N', 3, 'H', 'W']), d.product([3, 'W']))).toBe('H*N');
    expect(d.floorDiv('H', 'W')).toBe('floor(H/W)');
  });

  it('cancels equal factors before dividing products', () => {
    const d = new DimAlgebra();
    const hp = d.add('H', 2);
    expect(d.quotientOfProducts(['N', hp, 'W', 4], ['N', 2])).toBe(d.mul(d.mul(hp, 'W'), 2));
    expect(d.quotientOfProducts([2, 3, 4], [6])).toBe(4);
  });

  it('floors fractional coefficients from float scales', () => {
    const d = new DimAlgebra();
    expect(d.floor(d.mul('H', 2))).toBe('2*H');
    expect(d.floor(d.mul('H', 0.5))).toBe('floor(H/2)');
  });

  it('makes fresh symbols that avoid reserved names', () => {
    const d = new DimAlgebra();
    d.reserve(['unk__0', 'unk__1']);
    expect(d.fresh()).toBe('unk__2');
    expect(d.fresh()).toBe('unk__3');
  });

  it('never divides by zero', () => {
    const d = new DimAlgebra();
    expect(typeof d.floorDiv(4, 0)).toBe('string');
    expect(typeof d.floorDiv('H', 0)).toBe('string');
  });
});
