import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HostTensor } from '@whittle/engine';
import { ortNodeRuntime } from '@whittle/engine/ort-node';
import { recipeRunReportSchema, type RecipeRunReport } from '@whittle/pipeline';
import { errorBodySchema } from '@whittle/shared';
import { resnetStyleBytes } from './fixture-models.ts';
import { runInProcess } from './in-process.ts';
import { runCli, STACK_FRAME, type CliRun } from './run-cli.ts';

const RECIPE = {
  version: 1,
  name: 'slim',
  steps: [
    { kind: 'prune', plan: { version: 1, ratio: 0.5 } },
    { kind: 'benchmark', warmupRuns: 1, minRuns: 3, maxRuns: 9, batchSizes: [1, 2] },
  ],
};

/** Output dims of one run of ONNX bytes on a zero input. */
async function outputDims(bytes: Uint8Array): Promise<Record<string, readonly number[]>> {
  const session = await ortNodeRuntime.createSession(bytes, { intraOpThreads: 1 });
  try {
    const feed: HostTensor = { type: 'float32', dims: [1, 3, 16, 16], data: new Float32Array(768) };
    return Object.fromEntries(Object.entries(await session.run({ input: feed })).map(([k, t]) => [k, t.dims]));
  } finally {
    await session.release();
  }
}

let dir: string;
const at = (name: string): string => join(dir, name);
let run: CliRun;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'whittle-recipe-'));
  await writeFile(at('net.onnx'), resnetStyleBytes(16, 'N'));
  await writeFile(at('other.onnx'), resnetStyleBytes(8, 'N'));
  await writeFile(at('recipe.json'), JSON.stringify(RECIPE));
  await writeFile(at('bad-ratio.json'), JSON.stringify({ version: 1, steps: [{ kind: 'prune', plan: { version: 1, ratio: 1.5 } }] }));
  await writeFile(at('bad-kind.json'), JSON.stringify({ version: 1, steps: [{ kind: 'quantise' }] }));
  await writeFile(at('not-json.json'), '{ "version": 1,');
  // A real child process once: the entry point, stdout and the files on disk.
  run = await runCli(['recipe', at('recipe.json'), at('net.onnx'), '-o', at('out'), '--json']);
  // Step 2's plan carries the fingerprint of another model: the run must fail at step 2 and leave nothing behind.
  const foreign = await runInProcess(['prune', 'other.onnx', '-o', 'other-pruned.onnx', '--ratio', '0.5', '--save-plan', 'foreign-plan.json'], dir);
  expect(foreign.status).toBe(0);
  const plan: unknown = JSON.parse(await readFile(at('foreign-plan.json'), 'utf8'));
  await writeFile(at('fails-at-2.json'), JSON.stringify({ version: 1, steps: [{ kind: 'prune', plan: { version: 1, ratio: 0.25 } }, { kind: 'prune', plan }] }));
}, 60_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('whittle recipe', () => {
  it('runs the steps in order and prints the report with --json', () => {
    expect(run.stderr, run.stderr).toBe('');
    expect(run.status).toBe(0);
    const report: RecipeRunReport = recipeRunReportSchema.parse(JSON.parse(run.stdout));
    expect(report.recipe).toBe('slim');
    expect(report.file).toBe('net.onnx');
    const [prune, bench] = report.steps;
    if (prune?.kind !== 'prune' || bench?.kind !== 'benchmark') throw new Error('unexpected steps');
    expect([prune.step, prune.output, prune.report.output]).toEqual([1, 'step-1.onnx', 'step-1.onnx']);
    expect(prune.report.paramsAfter).toBeLessThan(prune.report.paramsBefore);
    expect([bench.step, bench.model]).toEqual([2, 'step-1.onnx']);
    expect(bench.results.series.map((s) => s.batchSize)).toEqual([1, 2]);
  });

  it('writes step-<i>.onnx per transforming step and report.json, and no staging files', async () => {
    expect((await readdir(at('out'))).sort()).toEqual(['report.json', 'step-1.onnx']);
    const written = recipeRunReportSchema.parse(JSON.parse(await readFile(at('out/report.json'), 'utf8')));
    expect(written).toEqual(JSON.parse(run.stdout));
    const bytes = new Uint8Array(await readFile(at('out/step-1.onnx')));
    const first = written.steps[0];
    expect(first?.kind === 'prune' && first.report.fileBytesAfter).toBe(bytes.byteLength);
    expect(await outputDims(bytes)).toEqual({ logits: [1, 10] });
  });

  it('names the failing step, keeps its code, and writes nothing when a later step fails', async () => {
    const r = await runInProcess(['recipe', 'fails-at-2.json', 'net.onnx', '-o', 'failed', '--json'], dir);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^error ENGINE_ERR_PLAN_MISMATCH: Recipe step 2 \(prune\): This plan was made for model fnv1a64:/);
    expect(errorBodySchema.parse(JSON.parse(r.stdout)).error.code).toBe('ENGINE_ERR_PLAN_MISMATCH');
    expect(await readdir(dir)).not.toContain('failed');
  });
});

describe('whittle recipe: bad recipes exit 1 with CLI_ERR_RECIPE_INVALID and the field path', () => {
  const cases: readonly (readonly [string, string, RegExp])[] = [
    ['a ratio out of range', 'bad-ratio.json', /'bad-ratio\.json' is not a valid recipe: steps\.0\.plan\.ratio: Too big: expected number to be <1\./],
    ['an unknown step kind', 'bad-kind.json', /steps\.0\.kind: expected one of "prune", "benchmark"\./],
    ['a file that is not JSON', 'not-json.json', /'not-json\.json' is not JSON: /],
  ];
  for (const [name, file, message] of cases) {
    it(`refuses ${name}`, async () => {
      const r = await runInProcess(['recipe', file, 'net.onnx', '-o', `out-${file}`, '--json'], dir);
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(/^error CLI_ERR_RECIPE_INVALID: /);
      expect(r.stderr).toMatch(message);
      expect(errorBodySchema.parse(JSON.parse(r.stdout)).error.code).toBe('CLI_ERR_RECIPE_INVALID');
      expect(r.stdout + r.stderr).not.toMatch(STACK_FRAME);
      expect(await readdir(dir)).not.toContain(`out-${file}`);
    });
  }

  it('refuses a missing recipe file with CLI_ERR_FILE_NOT_FOUND', async () => {
    const r = await runInProcess(['recipe', 'missing.json', 'net.onnx', '-o', 'o'], dir);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^error CLI_ERR_FILE_NOT_FOUND: No such file: 'missing\.json'/);
  });
});

describe('whittle recipe: usage errors exit 2 with CLI_ERR_USAGE', () => {
  const cases: readonly (readonly [string, readonly string[], RegExp])[] = [
    ['no arguments', ['recipe'], /needs a recipe and a model/],
    ['a missing model', ['recipe', 'recipe.json', '-o', 'o'], /needs a recipe and a model/],
    ['a missing output folder', ['recipe', 'recipe.json', 'net.onnx'], /needs an output folder: -o <outdir>/],
    ['an extra positional', ['recipe', 'recipe.json', 'net.onnx', 'more.onnx', '-o', 'o'], /takes one recipe and one model; also found 'more\.onnx'/],
  ];
  for (const [name, args, message] of cases) {
    it(`refuses ${name}`, async () => {
      const r = await runInProcess(args, dir);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/^error CLI_ERR_USAGE: /);
      expect(r.stderr).toMatch(message);
    });
  }

  it('prints its help', async () => {
    const r = await runInProcess(['help', 'recipe']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Usage: whittle recipe <recipe\.json> <model\.onnx> -o <outdir> \[options\]/);
  });
});
