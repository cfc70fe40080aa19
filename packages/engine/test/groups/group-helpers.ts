/**
 * Helpers for the dependency-group tests: build groups, find the group holding a dim, and describe it as plain data
 * (member sizes, weight slices, what one channel covers, block reasons) so each test states the structure it expects.
 */
import { buildDependencyGroups } from '../../src/groups/build-groups.ts';
import { dimKey } from '../../src/groups/dim-ref.ts';
import type { DependencyGroup, GroupAnalysis, IndexMap } from '../../src/groups/types.ts';
import type { GraphBuilder } from '../../src/ir/builder.ts';
import type { IrModel } from '../../src/ir/types.ts';
import { seededFloats } from '../helpers/seeded.ts';

export function groupsOf(model: IrModel): GroupAnalysis {
  return buildDependencyGroups(model);
}

/** The group that has `dim` (`value:axis`) as a member; throws with the list of groups when none has. */
export function groupWith(analysis: GroupAnalysis, dim: string): DependencyGroup {
  const group = analysis.groups.find((g) => g.members.some((m) => dimKey(m.dim) === dim));
  if (group === undefined) throw new Error(`no group has member ${dim}; groups: ${analysis.groups.map((g) => g.id).join(', ')}`);
  return group;
}

/** Whether some group has `dim` as a member. */
export function inSomeGroup(analysis: GroupAnalysis, dim: string): boolean {
  return analysis.groups.some((g) => g.members.some((m) => dimKey(m.dim) === dim));
}

/** Member dim → size. */
export function memberSizes(group: DependencyGroup): Record<string, number> {
  return Object.fromEntries(group.members.map((m) => [dimKey(m.dim), m.size]));
}

function formatMap(map: IndexMap): string {
  switch (map.kind) {
    case 'identity':
      return '';
    case 'offset':
      return ` offset(${String(map.offset)})`;
    case 'expand':
      return ` expand(${String(map.factor)})`;
    case 'grouped':
      return ` grouped(${String(map.aBlock)},${String(map.bBlock)})`;
  }
}

/** Weight slices as `tensor@axis` (plus the index map when not identity), sorted. */
export function paramSlices(group: DependencyGroup): string[] {
  return group.params.map((p) => `${p.tensor}@${String(p.axis)}${formatMap(p.map)}`).sort();
}

/** What channel `c` covers: member dim → indices. */
export function cover(group: DependencyGroup, c: number): Record<string, readonly number[]> {
  const cls = group.channels[c];
  if (cls === undefined) throw new Error(`group ${group.id} has ${String(group.channels.length)} channels; no channel ${String(c)}`);
  return Object.fromEntries([...cls].map(([mi, indices]) => [dimKey(group.members[mi]?.dim ?? { value: '?', axis: 0 }), indices]));
}

/** The distinct block reasons of a group. */
export function reasons(group: DependencyGroup): string[] {
  return [...new Set(group.blocks.map((b) => b.reason))];
}

/** A seeded float32 initializer in [-0.5, 0.5). */
export function weight(b: GraphBuilder, name: string, dims: readonly number[], seed: number): string {
  return b.initializer(name, 'float32', dims, seededFloats(dims.reduce((x, y) => x * y, 1), seed, -0.5, 0.5));
}

/** An int64 initializer (shapes, axes, sizes). */
export function ints(b: GraphBuilder, name: string, values: readonly number[]): string {
  return b.initializer(name, 'int64', [values.length], BigInt64Array.from(values, (v) => BigInt(v)));
}

/** A float32 initializer with the given values (scales, constants). */
export function floats(b: GraphBuilder, name: string, dims: readonly number[], values: readonly number[]): string {
  return b.initializer(name, 'float32', dims, Float32Array.from(values));
}

/** `0 … n-1`. */
export function iota(n: number, from = 0): number[] {
  return Array.from({ length: n }, (_, i) => from + i);
}
