/**
 * The live summary of the pruning selection: per-group channel counts before/after (with the multiple-of-8 warning),
 * the estimated parameters removed, and the plan — copied as JSON or launched as a prune job of the model's
 * original variant.
 */
import { useMutation } from '@tanstack/react-query';
import { useMemo, useState, type JSX } from 'react';
import type { GroupsReport, ModelDto } from '@whittle/shared';
import { launchPruneJob } from '../api.ts';
import { compact } from '../format.ts';
import { buildPlan, CHANNEL_MULTIPLE, groupOutcomes, paramsRemovedEstimate, selectionIsEmpty, type PruneSelection } from './plan.ts';

/** @public */
export interface PruningHeaderProps {
  readonly model: ModelDto;
  readonly report: GroupsReport;
  readonly selection: PruneSelection;
  readonly totalParams: number;
  readonly shapeOf: (value: string) => readonly (string | number)[] | null | undefined;
}

const SKIPPED: Readonly<Record<string, string>> = { blocked: 'blocked', protected: 'protected', dropped: 'in a dropped block', 'too-small': 'too few channels' };

/** @public */
export function PruningHeader({ model, report, selection, totalParams, shapeOf }: PruningHeaderProps): JSX.Element {
  const outcomes = useMemo(() => groupOutcomes(report, selection), [report, selection]);
  const removed = useMemo(() => paramsRemovedEstimate(report, outcomes, selection, shapeOf), [report, outcomes, selection, shapeOf]);
  const planResult = useMemo(() => {
    try {
      return { plan: buildPlan(report, selection), error: null };
    } catch (error) {
      return { plan: null, error: error instanceof Error ? error.message : String(error) };
    }
  }, [report, selection]);
  const [copied, setCopied] = useState<string | null>(null);
  const launch = useMutation({
    mutationFn: () => {
      if (planResult.plan === null || model.originalVariantId === null) throw new Error('No valid plan, or the model has no original variant yet.');
      return launchPruneJob(model.projectId, model.originalVariantId, planResult.plan);
    },
  });
  const empty = selectionIsEmpty(selection);
  const off = outcomes.filter((o) => o.offMultiple);
  const json = planResult.plan === null ? '' : JSON.stringify(planResult.plan, null, 2);

  return (
    <section className="wg-prune-header" aria-label="Pruning selection" data-testid="pruning-header">
      <div className="wg-stats">
        <span>
          Params removed (estimate): <strong data-testid="params-removed">{compact(removed)}</strong>
          {totalParams > 0 ? ` of ${compact(totalParams)} (${((removed / totalParams) * 100).toFixed(1)} %)` : ''}
        </span>
        <span>Groups changed: {outcomes.filter((o) => o.after !== o.before).length}</span>
        <span>Blocks dropped: {selection.dropBlocks.size}</span>
        <span className="wg-muted">MACs, size and latency are measured by the prune job and shown on the variant.</span>
      </div>
      {off.length > 0 && (
        <p className="wg-warning" role="alert" data-testid="multiple-warning">
          {off.length} group{off.length === 1 ? '' : 's'} fall off a multiple of {CHANNEL_MULTIPLE} channels ({off.slice(0, 4).map((o) => `${o.root}: ${String(o.after)}`).join(', ')}
          {off.length > 4 ? ', …' : ''}). onnxruntime's NCHWc convolutions work in blocks of {CHANNEL_MULTIPLE}; tick "Keep channel counts at multiples of 8".
        </p>
      )}
      {outcomes.length > 0 && (
        <details>
          <summary>Channel counts per group (before → after, estimate)</summary>
          <table className="wg-table" data-testid="channel-counts">
            <tbody>
              {outcomes.map((o) => (
                <tr key={o.id} className={o.offMultiple ? 'is-off' : ''}>
                  <td className="wg-mono">{o.root}</td>
                  <td>
                    {o.before} → {o.after}
                  </td>
                  <td>{o.skipped === null ? `${String(Math.round(o.ratio * 100))} %` : `skipped: ${SKIPPED[o.skipped] ?? o.skipped}`}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      )}
      <div className="wg-actions">
        <button
          type="button"
          disabled={planResult.plan === null}
          data-testid="copy-plan"
          onClick={() => {
            navigator.clipboard.writeText(json).then(() => { setCopied('Plan JSON copied.'); }, () => { setCopied('The clipboard is not available here: copy the plan below.'); });
          }}
        >
          Copy plan JSON
        </button>
        <button type="button" disabled={planResult.plan === null || empty || launch.isPending || model.originalVariantId === null} data-testid="launch-prune" onClick={() => { launch.mutate(); }}>
          Launch prune job
        </button>
        {copied !== null && <span role="status">{copied}</span>}
        {launch.isSuccess && (
          <span role="status" data-testid="launch-result" data-job-id={launch.data.id}>
            Prune job {launch.data.id} {launch.data.status}.
          </span>
        )}
        {launch.isError && (
          <span role="alert" className="wg-error" data-testid="launch-error">
            {launch.error.message}
          </span>
        )}
        {planResult.error !== null && <span role="alert" className="wg-error">{planResult.error}</span>}
      </div>
      <details>
        <summary>Plan JSON</summary>
        <pre className="wg-mono" data-testid="plan-json">{json}</pre>
      </details>
    </section>
  );
}
