/**
 * The recipe step kinds the builder offers, as pure data: each kind's draft (what its form edits, as typed text),
 * defaults taken from the shared schema, and the conversion of a draft into a step checked by that schema. Adding a
 * kind: its schema in @whittle/shared (`recipeStepSchema`), a draft + entry here, a form in `step-forms.tsx` — the
 * mapped types make both registries incomplete (a type error) until the kind is in each.
 */
import { benchmarkStepSchema, type pruneCriterionSchema, pruneStepSchema, recipeStepSchema, type RecipeStep } from '@whittle/shared';
import type { z } from 'zod';
import { parseInputShapes, parseIntegerList, parseOptionalNumber, type Parsed } from './text-fields.ts';

/** @public */
export type StepKind = RecipeStep['kind'];

/** @public */
export type PruneCriterion = z.infer<typeof pruneCriterionSchema>;

/** @public */
export interface PruneDraft {
  readonly kind: 'prune';
  readonly ratio: string;
  /** Empty: the engine's default criterion. */
  readonly criterion: PruneCriterion | '';
  readonly roundTo: string;
  readonly global: boolean;
  readonly foldBatchNorm: boolean;
  readonly inputShapes: string;
}

/** @public */
export interface BenchmarkDraft {
  readonly kind: 'benchmark';
  readonly threads: string;
  readonly batchSizes: string;
  readonly warmupRuns: string;
  readonly minRuns: string;
  readonly maxRuns: string;
  readonly maxSecondsPerSeries: string;
  readonly inputShapes: string;
}

/** The draft of each kind. @public */
export interface StepDrafts {
  readonly prune: PruneDraft;
  readonly benchmark: BenchmarkDraft;
}

/** @public */
export type StepDraft = StepDrafts[StepKind];

/** A step ready for a recipe (already checked by its kind's schema), or the messages saying what is wrong. @public */
export type BuiltStep = { readonly ok: true; readonly step: RecipeStep } | { readonly ok: false; readonly errors: readonly string[] };

/** @public */
export interface StepKindEntry<D extends StepDraft> {
  readonly label: string;
  readonly description: string;
  initial(): D;
  build(draft: D): BuiltStep;
}

/** Zod issues as "path: message" lines, the path relative to the step. @public */
export function issueLines(error: z.ZodError): string[] {
  return error.issues.map((issue) => (issue.path.length === 0 ? issue.message : `${issue.path.join('.')}: ${issue.message}`));
}

/** Runs the field parsers; the first failures become the errors, otherwise the values. */
function collect<T extends Record<string, Parsed<unknown>>>(fields: T): { ok: true; values: { [K in keyof T]: T[K] extends Parsed<infer V> ? V : never } } | { ok: false; errors: string[] } {
  const errors: string[] = [];
  const values: Record<string, unknown> = {};
  for (const [key, parsed] of Object.entries(fields)) {
    if (parsed.ok) values[key] = parsed.value;
    else errors.push(parsed.error);
  }
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, values: values as { [K in keyof T]: T[K] extends Parsed<infer V> ? V : never } };
}

/** Checks a raw step with the shared union (the kind's own schema inside it). */
function checked(schema: z.ZodType, raw: unknown): BuiltStep {
  const own = schema.safeParse(raw);
  if (!own.success) return { ok: false, errors: issueLines(own.error) };
  const step = recipeStepSchema.safeParse(raw);
  return step.success ? { ok: true, step: step.data } : { ok: false, errors: issueLines(step.error) };
}

const benchmarkDefaults = benchmarkStepSchema.parse({ kind: 'benchmark' });
const pruneDefaults = pruneStepSchema.parse({ kind: 'prune', plan: { version: 1, ratio: 0.5 } });

const prune: StepKindEntry<PruneDraft> = {
  label: 'Prune',
  description: 'Remove a share of channels from every prunable group (structured pruning).',
  initial: () => ({
    kind: 'prune',
    ratio: String(pruneDefaults.plan.ratio ?? 0.5),
    criterion: '',
    roundTo: '',
    global: false,
    foldBatchNorm: pruneDefaults.foldBatchNorm,
    inputShapes: '',
  }),
  build: (draft) => {
    const fields = collect({
      ratio: parseOptionalNumber('ratio', draft.ratio),
      roundTo: parseOptionalNumber('round to', draft.roundTo),
      inputShapes: parseInputShapes(draft.inputShapes),
    });
    if (!fields.ok) return fields;
    const { ratio, roundTo, inputShapes } = fields.values;
    if (ratio === undefined) return { ok: false, errors: ['ratio: give a fraction of channels to remove, e.g. 0.3'] };
    const plan = {
      version: 1,
      ratio,
      ...(draft.criterion !== '' && { criterion: draft.criterion }),
      ...(roundTo !== undefined && { roundTo }),
      ...(draft.global && { global: true }),
    };
    return checked(pruneStepSchema, { kind: 'prune', plan, foldBatchNorm: draft.foldBatchNorm, ...(inputShapes !== undefined && { inputShapes }) });
  },
};

const benchmark: StepKindEntry<BenchmarkDraft> = {
  label: 'Benchmark',
  description: 'Measure latency with onnxruntime on the worker (warm-up, then runs until the median is stable).',
  initial: () => ({
    kind: 'benchmark',
    threads: benchmarkDefaults.threads.join(', '),
    batchSizes: benchmarkDefaults.batchSizes.join(', '),
    warmupRuns: String(benchmarkDefaults.warmupRuns),
    minRuns: String(benchmarkDefaults.minRuns),
    maxRuns: String(benchmarkDefaults.maxRuns),
    maxSecondsPerSeries: String(benchmarkDefaults.maxSecondsPerSeries),
    inputShapes: '',
  }),
  build: (draft) => {
    const fields = collect({
      threads: parseIntegerList('threads', draft.threads),
      batchSizes: parseIntegerList('batch sizes', draft.batchSizes),
      warmupRuns: parseOptionalNumber('warm-up runs', draft.warmupRuns),
      minRuns: parseOptionalNumber('min runs', draft.minRuns),
      maxRuns: parseOptionalNumber('max runs', draft.maxRuns),
      maxSecondsPerSeries: parseOptionalNumber('max seconds per series', draft.maxSecondsPerSeries),
      inputShapes: parseInputShapes(draft.inputShapes),
    });
    if (!fields.ok) return fields;
    // Empty optional fields fall back to the schema's defaults.
    const raw = Object.fromEntries(Object.entries(fields.values).filter(([, value]) => value !== undefined));
    return checked(benchmarkStepSchema, { kind: 'benchmark', ...raw });
  },
};

/** Every step kind's entry, keyed by kind. @public */
export const STEP_KINDS: { readonly [K in StepKind]: StepKindEntry<StepDrafts[K]> } = { prune, benchmark };

/** The kinds in menu order. @public */
export const STEP_KIND_ORDER: readonly StepKind[] = ['prune', 'benchmark'];

/** Builds any draft with its kind's entry. @public */
export function buildStep(draft: StepDraft): BuiltStep {
  switch (draft.kind) {
    case 'prune':
      return STEP_KINDS.prune.build(draft);
    case 'benchmark':
      return STEP_KINDS.benchmark.build(draft);
  }
}

/** A fresh draft of a kind. @public */
export function initialDraft(kind: StepKind): StepDraft {
  return STEP_KINDS[kind].initial();
}
