import { describe, expect, it } from 'vitest';
import { EngineErrorCode } from '../../src/errors.ts';
import type { DependencyGroup, GroupAnalysis } from '../../src/groups/types.ts';
import { resolveRemovals } from '../../src/prune/resolve-removals.ts';
import { expectEngineError } from '../helpers/expect-engine-error.ts';

/**
 * A group whose member b (2 indices) covers only channels 0 and 1 of member a (4 indices) — the shape of a Concat
 * input inside its output, or of a Slice of the channels.
 */
const group: DependencyGroup = {
  id: 'a:1',
  root: 'conv',
  sources: [{ value: 'a', axis: 1 }],
  members: [
    { dim: { value: 'a', axis: 1 }, size: 4, producer: 'conv' },
    { dim: { value: 'b', axis: 1 }, size: 2, producer: 'slice' },
  ],
  params: [],
  nodes: ['conv', 'slice'],
  channels: [
    new Map([[0, [0]], [1, [0]]]),
    new Map([[0, [1]], [1, [1]]]),
    new Map([[0, [2]]]),
    new Map([[0, [3]]]),
  ],
  blocks: [],
};
const analysis: GroupAnalysis = { groups: [group] };

describe('resolveRemovals', () => {
  it('sorts and deduplicates channels and skips empty removals', () => {
    expect(resolveRemovals(analysis, [{ group: 'a:1', channels: [3, 1, 3] }])).toEqual([{ group, removed: [1, 3] }]);
    expect(resolveRemovals(analysis, [{ group: 'a:1', channels: [] }])).toEqual([]);
  });

  it('refuses to leave any member dim without an index, even when the group keeps channels', () => {
    const error = expectEngineError(() => resolveRemovals(analysis, [{ group: 'a:1', channels: [0, 1] }]), EngineErrorCode.PlanInvalid);
    expect(error.message).toBe("Group 'a:1': a group must keep at least one channel in every member; the plan leaves b:1 with none of its 2.");
  });

  it('refuses unknown ids with PLAN_MISMATCH and lists the known ones', () => {
    const error = expectEngineError(() => resolveRemovals(analysis, [{ group: 'zzz:1', channels: [0] }]), EngineErrorCode.PlanMismatch);
    expect(error.message).toContain("expected one of 'a:1'");
  });

  it('checks the id of an empty removal too', () => {
    expectEngineError(() => resolveRemovals(analysis, [{ group: 'zzz:1', channels: [] }]), EngineErrorCode.PlanMismatch);
  });

  it('refuses negative channels and blocked groups, with the blocking reason', () => {
    expectEngineError(() => resolveRemovals(analysis, [{ group: 'a:1', channels: [-1] }]), EngineErrorCode.PlanInvalid);
    const blocked: GroupAnalysis = { groups: [{ ...group, channels: [], blocks: [{ dim: { value: 'b', axis: 1 }, reason: 'unknown op Foo' }] }] };
    const error = expectEngineError(() => resolveRemovals(blocked, [{ group: 'a:1', channels: [0] }]), EngineErrorCode.PlanInvalid);
    expect(error.message).toContain('unknown op Foo');
  });
});
