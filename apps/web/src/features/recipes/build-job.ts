/**
 * Recipe builder drafts → a `POST /api/projects/:projectId/jobs` body, validated with the shared `createJobBodySchema`
 * before anything is sent (the API checks it again, and the worker once more).
 */
import { createJobBodySchema, type CreateJobBody, type RecipeStep } from '@whittle/shared';
import { buildStep, issueLines, type StepDraft } from './step-kinds.ts';

/** A job body, or the messages per step (by index) and for the whole recipe. @public */
export type BuiltJob =
  | { readonly ok: true; readonly body: CreateJobBody }
  | { readonly ok: false; readonly stepErrors: ReadonlyMap<number, readonly string[]>; readonly errors: readonly string[] };

function validated(raw: unknown): BuiltJob {
  const body = createJobBodySchema.safeParse(raw);
  return body.success ? { ok: true, body: body.data } : { ok: false, stepErrors: new Map(), errors: issueLines(body.error) };
}

/** A `recipe` job running every step in order on the source variant. @public */
export function buildRecipeJob(variantId: string, drafts: readonly StepDraft[]): BuiltJob {
  if (drafts.length === 0) return { ok: false, stepErrors: new Map(), errors: ['Add at least one step.'] };
  const stepErrors = new Map<number, readonly string[]>();
  const steps: RecipeStep[] = [];
  drafts.forEach((draft, index) => {
    const built = buildStep(draft);
    if (built.ok) steps.push(built.step);
    else stepErrors.set(index, built.errors);
  });
  if (stepErrors.size > 0) return { ok: false, stepErrors, errors: [] };
  return validated({ kind: 'recipe', params: { variantId, recipe: { version: 1, steps } } });
}

/** One step as its own job (a `prune` or `benchmark` job: the step's fields are the job's parameters). @public */
export function buildSingleStepJob(variantId: string, draft: StepDraft): BuiltJob {
  const built = buildStep(draft);
  if (!built.ok) return { ok: false, stepErrors: new Map([[0, built.errors]]), errors: [] };
  const { kind, ...params } = built.step;
  return validated({ kind, params: { variantId, ...params } });
}
