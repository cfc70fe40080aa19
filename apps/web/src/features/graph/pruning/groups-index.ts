/**
 * Dependency groups as the graph sees them: which groups touch a node, which one a click on a layer means, and which
 * drawn items light up. Groups and residual blocks name nodes by label; the canvas uses node ids.
 */
import type { GroupsReport } from '@whittle/shared';
import type { GraphIndex } from '../graph-index.ts';

/** @public */
export type GroupRow = GroupsReport['groups'][number];
/** @public */
export type ResidualBlockRow = GroupsReport['blocks'][number];

/** Ops whose click selects a group: the layers a user thinks of as having channels. @public */
export const LAYER_OPS: ReadonlySet<string> = new Set(['Conv', 'ConvTranspose', 'Gemm', 'MatMul']);

/** Every group whose changed nodes include `label`, in report order. @public */
export function groupsOfNode(report: GroupsReport, label: string): GroupRow[] {
  return report.groups.filter((g) => g.nodes.includes(label));
}

/**
 * The group a click on a layer means: the one it roots (its output channels), else one whose channels leave it, else
 * the first that touches it; undefined when none does.
 * @public
 */
export function primaryGroup(report: GroupsReport, label: string): GroupRow | undefined {
  const touching = groupsOfNode(report, label);
  return (
    touching.find((g) => g.root === label) ??
    touching.find((g) => g.members.some((m) => m.node === label && m.side === 'out')) ??
    touching[0]
  );
}

/** DTO node ids of a group's nodes (labels the graph does not know are skipped). @public */
export function groupNodeIds(index: GraphIndex, group: Pick<GroupRow, 'nodes'>): Set<string> {
  const ids = new Set<string>();
  for (const label of group.nodes) {
    const id = index.idByLabel.get(label);
    if (id !== undefined) ids.add(id);
  }
  return ids;
}

/** The drawn items to highlight for `nodeIds`: each node's stand-in (itself, or the collapsed block holding it). @public */
export function highlightedItems(nodeIds: ReadonlySet<string>, standIn: ReadonlyMap<string, string>): Set<string> {
  const items = new Set<string>();
  for (const id of nodeIds) {
    const item = standIn.get(id);
    if (item !== undefined) items.add(item);
  }
  return items;
}

/** Residual block nodes (body and the closing Add) as DTO node ids. @public */
export function residualBlockNodeIds(index: GraphIndex, block: ResidualBlockRow): Set<string> {
  return groupNodeIds(index, { nodes: [...block.nodes, block.add] });
}
