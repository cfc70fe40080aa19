import type { StepDraft } from './step-kinds.ts';

/** What every step form receives: its draft, a setter, and a prefix for unique element ids. @public */
export interface StepFormProps<D extends StepDraft> {
  readonly draft: D;
  readonly onChange: (draft: D) => void;
  readonly idPrefix: string;
}
