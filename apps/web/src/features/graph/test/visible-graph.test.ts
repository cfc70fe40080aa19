import { describe, expect, it } from 'vitest';
import { indexGraph } from '../graph-index.ts';
import { defaultExpanded, revealNode, standInOf, visibleGraph } from '../visible-graph.ts';
import { chainGraph } from './fixture.ts';

describe('visible graph', () => {
  it('opens every block of a small graph and draws every node, port and edge', () => {
    const index = indexGraph(chainGraph(12));
    const expanded = defaultExpanded(index);
    expect(expanded.size).toBe(index.blockById.size);
    const view = visibleGraph(index, expanded);
    expect(view.items.map((i) => i.kind).filter((k) => k === 'node')).toHaveLength(12);
    expect(view.items).toHaveLength(14);
    expect(view.edges).toHaveLength(index.dto.edges.length);
  });

  it('leaves hidden (folded) nodes out', () => {
    const index = indexGraph(chainGraph(8, { hidden: [2] }));
    const view = visibleGraph(index, defaultExpanded(index));
    expect(view.items.some((i) => i.id === 'n2')).toBe(false);
  });

  it('collapses a large graph level by level within the threshold', () => {
    const index = indexGraph(chainGraph(640, { perBlock: 4, perStage: 64 }));
    const expanded = defaultExpanded(index, 300);
    // Root and the 10 stages open (10 stage-level items would be too few to stop at); 160 blocks fit; 640 nodes do not.
    const view = visibleGraph(index, expanded);
    expect(view.items.length).toBeLessThanOrEqual(300);
    expect(view.items.filter((i) => i.kind === 'block')).toHaveLength(160);
    expect(view.items.every((i) => i.kind !== 'block' || i.count === 4)).toBe(true);
  });

  it('merges edges between collapsed blocks and drops edges inside one', () => {
    const index = indexGraph(chainGraph(32, { perBlock: 4, perStage: 16 }));
    const view = visibleGraph(index, new Set(['block:/']));
    expect(view.items.map((i) => i.id)).toEqual(['input:x', 'block:/s0', 'block:/s1', 'output:y']);
    const between = view.edges.find((e) => e.source === 'block:/s0' && e.target === 'block:/s1');
    // The chain edge n15→n16 and the skip n12→n16.
    expect(between?.count).toBe(2);
    expect(view.edges.every((e) => e.source !== e.target)).toBe(true);
    expect(view.edges).toHaveLength(3);
  });

  it('expanding one block draws its children and keeps the others collapsed', () => {
    const index = indexGraph(chainGraph(32, { perBlock: 4, perStage: 16 }));
    const view = visibleGraph(index, new Set(['block:/', 'block:/s1']));
    expect(view.items.map((i) => i.id)).toEqual(['input:x', 'block:/s0', 'block:/s1/b4', 'block:/s1/b5', 'block:/s1/b6', 'block:/s1/b7', 'output:y']);
    expect(view.standIn.get('n17')).toBe('block:/s1/b4');
  });

  it('the outermost collapsed block stands in, whatever is open inside it', () => {
    const index = indexGraph(chainGraph(32));
    expect(standInOf(index, 'n5', new Set(['block:/', 'block:/s0/b1']))).toBe('block:/s0');
  });

  it('reveals a node by opening every block around it', () => {
    const index = indexGraph(chainGraph(32));
    const open = revealNode(index, 'n21', new Set(['block:/']));
    expect(visibleGraph(index, open).items.some((i) => i.id === 'n21')).toBe(true);
  });

  it('never folds a block with a single drawn node', () => {
    const index = indexGraph(chainGraph(5, { perBlock: 4, perStage: 4 }));
    // n4 sits alone in /s1/b1 inside /s1.
    expect(standInOf(index, 'n4', new Set(['block:/']))).toBe('n4');
  });
});
