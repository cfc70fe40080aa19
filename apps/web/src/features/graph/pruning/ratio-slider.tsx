/** A labelled 0–95 % ratio slider (a group always keeps a channel, and plans refuse 1). */
import { useId, type JSX } from 'react';

/** @public */
export interface RatioSliderProps {
  readonly label: string;
  readonly value: number;
  readonly testId: string;
  readonly onChange: (value: number) => void;
}

/** @public */
export function RatioSlider({ label, value, testId, onChange }: RatioSliderProps): JSX.Element {
  const id = useId();
  return (
    <div className="wg-slider">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="range"
        min={0}
        max={95}
        step={5}
        value={Math.round(value * 100)}
        data-testid={testId}
        onChange={(e) => { onChange(Number(e.currentTarget.value) / 100); }}
      />
      <output htmlFor={id}>{Math.round(value * 100)} %</output>
    </div>
  );
}
