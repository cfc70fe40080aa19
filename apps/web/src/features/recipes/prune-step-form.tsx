import { pruneCriterionSchema } from '@whittle/shared';
import type { JSX } from 'react';
import { CheckField, TextField } from './field.tsx';
import type { PruneCriterion, PruneDraft } from './step-kinds.ts';
import type { StepFormProps } from './step-form-props.ts';

const CRITERIA: readonly PruneCriterion[] = pruneCriterionSchema.options;

/** The prune step: ratio, criterion, round-to, global ranking, BatchNorm folding, input shapes. @public */
export function PruneStepForm({ draft, onChange, idPrefix }: StepFormProps<PruneDraft>): JSX.Element {
  return (
    <div className="form-grid">
      <TextField id={`${idPrefix}-ratio`} label="Ratio" inputMode="decimal" value={draft.ratio} onChange={(ratio) => { onChange({ ...draft, ratio }); }} hint="share of channels to remove, 0 ≤ r < 1" />
      <label htmlFor={`${idPrefix}-criterion`}>Criterion</label>
      <span>
        <select id={`${idPrefix}-criterion`} value={draft.criterion} onChange={(event) => { onChange({ ...draft, criterion: CRITERIA.find((c) => c === event.target.value) ?? '' }); }}>
          <option value="">engine default</option>
          {CRITERIA.map((criterion) => (
            <option key={criterion} value={criterion}>
              {criterion}
            </option>
          ))}
        </select>
      </span>
      <TextField id={`${idPrefix}-round`} label="Round to" inputMode="numeric" value={draft.roundTo} onChange={(roundTo) => { onChange({ ...draft, roundTo }); }} placeholder="none" hint="keep channel counts on multiples of this (8 suits most CPUs)" />
      <CheckField id={`${idPrefix}-global`} label="Global" checked={draft.global} onChange={(global) => { onChange({ ...draft, global }); }} hint="rank channels across all groups instead of per group" />
      <CheckField id={`${idPrefix}-fold`} label="Fold BatchNorm" checked={draft.foldBatchNorm} onChange={(foldBatchNorm) => { onChange({ ...draft, foldBatchNorm }); }} />
      <TextField id={`${idPrefix}-shapes`} label="Input shapes" value={draft.inputShapes} onChange={(inputShapes) => { onChange({ ...draft, inputShapes }); }} placeholder="x=1,3,48,192" hint="for symbolic dims; ';' between inputs" />
    </div>
  );
}
