/**
 * @whittle/shared — schemas defined once (zod): wire DTOs, CLI and API bodies, error codes. May use the engine
 * for types only (`import type`), so schemas track the engine's types without pulling its code.
 * @packageDocumentation
 */
export * from './dim.ts';
export * from './error-codes.ts';
export * from './graph-view.ts';
export * from './inspect-report.ts';
export * from './prune-plan.ts';
export * from './prune-reports.ts';

// Settings the API and the workers parse alike (pure: each app's env.ts passes its variables in).
export * from './settings.ts';

// The studio server's wire contracts (API bodies and DTOs, job parameters, recipes, queues).
export * from './studio/ids.ts';
export * from './studio/benchmark.ts';
export * from './studio/jobs.ts';
export * from './studio/resources.ts';
export * from './studio/queues.ts';
