import type { JSX, ReactNode } from 'react';

/** A labelled text input of a step form (grid row: label, input, optional hint). @public */
export function TextField(props: {
  readonly id: string;
  readonly label: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly placeholder?: string;
  readonly hint?: ReactNode;
  readonly inputMode?: 'decimal' | 'numeric' | 'text';
}): JSX.Element {
  return (
    <>
      <label htmlFor={props.id}>{props.label}</label>
      <span>
        <input
          id={props.id}
          type="text"
          inputMode={props.inputMode ?? 'text'}
          value={props.value}
          placeholder={props.placeholder}
          onChange={(event) => { props.onChange(event.target.value); }}
        />
        {props.hint !== undefined && <span className="hint"> {props.hint}</span>}
      </span>
    </>
  );
}

/** A labelled checkbox row. @public */
export function CheckField(props: { readonly id: string; readonly label: string; readonly checked: boolean; readonly onChange: (checked: boolean) => void; readonly hint?: ReactNode }): JSX.Element {
  return (
    <>
      <label htmlFor={props.id}>{props.label}</label>
      <span>
        <input id={props.id} type="checkbox" checked={props.checked} onChange={(event) => { props.onChange(event.target.checked); }} />
        {props.hint !== undefined && <span className="hint"> {props.hint}</span>}
      </span>
    </>
  );
}
