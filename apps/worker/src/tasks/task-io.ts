/**
 * What crosses the sandbox boundary, both ways. Inputs are file paths in the job's work folder plus parameters;
 * outputs are small JSON documents. The parent validates every output with these schemas: the child has parsed an
 * untrusted model, so what it says is checked like any other untrusted input (DESIGN.md §8).
 */
import { z } from 'zod';
import {
  benchmarkResultsSchema,
  pruneCommandReportSchema,
  variantMetricsSchema,
  type BenchmarkSettings,
  type InputShapes,
  type PrunePlanDocument,
} from '@whittle/shared';
import type { TaskName } from './task-modules.ts';

const labelSchema = z.string().min(1).max(200);

/** @public */
export interface AnalyzeTaskInput {
  readonly modelPath: string;
  /** The upload's display name, for the reports (never used as a path). */
  readonly fileName: string;
  /** Where the task writes the analysis JSON. */
  readonly analysisPath: string;
}

/** @public */
export const analyzeTaskOutputSchema = z.object({ metrics: variantMetricsSchema, engineVersion: labelSchema });

/** @public */
export interface PruneTaskInput {
  readonly modelPath: string;
  /** Where the task writes the pruned model. */
  readonly outputPath: string;
  readonly fileName: string;
  readonly step: {
    readonly plan: PrunePlanDocument;
    readonly foldBatchNorm: boolean;
    readonly inputShapes?: InputShapes;
    /** Written into the output's metadata_props: the variant's lineage travels with the file (DESIGN.md §5). */
    readonly lineage?: Readonly<Record<string, string>>;
  };
}

/** @public */
export const pruneTaskOutputSchema = z.object({
  report: pruneCommandReportSchema,
  metrics: variantMetricsSchema,
  engineVersion: labelSchema,
});

/** @public */
export interface BenchmarkTaskInput {
  readonly modelPath: string;
  readonly settings: BenchmarkSettings;
}

/** @public */
export const benchmarkTaskOutputSchema = z.object({
  results: benchmarkResultsSchema,
  /** The machine, as the pipeline labels it (host + CPU model). */
  device: labelSchema,
});

/** Input and output of each task, for the typed `runTask`. */
export interface TaskTypes {
  analyze: { input: AnalyzeTaskInput; output: z.infer<typeof analyzeTaskOutputSchema> };
  prune: { input: PruneTaskInput; output: z.infer<typeof pruneTaskOutputSchema> };
  benchmark: { input: BenchmarkTaskInput; output: z.infer<typeof benchmarkTaskOutputSchema> };
}

export const TASK_OUTPUT_SCHEMAS: { readonly [N in TaskName]: z.ZodType<TaskTypes[N]['output']> } = {
  analyze: analyzeTaskOutputSchema,
  prune: pruneTaskOutputSchema,
  benchmark: benchmarkTaskOutputSchema,
};
