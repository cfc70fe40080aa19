import { describe, expect, it } from 'vitest';
import { EngineErrorCode } from '../../src/errors.ts';
import { attrFloat, attrFloats, attrInt, attrInts, attrString, attrTensor, nodeLabel, normalizeDomain, subgraphsOf } from '../../src/ir/attributes.ts';
import { float, GraphBuilder } from '../../src/ir/builder.ts';
import type { IrNode } from '../../src/ir/types.ts';
import { expectEngineError } from '../helpers/expect-engine-error.ts';

function customNode(): IrNode {
  const b = new GraphBuilder();
  const x = b.input('x', 'float32', [4]);
  const branch = new GraphBuilder().toGraph('branch');
  b.op(
    'Custom',
    [x],
    { end: (1n << 63n) - 1n, axes: [0, -1], alpha: float(2), scales: float([0.5, 4]), mode: 'nearest', then_branch: branch, else_branch: branch },
    { name: '' },
  );
  const node = b.toGraph().nodes[0];
  if (node === undefined) throw new Error('no node');
  return node;
}

describe('attribute accessors', () => {
  const node = customNode();

  it('reads INT attributes as numbers, clamping the INT64_MAX sentinel', () => {
    expect(attrInt(node, 'end')).toBe(Number.MAX_SAFE_INTEGER);
    expect(attrInts(node, 'axes')).toEqual([0, -1]);
  });

  it('returns the fallback for a missing attribute, and undefined without one', () => {
    expect(attrInt(node, 'group', 1)).toBe(1);
    expect(attrInt(node, 'group')).toBeUndefined();
    expect(attrInts(node, 'pads', [0, 0])).toEqual([0, 0]);
    expect(attrString(node, 'auto_pad', 'NOTSET')).toBe('NOTSET');
  });

  it('reads FLOAT(S), STRING and accepts an INT where a FLOAT is asked for', () => {
    expect(attrFloat(node, 'alpha')).toBe(2);
    expect(attrFloats(node, 'scales')).toEqual([0.5, 4]);
    expect(attrString(node, 'mode')).toBe('nearest');
    expect(attrFloat(node, 'end')).toBe(Number((1n << 63n) - 1n));
  });

  it('throws ENGINE_ERR_INVALID_ATTRIBUTE when the type is wrong, naming expected and found', () => {
    const error = expectEngineError(() => attrInt(node, 'mode'), EngineErrorCode.InvalidAttribute);
    expect(error.message).toContain('STRING');
    expect(error.message).toContain('expected INT');
    expectEngineError(() => attrTensor(node, 'alpha'), EngineErrorCode.InvalidAttribute);
  });

  it('collects GRAPH attributes as subgraphs', () => {
    expect(subgraphsOf(node).map((g) => g.name)).toEqual(['branch', 'branch']);
  });
});

describe('nodeLabel and normalizeDomain', () => {
  it('labels an unnamed node by op type and first output', () => {
    expect(nodeLabel({ ...customNode(), name: '', outputs: ['', 'y'] })).toBe('Custom→y');
    expect(nodeLabel({ ...customNode(), name: '', outputs: [] })).toBe('<Custom>');
    expect(nodeLabel({ ...customNode(), name: '/blk/conv' })).toBe('/blk/conv');
  });

  it("maps '' to 'ai.onnx' and leaves other domains alone", () => {
    expect(['', 'ai.onnx', 'com.microsoft'].map(normalizeDomain)).toEqual(['ai.onnx', 'ai.onnx', 'com.microsoft']);
  });
});
