/** `--input-shape name=d0,d1,...`: parsing, and checking against the model's declared inputs (the pipeline's check). */
import type { IrModel } from '@whittle/engine';
import { checkInputShapes as checkShapes, isPipelineError, type InputShapes } from '@whittle/pipeline';
import { usageError } from './cli-error.ts';

export type { InputShapes };

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

/**
 * Refuses overrides for inputs the model does not have, with a different rank than declared, or contradicting a
 * declared fixed dim. @throws CliError (usage)
 */
export function checkInputShapes(model: IrModel, shapes: InputShapes): void {
  try {
    checkShapes(model, shapes, '--input-shape');
  } catch (error) {
    throw isPipelineError(error) ? usageError(error.message) : error;
  }
}
