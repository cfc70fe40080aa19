import { describe, expect, it } from 'vitest';
import { formatInputShapes, parseInputShapes, parseIntegerList, parseOptionalNumber } from './text-fields.ts';

describe('parseInputShapes', () => {
  it('reads one or several name=dims entries', () => {
    expect(parseInputShapes('x=1,3,48,192')).toEqual({ ok: true, value: { x: [1, 3, 48, 192] } });
    expect(parseInputShapes(' x = 1, 3,48 ,192 ; mask=1,48\ny.2:0=4')).toEqual({ ok: true, value: { x: [1, 3, 48, 192], mask: [1, 48], 'y.2:0': [4] } });
  });

  it('treats empty text as no shapes', () => {
    expect(parseInputShapes('')).toEqual({ ok: true, value: undefined });
    expect(parseInputShapes(' ; \n ')).toEqual({ ok: true, value: undefined });
  });

  it.each([
    ['1,3,48,192', "input shapes: '1,3,48,192' is not name=d1,d2,…"],
    ['=1,2', "input shapes: '=1,2' is not name=d1,d2,…"],
    ['x=', 'input shapes: x: give at least one number'],
    ['x=1,3.5', "input shapes: x: '3.5' is not a whole number"],
    ['x=1,-3', "input shapes: x: '-3' is not a whole number"],
    ['x=1; x=2', "input shapes: 'x' is given twice"],
  ])('%s → %s', (text, error) => {
    expect(parseInputShapes(text)).toEqual({ ok: false, error });
  });

  it('round-trips with formatInputShapes', () => {
    const shapes = { x: [1, 3, 48, 192], mask: [1, 48] };
    expect(parseInputShapes(formatInputShapes(shapes))).toEqual({ ok: true, value: shapes });
    expect(formatInputShapes(undefined)).toBe('');
  });
});

describe('number fields', () => {
  it('parses optional numbers, leaving range checks to the schemas', () => {
    expect(parseOptionalNumber('ratio', ' 0.3 ')).toEqual({ ok: true, value: 0.3 });
    expect(parseOptionalNumber('ratio', '')).toEqual({ ok: true, value: undefined });
    expect(parseOptionalNumber('ratio', '7')).toEqual({ ok: true, value: 7 });
    expect(parseOptionalNumber('ratio', 'half')).toEqual({ ok: false, error: "ratio: 'half' is not a number" });
  });

  it('parses integer lists', () => {
    expect(parseIntegerList('threads', '1, 2 4')).toEqual({ ok: true, value: [1, 2, 4] });
    expect(parseIntegerList('threads', ' ')).toEqual({ ok: false, error: 'threads: give at least one number' });
  });
});
