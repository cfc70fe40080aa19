/**
 * A light "graph diff" of a variant against its parent, read from the prune report the step stored (not from the two
 * graphs): which dependency groups lost channels (before → after), which residual blocks were dropped, and which nodes
 * the rewrite touched. dtype changes arrive with quantization (W5), whose report will say them.
 */
import { z } from 'zod';

const reportSchema = z.object({
  groups: z.array(z.object({ id: z.string(), channelsBefore: z.number(), channelsAfter: z.number() })),
  nodesTouched: z.array(z.string()),
  blocksDropped: z.array(z.string()).optional(),
  channelsRemoved: z.number().optional(),
});

/** What a prune step changed. */
export interface StepChanges {
  /** Groups whose channel count changed, most channels removed first. */
  readonly groups: readonly { readonly id: string; readonly before: number; readonly after: number }[];
  readonly blocksDropped: readonly string[];
  readonly nodesTouched: readonly string[];
  readonly channelsRemoved: number;
}

/** The changes in `report`, or undefined when it is not a prune report (the original, another step kind). */
export function stepChanges(report: unknown): StepChanges | undefined {
  const parsed = reportSchema.safeParse(report);
  if (!parsed.success) return undefined;
  const groups = parsed.data.groups
    .filter((g) => g.channelsAfter !== g.channelsBefore)
    .map((g) => ({ id: g.id, before: g.channelsBefore, after: g.channelsAfter }))
    .sort((a, b) => b.before - b.after - (a.before - a.after) || a.id.localeCompare(b.id));
  const channelsRemoved = parsed.data.channelsRemoved ?? groups.reduce((sum, g) => sum + g.before - g.after, 0);
  return { groups, blocksDropped: parsed.data.blocksDropped ?? [], nodesTouched: parsed.data.nodesTouched, channelsRemoved };
}
