import type { DependencyGroup } from '../groups/types.ts';
import { nodeLabel } from '../ir/attributes.ts';
import { indexGraph } from '../ir/graph-index.ts';
import type { IrModel, IrNode } from '../ir/types.ts';
import type { InferenceRuntime } from '../runtime/inference-runtime.ts';
import type { CalibrationSource, ImportanceContext } from './types.ts';

/** @public */
export interface ImportanceContextOptions {
  readonly seed?: number;
  readonly runtime?: InferenceRuntime;
  readonly calibration?: CalibrationSource;
  readonly inputShapes?: Readonly<Record<string, readonly number[]>>;
  readonly signal?: { readonly aborted: boolean };
}

/** An importance context plus the remarks its strategies made, merged by message. @public */
export interface ImportanceSession {
  readonly ctx: ImportanceContext;
  /** The remarks so far, one line per distinct message (subjects listed, at most 5 named). */
  notes(): string[];
}

/** Builds the context every strategy reads for `model`'s `groups`. @public */
export function createImportanceContext(model: IrModel, groups: readonly DependencyGroup[], options: ImportanceContextOptions = {}): ImportanceSession {
  const remarks = new Map<string, Set<string>>();
  const nodes = new Map<string, IrNode>();
  for (const n of model.graph.nodes) nodes.set(nodeLabel(n), n);
  const ctx: ImportanceContext = {
    model,
    index: indexGraph(model.graph),
    nodes,
    groups,
    seed: options.seed ?? 0,
    runtime: options.runtime,
    calibration: options.calibration,
    inputShapes: options.inputShapes ?? {},
    signal: options.signal,
    note(message, subject) {
      let subjects = remarks.get(message);
      if (subjects === undefined) {
        subjects = new Set();
        remarks.set(message, subjects);
      }
      if (subject !== undefined) subjects.add(subject);
    },
  };
  return {
    ctx,
    notes: () =>
      [...remarks].map(([message, subjects]) => {
        if (subjects.size === 0) return message;
        const list = [...subjects];
        const named = list.slice(0, 5).join(', ');
        return `${message} (${String(list.length)} group${list.length === 1 ? '' : 's'}: ${named}${list.length > 5 ? ', …' : ''})`;
      }),
  };
}
