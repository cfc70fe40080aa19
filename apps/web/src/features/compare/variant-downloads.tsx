/**
 * Download links of a variant: its ONNX and its report (JSON, CSV). Plain same-origin links, not fetches: the browser
 * streams the attachment to disk with the session cookie, and nothing large passes through page memory.
 */
import type { JSX } from 'react';

/** Props of {@link VariantDownloads}. */
export interface VariantDownloadsProps {
  readonly variantId: string;
  readonly ready: boolean;
}

/** @public */
export function VariantDownloads({ variantId, ready }: VariantDownloadsProps): JSX.Element {
  const base = `/api/variants/${encodeURIComponent(variantId)}`;
  return (
    <span className="compare-downloads">
      {ready && (
        <a href={`${base}/model`} download>
          ONNX
        </a>
      )}
      <a href={`${base}/report?format=json`} download>
        JSON
      </a>
      <a href={`${base}/report?format=csv`} download>
        CSV
      </a>
    </span>
  );
}
