/** Concrete input shapes given by a caller, checked against the model's declared inputs. */
import type { Dim, IrModel } from '@whittle/engine';
import { PipelineError, PipelineErrorCode } from './errors.ts';

/** Input name → concrete dims (the shared `inputShapesSchema`'s type; the CLI's `--input-shape` parses to it). @public */
export type InputShapes = Readonly<Record<string, readonly number[]>>;

/** The declared dims of graph input `name`; undefined when it has no tensor type or no shape. */
export function declaredShape(model: IrModel, name: string): readonly Dim[] | undefined {
  const type = model.graph.inputs.find((v) => v.name === name)?.type;
  return type?.kind === 'tensor' ? type.shape : undefined;
}

/**
 * Refuses shapes for inputs the model does not have, with a different rank than declared, or contradicting a declared
 * fixed dim. `label` names the option in messages (`inputShapes`; the CLI passes `--input-shape`).
 * @throws PipelineError `PIPELINE_ERR_BAD_INPUT`
 * @public
 */
export function checkInputShapes(model: IrModel, shapes: InputShapes, label = 'inputShapes'): void {
  const names = model.graph.inputs.map((v) => v.name);
  const bad = (message: string): PipelineError => new PipelineError(PipelineErrorCode.BadInput, message);
  for (const [name, dims] of Object.entries(shapes)) {
    if (!names.includes(name)) {
      throw bad(`${label} names '${name}', which is not an input of the model; inputs: ${names.map((n) => `'${n}'`).join(', ')}.`);
    }
    const declared = declaredShape(model, name);
    if (declared === undefined) continue;
    const shown = `[${declared.join(',')}]`;
    if (declared.length !== dims.length) {
      throw bad(`${label} gives ${String(dims.length)} dims for '${name}'; the model declares ${String(declared.length)}: ${shown}.`);
    }
    declared.forEach((d, i) => {
      if (typeof d === 'number' && d !== dims[i]) {
        throw bad(`${label} sets dim ${String(i)} of '${name}' to ${String(dims[i])}; the model fixes it at ${String(d)} (${shown}).`);
      }
    });
  }
}
