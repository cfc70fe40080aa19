/**
 * The form of each step kind. Typed over every `StepKind`: a kind added to the shared recipe schema is a type error
 * here until it has a form (see step-kinds.ts for the other half).
 */
import type { ComponentType, JSX } from 'react';
import { BenchmarkStepForm } from './benchmark-step-form.tsx';
import { PruneStepForm } from './prune-step-form.tsx';
import type { StepFormProps } from './step-form-props.ts';
import type { StepDraft, StepDrafts, StepKind } from './step-kinds.ts';

const STEP_FORMS: { readonly [K in StepKind]: ComponentType<StepFormProps<StepDrafts[K]>> } = {
  prune: PruneStepForm,
  benchmark: BenchmarkStepForm,
};

/** Renders the form of a draft's kind. @public */
export function StepForm({ draft, onChange, idPrefix }: StepFormProps<StepDraft>): JSX.Element {
  switch (draft.kind) {
    case 'prune': {
      const Form = STEP_FORMS.prune;
      return <Form draft={draft} onChange={onChange} idPrefix={idPrefix} />;
    }
    case 'benchmark': {
      const Form = STEP_FORMS.benchmark;
      return <Form draft={draft} onChange={onChange} idPrefix={idPrefix} />;
    }
  }
}
