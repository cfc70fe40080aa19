import type { CreateJobBody, VariantDto } from '@whittle/shared';
import { useId, useRef, useState, type JSX } from 'react';
import { hrefOf } from '../../app/router.ts';
import { useCreateJob } from '../../api/queries.ts';
import { ErrorView } from '../../ui/error-view.tsx';
import { formatBytes, shortId } from '../../ui/format.ts';
import { useToast } from '../../ui/toast-context.ts';
import { jobTitle } from '../jobs/job-title.ts';
import { buildRecipeJob, buildSingleStepJob, type BuiltJob } from './build-job.ts';
import { StepForm } from './step-forms.tsx';
import { initialDraft, STEP_KIND_ORDER, STEP_KINDS, type StepDraft, type StepKind } from './step-kinds.ts';

interface StepItem {
  /** Stable React key (steps move and are removed). */
  readonly key: number;
  readonly draft: StepDraft;
}

function variantLabel(variant: VariantDto): string {
  return `${shortId(variant.id)} · step ${String(variant.step)} · ${formatBytes(variant.metrics.fileBytes)}`;
}

/**
 * Build a recipe (prune → benchmark by default, the path DESIGN.md §6 makes natural) for a chosen source variant and
 * launch it as one job, or run a single step as its own job. Everything is validated with the shared schemas first;
 * what is wrong is shown next to the step.
 * @public
 */
export function RecipeBuilder({ projectId, variants }: { readonly projectId: string; readonly variants: readonly VariantDto[] }): JSX.Element {
  const ready = variants.filter((variant) => variant.status === 'ready');
  const [chosen, setChosen] = useState<string | null>(null);
  // Default: the newest upload as it came (step 0), where a recipe usually starts.
  const source = ready.find((variant) => variant.id === chosen) ?? ready.filter((variant) => variant.step === 0).at(-1) ?? ready.at(-1);
  const nextKey = useRef(3);
  const [steps, setSteps] = useState<readonly StepItem[]>(() => [
    { key: 1, draft: initialDraft('prune') },
    { key: 2, draft: initialDraft('benchmark') },
  ]);
  const [addKind, setAddKind] = useState<StepKind>('prune');
  const [problems, setProblems] = useState<Extract<BuiltJob, { ok: false }> | null>(null);
  const createJob = useCreateJob(projectId);
  const toast = useToast();
  const baseId = useId();

  if (source === undefined) return <p className="empty">Upload a model and wait until it is ready: its original variant is the first source of recipes.</p>;
  const sourceId = source.id;

  function launch(built: BuiltJob, keyOfStep: (index: number) => number | undefined): void {
    if (!built.ok) {
      // Map per-step errors from their index in `built` to the step's key in the list.
      const stepErrors = new Map<number, readonly string[]>();
      for (const [index, errors] of built.stepErrors) {
        const key = keyOfStep(index);
        if (key !== undefined) stepErrors.set(key, errors);
      }
      setProblems({ ok: false, stepErrors, errors: built.errors });
      return;
    }
    setProblems(null);
    const body: CreateJobBody = built.body;
    createJob.mutate(body, {
      onSuccess: (job) => { toast({ kind: 'info', text: `${jobTitle(job)} started.`, href: hrefOf({ name: 'job', jobId: job.id }), linkText: 'Watch it' }); },
    });
  }

  function update(key: number, draft: StepDraft): void {
    setSteps((list) => list.map((item) => (item.key === key ? { key, draft } : item)));
  }

  function move(index: number, by: -1 | 1): void {
    setSteps((list) => {
      const target = index + by;
      const moved = list[index];
      const other = list[target];
      if (moved === undefined || other === undefined) return list;
      const copy = [...list];
      copy[index] = other;
      copy[target] = moved;
      return copy;
    });
  }

  return (
    <div data-testid="recipe-builder">
      <div className="inline-form">
        <label htmlFor={`${baseId}-source`}>Source variant</label>
        <select id={`${baseId}-source`} value={sourceId} onChange={(event) => { setChosen(event.target.value); }}>
          {ready.map((variant) => (
            <option key={variant.id} value={variant.id}>
              {variantLabel(variant)}
            </option>
          ))}
        </select>
      </div>
      <ol className="recipe-steps">
        {steps.map((item, index) => {
          const entry = STEP_KINDS[item.draft.kind];
          const errors = problems?.stepErrors.get(item.key);
          return (
            <li key={item.key} className="recipe-step" data-testid="recipe-step" data-step-kind={item.draft.kind}>
              <div className="recipe-step-head">
                <strong>
                  {index + 1}. {entry.label}
                </strong>
                <span className="hint">{entry.description}</span>
                <span className="recipe-actions">
                  <button type="button" aria-label={`Move step ${String(index + 1)} up`} disabled={index === 0} onClick={() => { move(index, -1); }}>
                    ↑
                  </button>
                  <button type="button" aria-label={`Move step ${String(index + 1)} down`} disabled={index === steps.length - 1} onClick={() => { move(index, 1); }}>
                    ↓
                  </button>
                  <button type="button" disabled={createJob.isPending} onClick={() => { launch(buildSingleStepJob(sourceId, item.draft), () => item.key); }}>
                    Run this step alone
                  </button>
                  <button type="button" className="danger" onClick={() => { setSteps((list) => list.filter((other) => other.key !== item.key)); }}>
                    Remove
                  </button>
                </span>
              </div>
              <StepForm draft={item.draft} onChange={(draft) => { update(item.key, draft); }} idPrefix={`${baseId}-${String(item.key)}`} />
              {errors?.map((error) => (
                <p key={error} className="field-error" role="alert">
                  {error}
                </p>
              ))}
            </li>
          );
        })}
      </ol>
      <div className="recipe-actions">
        <label htmlFor={`${baseId}-add`} className="visually-hidden">
          Step kind to add
        </label>
        <select id={`${baseId}-add`} value={addKind} onChange={(event) => { setAddKind(STEP_KIND_ORDER.find((kind) => kind === event.target.value) ?? 'prune'); }}>
          {STEP_KIND_ORDER.map((kind) => (
            <option key={kind} value={kind}>
              {STEP_KINDS[kind].label}
            </option>
          ))}
        </select>
        <button type="button" onClick={() => { setSteps((list) => [...list, { key: nextKey.current++, draft: initialDraft(addKind) }]); }}>
          Add step
        </button>
        <button
          type="button"
          className="primary"
          disabled={createJob.isPending || steps.length === 0}
          onClick={() => { launch(buildRecipeJob(sourceId, steps.map((item) => item.draft)), (index) => steps[index]?.key); }}
        >
          {createJob.isPending ? 'Starting…' : 'Run recipe'}
        </button>
      </div>
      {problems?.errors.map((error) => (
        <p key={error} className="field-error" role="alert">
          {error}
        </p>
      ))}
      {createJob.isError && <ErrorView error={createJob.error} title="The job was not created" />}
    </div>
  );
}
