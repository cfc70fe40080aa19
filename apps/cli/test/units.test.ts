import { describe, expect, it } from 'vitest';
import { GraphBuilder } from '@whittle/engine';
import { CliError } from '../src/cli-error.ts';
import { loadCliEnv } from '../src/env.ts';
import { checkInputShapes, parseInputShapes } from '../src/input-shapes.ts';
import { formatBytes, formatCount, formatShape } from '../src/output/format.ts';
import { renderTable } from '../src/output/table.ts';

describe('loadCliEnv', () => {
  it('resolves relative paths against INIT_CWD when pnpm sets it', () => {
    expect(loadCliEnv({ INIT_CWD: '/home/me/models' }, '/repo')).toEqual({ baseDir: '/home/me/models' });
  });

  it('falls back to the working directory', () => {
    expect(loadCliEnv({}, '/repo')).toEqual({ baseDir: '/repo' });
    expect(loadCliEnv({ INIT_CWD: '  ' }, '/repo')).toEqual({ baseDir: '/repo' });
  });
});

describe('--input-shape', () => {
  it('parses several inputs', () => {
    expect(parseInputShapes(['x=1,3,320,320', 'mask=1, 320'])).toEqual({ x: [1, 3, 320, 320], mask: [1, 320] });
  });

  it('keeps names that contain "="', () => {
    expect(parseInputShapes(['a=b=2,2'])).toEqual({ 'a=b': [2, 2] });
  });

  it('refuses malformed values and repeated names', () => {
    for (const bad of ['x', '=1,2', 'x=', 'x=1,,2', 'x=-1', 'x=1.5', 'x=N,3']) {
      expect(() => parseInputShapes([bad]), bad).toThrow(CliError);
    }
    expect(() => parseInputShapes(['x=1', 'x=2'])).toThrow(/twice/);
  });

  it('checks names, ranks and fixed dims against the model', () => {
    const b = new GraphBuilder();
    b.output(b.op('Relu', [b.input('x', 'float32', ['N', 3, 'H', 'W'])]), 'float32');
    const model = b.toModel();
    expect(() => { checkInputShapes(model, { x: [2, 3, 8, 8] }); }).not.toThrow();
    expect(() => { checkInputShapes(model, { y: [1] }); }).toThrow(/not an input/);
    expect(() => { checkInputShapes(model, { x: [2, 3, 8] }); }).toThrow(/gives 3 dims/);
    expect(() => { checkInputShapes(model, { x: [2, 4, 8, 8] }); }).toThrow(/fixes it at 3/);
  });
});

describe('human output helpers', () => {
  it('formats counts, bytes and shapes', () => {
    expect(formatCount(999)).toBe('999');
    expect(formatCount(16_315_376)).toBe('16.3 M');
    expect(formatCount(702_469_440)).toBe('702 M');
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(534_656)).toBe('522 KiB');
    expect(formatShape(['N', 3, 48, 192])).toBe('[N, 3, 48, 192]');
    expect(formatShape(null)).toBe('?');
  });

  it('aligns table columns, numbers to the right', () => {
    expect(renderTable([{ header: 'op' }, { header: 'n', align: 'right' }], [['Conv', '53'], ['Add', '7']])).toBe(
      ['  op     n', '  ────  ──', '  Conv  53', '  Add    7', ''].join('\n'),
    );
  });
});
