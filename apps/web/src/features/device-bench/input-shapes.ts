/**
 * Which dims the in-browser benchmark feeds. Fixed dims come from the model; a symbolic batch axis (axis 0) defaults to
 * 1; any other symbolic dim must come from the user (prefilled with what the server benchmark fed), because latency
 * depends on it and guessing a spatial size would measure a different workload — the server refuses to guess too.
 */
import type { BenchmarkDto } from '@whittle/shared';

/** Input name → dims, as typed by the user or taken from a benchmark. */
export type ShapeMap = Readonly<Record<string, readonly number[]>>;

/** One model input as the session declares it (a dim is a size, or a symbolic name / -1 when unknown). */
export interface DeclaredInput {
  readonly name: string;
  readonly shape: readonly (number | string)[];
}

/** `x: 1,3,48,192` lines → shapes. @throws Error naming the line that does not parse */
export function parseShapes(text: string): ShapeMap {
  const shapes: Record<string, number[]> = {};
  for (const [index, raw] of text.split('\n').entries()) {
    const line = raw.trim();
    if (line === '') continue;
    const colon = line.lastIndexOf(':');
    const name = line.slice(0, colon).trim();
    const dims = line
      .slice(colon + 1)
      .split(/[,x×\s]+/)
      .filter((d) => d !== '')
      .map(Number);
    if (colon <= 0 || name === '' || dims.length === 0 || dims.some((d) => !Number.isInteger(d) || d < 1)) {
      throw new Error(`Line ${String(index + 1)} should read "input: 1,3,224,224" (positive whole numbers).`);
    }
    shapes[name] = dims;
  }
  return shapes;
}

/** Shapes → the text {@link parseShapes} reads. */
export function formatShapes(shapes: ShapeMap): string {
  return Object.entries(shapes)
    .map(([name, dims]) => `${name}: ${dims.join(',')}`)
    .join('\n');
}

/** What the newest benchmark of the list fed (its first series), or an empty map. */
export function shapesFromBenchmarks(benchmarks: readonly BenchmarkDto[]): ShapeMap {
  const newest = [...benchmarks].sort((a, b) => b.createdAt - a.createdAt)[0];
  return newest?.results.series[0]?.inputs ?? {};
}

/** The dims to feed, or the problems that prevent a run (one message per unresolved input). */
export type ResolvedShapes = { readonly ok: true; readonly shapes: ShapeMap } | { readonly ok: false; readonly problems: readonly string[] };

function describe(shape: readonly (number | string)[]): string {
  return `[${shape.map(String).join(', ')}]`;
}

/** Resolves every declared input against the user's shapes. */
export function resolveShapes(declared: readonly DeclaredInput[], given: ShapeMap): ResolvedShapes {
  const shapes: Record<string, readonly number[]> = {};
  const problems: string[] = [];
  for (const input of declared) {
    const user = given[input.name];
    if (user !== undefined) {
      const clash = user.length !== input.shape.length || input.shape.some((d, axis) => typeof d === 'number' && d > 0 && d !== user[axis]);
      if (clash) problems.push(`${input.name}: ${describe(user)} does not fit the model's ${describe(input.shape)}.`);
      else shapes[input.name] = user;
      continue;
    }
    const dims = input.shape.map((d, axis) => (typeof d === 'number' && d > 0 ? d : axis === 0 ? 1 : undefined));
    if (dims.every((d) => d !== undefined)) shapes[input.name] = dims;
    else problems.push(`${input.name} has symbolic dims ${describe(input.shape)}: enter its shape.`);
  }
  return problems.length === 0 ? { ok: true, shapes } : { ok: false, problems };
}
