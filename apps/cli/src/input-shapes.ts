/** `--input-shape name=d0,d1,...`: parsing and checking against the model's declared inputs. */
import type { Dim, IrModel } from '@whittle/engine';
import { usageError } from './cli-error.ts';

/** Input name → concrete dims. */
export type InputShapes = Readonly<Record<string, readonly number[]>>;

const DIM = /^\d{1,12}$/;

/** Parses every `--input-shape` value; a name may be given once. @throws CliError (usage) */
export function parseInputShapes(values: readonly string[]): InputShapes {
  const out = new Map<string, number[]>();
  for (const raw of values) {
    const eq = raw.lastIndexOf('=');
    const name = raw.slice(0, eq);
    const dims = raw.slice(eq + 1).split(',').map((d) => d.trim());
    if (eq <= 0 || dims.some((d) => !DIM.test(d))) {
      throw usageError(`--input-shape '${raw}' is malformed; expected <input>=<dims>, e.g. x=1,3,320,320.`);
    }
    if (out.has(name)) throw usageError(`--input-shape gives input '${name}' twice.`);
    out.set(name, dims.map(Number));
  }
  return Object.fromEntries(out);
}

function declaredShape(model: IrModel, name: string): readonly Dim[] | undefined {
  const type = model.graph.inputs.find((v) => v.name === name)?.type;
  return type?.kind === 'tensor' ? type.shape : undefined;
}

/**
 * Refuses overrides for inputs the model does not have, with a different rank than declared, or contradicting a
 * declared fixed dim. @throws CliError (usage)
 */
export function checkInputShapes(model: IrModel, shapes: InputShapes): void {
  const names = model.graph.inputs.map((v) => v.name);
  for (const [name, dims] of Object.entries(shapes)) {
    if (!names.includes(name)) {
      throw usageError(`--input-shape names '${name}', which is not an input of the model; inputs: ${names.map((n) => `'${n}'`).join(', ')}.`);
    }
    const declared = declaredShape(model, name);
    if (declared === undefined) continue;
    const shown = `[${declared.join(',')}]`;
    if (declared.length !== dims.length) {
      throw usageError(`--input-shape gives ${String(dims.length)} dims for '${name}'; the model declares ${String(declared.length)}: ${shown}.`);
    }
    declared.forEach((d, i) => {
      if (typeof d === 'number' && d !== dims[i]) {
        throw usageError(`--input-shape sets dim ${String(i)} of '${name}' to ${String(dims[i])}; the model fixes it at ${String(d)} (${shown}).`);
      }
    });
  }
}
