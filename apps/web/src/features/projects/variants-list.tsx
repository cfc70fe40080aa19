import type { VariantDto } from '@whittle/shared';
import type { JSX } from 'react';
import { formatBytes, formatCount, formatTime, shortId } from '../../ui/format.ts';
import { StatusBadge } from '../../ui/status-badge.tsx';
import { summarizeVariantStep } from './variant-summary.ts';

/**
 * A project's variants with their lineage. Params, MACs and weight size are static estimates from the graph and are
 * labelled so; the file size is measured.
 * @public
 */
export function VariantsList({ variants, modelNames }: { readonly variants: readonly VariantDto[]; readonly modelNames: ReadonlyMap<string, string> }): JSX.Element {
  if (variants.length === 0) return <p className="empty">No variants yet: each ready model gets an original variant, and every transforming job adds one.</p>;
  return (
    <table data-testid="variants-table">
      <thead>
        <tr>
          <th>Variant</th>
          <th>Model</th>
          <th className="num">Step</th>
          <th>Made by</th>
          <th>Parent</th>
          <th className="num" title="Static estimate from the graph">
            Params (est.)
          </th>
          <th className="num" title="Static estimate from the graph; unknown with symbolic input dims">
            MACs (est.)
          </th>
          <th className="num" title="Measured: the ONNX file's size">
            File size
          </th>
          <th>Status</th>
          <th>Created</th>
          <th>Download</th>
        </tr>
      </thead>
      <tbody>
        {variants.map((variant) => (
          <tr key={variant.id} data-testid="variant-row" data-variant-id={variant.id} data-step={variant.step}>
            <td title={variant.id}>
              <code>{shortId(variant.id)}</code>
            </td>
            <td>{modelNames.get(variant.modelId) ?? '—'}</td>
            <td className="num">{variant.step}</td>
            <td>{summarizeVariantStep(variant.step, variant.recipe)}</td>
            <td title={variant.parentVariantId ?? undefined}>{variant.parentVariantId === null ? '—' : <code>{shortId(variant.parentVariantId)}</code>}</td>
            <td className="num">{formatCount(variant.metrics.params)}</td>
            <td className="num">{variant.metrics.macs === null ? 'unknown' : formatCount(variant.metrics.macs)}</td>
            <td className="num">{formatBytes(variant.metrics.fileBytes)}</td>
            <td>
              <StatusBadge status={variant.status} />
            </td>
            <td>{formatTime(variant.createdAt)}</td>
            <td>
              {variant.status === 'ready' && (
                <>
                  <a href={`/api/variants/${variant.id}/model`}>ONNX</a> · <a href={`/api/variants/${variant.id}/report?format=json`}>report</a>
                </>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
