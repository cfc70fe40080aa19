import { describe, expect, it } from 'vitest';
import { GraphBuilder } from '../../src/ir/builder.ts';
import type { IrGraph } from '../../src/ir/types.ts';
import { removeDeadCode } from '../../src/prune/cleanup.ts';

describe('removeDeadCode', () => {
  function model() {
    const b = new GraphBuilder();
    const x = b.input('x', 'float32', [2]);
    b.input('unused_input', 'float32', [2]);
    const live = b.op('Relu', [x], {}, { name: 'live' });
    const k = b.constant('k', 'float32', [2], Float32Array.of(1, 2));
    b.initializer('orphan', 'float32', [1], Float32Array.of(0));
    const dead = b.op('Add', [live, k], {}, { name: 'dead' });
    b.op('Neg', [dead], {}, { name: 'dead_too' });
    b.output(live, 'float32');
    const m = b.toModel();
    const info = (name: string) => ({ name, type: undefined, docString: '', metadataProps: [] });
    return { ...m, graph: { ...m.graph, valueInfo: [info(live), info(dead)] } };
  }

  it('removes nodes that reach no output, unread constants and their value_info; keeps graph inputs', () => {
    const out = removeDeadCode(model().graph);
    expect(out.nodes.map((n) => n.name)).toEqual(['live']);
    expect(out.initializers).toEqual([]);
    expect(out.inputs.map((i) => i.name)).toEqual(['x', 'unused_input']);
    expect(out.valueInfo.map((v) => v.name)).toEqual(['live_out']);
  });

  it('returns the same graph when nothing is dead', () => {
    const clean = removeDeadCode(model().graph);
    expect(removeDeadCode(clean)).toBe(clean);
  });

  it('keeps what an If branch reads from the outer scope', () => {
    /** A branch body `y = Identity(outer)`, where `outer` is defined only in the enclosing graph. */
    const branch = (outer: string): IrGraph => ({
      ...new GraphBuilder().toGraph(`${outer}_branch`),
      nodes: [{ name: `${outer}_id`, opType: 'Identity', domain: '', overload: '', inputs: [outer], outputs: [`${outer}_y`], attributes: [], docString: '', metadataProps: [], opaque: [] }],
      outputs: [{ name: `${outer}_y`, type: undefined, docString: '', metadataProps: [] }],
    });
    const b = new GraphBuilder();
    const c = b.input('c', 'bool', []);
    const x = b.input('x', 'float32', [2]);
    const outer = b.op('Relu', [x], {}, { name: 'outer' });
    b.output(b.op('If', [c], { then_branch: branch(outer), else_branch: branch(outer) }, { name: 'if' }), 'float32');
    const graph = b.toGraph();
    expect(removeDeadCode(graph)).toBe(graph);
  });
});
