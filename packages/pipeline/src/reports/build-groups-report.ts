/** Builds the `whittle groups` report: dependency groups with their members, and residual-block candidates. */
import {
  buildDependencyGroups,
  findResidualBlocks,
  indexGraph,
  inferShapes,
  modelFingerprint,
  nodeLabel,
  type DependencyGroup,
  type GraphIndex,
  type IrModel,
  type ShapeInferenceResult,
} from '@whittle/engine';
import type { GroupsReport } from '@whittle/shared';
import type { InputShapes } from '../input-shapes.ts';
import type { LoadedModel } from '../loaded-model.ts';
import { groupImportances } from './group-importance.ts';

type MemberRow = GroupsReport['groups'][number]['members'][number];

function dimKey(value: string, axis: number): string {
  return `${value}:${String(axis)}`;
}

/** Every (node, side, value, axis) of a group: producers and readers of its member dims, and its weight slices. */
function memberRows(group: DependencyGroup, index: GraphIndex): MemberRow[] {
  const inGroup = new Set(group.nodes);
  const rows: MemberRow[] = [];
  const seen = new Set<string>();
  const add = (row: MemberRow): void => {
    const key = `${row.node}\u0000${row.side}\u0000${row.value}\u0000${String(row.axis)}`;
    if (seen.has(key)) return;
    seen.add(key);
    rows.push(row);
  };
  for (const m of group.members) {
    add({ node: m.producer, side: 'out', value: m.dim.value, axis: m.dim.axis });
    for (const reader of index.consumers.get(m.dim.value) ?? []) {
      const label = nodeLabel(reader);
      if (inGroup.has(label)) add({ node: label, side: 'in', value: m.dim.value, axis: m.dim.axis });
    }
  }
  for (const p of group.params) add({ node: p.node, side: 'param', value: p.tensor, axis: p.axis });
  return rows;
}

function channelCount(group: DependencyGroup): number {
  if (group.channels.length > 0) return group.channels.length;
  return group.members.find((m) => dimKey(m.dim.value, m.dim.axis) === group.id)?.size ?? 0;
}

/** The groups report for `model` under `shapes` (computed with `inputShapes`). @public */
export function groupsReportOf(file: string, model: IrModel, shapes: ShapeInferenceResult, inputShapes: InputShapes): GroupsReport {
  const { groups } = buildDependencyGroups(model, { shapes });
  const index = indexGraph(model.graph);
  const blocks = findResidualBlocks(model, shapes);
  const prunable = groups.filter((g) => g.blocks.length === 0).length;
  const importance = groupImportances(model, groups);
  const notes = [
    'A group is every tensor axis whose channels must be removed together (DepGraph, Fang et al. CVPR 2023); plans name groups by id.',
    'Block params and MACs are static estimates from the graph, not measurements.',
  ];
  if (blocks.some((b) => b.macs === undefined)) notes.push('Some block MACs are unknown because inputs have symbolic dims; give --input-shape.');
  return {
    file,
    fingerprint: modelFingerprint(model),
    inputShapes,
    summary: { groups: groups.length, prunable, blocked: groups.length - prunable, blocks: blocks.length },
    groups: groups.map((g) => {
      const scores = importance.get(g);
      return {
        id: g.id,
        root: g.root,
        channels: channelCount(g),
        prunable: g.blocks.length === 0,
        blockedBy: [...new Set(g.blocks.map((b) => b.reason))],
        members: memberRows(g, index),
        nodes: g.nodes,
        ...(scores !== undefined && { importance: scores }),
      };
    }),
    blocks: blocks.map((b) => ({ id: b.id, add: b.add, entry: b.entry, nodes: b.nodes, params: b.params, macs: b.macs ?? null })),
    notes,
  };
}

/** Loads shapes for `loaded` and builds its groups report. @public */
export function buildGroupsReport(loaded: LoadedModel, inputShapes: InputShapes): GroupsReport {
  return groupsReportOf(loaded.file, loaded.model, inferShapes(loaded.model, { inputShapes }), inputShapes);
}
