import type { JSX } from 'react';

/** Props of {@link ProgressBar}. @public */
export interface ProgressBarProps {
  /** 0…1. */
  readonly value: number;
  readonly label: string;
  readonly testId?: string;
}

/**
 * A determinate progress bar: a native `<progress>` (announced by screen readers) and the percentage as text.
 * @public
 */
export function ProgressBar({ value, label, testId }: ProgressBarProps): JSX.Element {
  const percent = Math.round(Math.min(1, Math.max(0, value)) * 100);
  return (
    <span className="progress" data-testid={testId} data-value={percent}>
      <progress max={100} value={percent} aria-label={label} />
      <span className="progress-text">{percent}%</span>
    </span>
  );
}
