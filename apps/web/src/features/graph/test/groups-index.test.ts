import { describe, expect, it } from 'vitest';
import { indexGraph } from '../graph-index.ts';
import { isNavKey, navigate } from '../keyboard-nav.ts';
import { groupNodeIds, groupsOfNode, highlightedItems, primaryGroup } from '../pruning/groups-index.ts';
import { searchNodes } from '../search.ts';
import { visibleGraph } from '../visible-graph.ts';
import { chainGraph, groupsReport } from './fixture.ts';

describe('group highlighting', () => {
  const index = indexGraph(chainGraph(32));
  const label = (i: number) => index.nodeById.get(`n${String(i)}`)?.label ?? '';
  const report = { ...groupsReport(), groups: [
    { id: 'a:1', root: label(4), channels: 8, prunable: true, blockedBy: [], members: [{ node: label(4), side: 'out' as const, value: 'v4', axis: 1 }], nodes: [label(4), label(5), label(8)] },
    { id: 'b:1', root: label(0), channels: 8, prunable: true, blockedBy: [], members: [{ node: label(4), side: 'in' as const, value: 'v3', axis: 1 }], nodes: [label(0), label(4), 'not-in-graph'] },
  ] };

  it('a click on a layer picks the group it roots, and lists every group touching it', () => {
    expect(primaryGroup(report, label(4))?.id).toBe('a:1');
    expect(primaryGroup(report, label(0))?.id).toBe('b:1');
    expect(groupsOfNode(report, label(4)).map((g) => g.id)).toEqual(['a:1', 'b:1']);
    expect(primaryGroup(report, label(9))).toBeUndefined();
  });

  it('highlights one drawn item per group node, or the collapsed block holding it', () => {
    const group = report.groups[0];
    if (group === undefined) throw new Error('fixture');
    const ids = groupNodeIds(index, group);
    expect([...ids]).toEqual(['n4', 'n5', 'n8']);
    const open = visibleGraph(index, new Set(index.blockById.keys()));
    expect(highlightedItems(ids, open.standIn).size).toBe(3);
    const folded = visibleGraph(index, new Set(['block:/', 'block:/s0']));
    expect([...highlightedItems(ids, folded.standIn)]).toEqual(['block:/s0/b1', 'block:/s0/b2']);
  });

  it('skips labels the graph does not know', () => {
    const group = report.groups[1];
    if (group === undefined) throw new Error('fixture');
    expect(groupNodeIds(index, group).size).toBe(2);
  });
});

describe('search and keyboard navigation', () => {
  const index = indexGraph(chainGraph(16));
  it('finds exact op types first, then names', () => {
    const result = searchNodes(index, 'conv');
    expect(result.total).toBe(4);
    expect(result.hits.every((n) => n.opType === 'Conv')).toBe(true);
    expect(searchNodes(index, 'Op13').hits.map((n) => n.id)).toEqual(['n13']);
    expect(searchNodes(index, '  ').total).toBe(0);
  });

  it('arrow keys follow edges', () => {
    const view = visibleGraph(index, new Set(index.blockById.keys()));
    const positions = Object.fromEntries(view.items.map((item, i) => [item.id, { x: 0, y: i * 50 }]));
    expect(isNavKey('ArrowDown')).toBe(true);
    expect(isNavKey('Enter')).toBe(false);
    expect(navigate(view, positions, null, 'ArrowDown')).toBe('input:x');
    expect(navigate(view, positions, 'input:x', 'ArrowDown')).toBe('n0');
    expect(navigate(view, positions, 'n5', 'ArrowUp')).toBe('n4');
    expect(navigate(view, positions, 'output:y', 'ArrowDown')).toBe('output:y');
    // n4 feeds n5 and (skip) n8: Right steps from n5 to its sibling n8.
    positions.n8 = { x: 200, y: 400 };
    expect(navigate(view, positions, 'n5', 'ArrowRight')).toBe('n8');
  });
});
