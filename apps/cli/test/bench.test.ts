import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { benchmarkResultsSchema, errorBodySchema } from '@whittle/shared';
import { resnetStyleBytes } from './fixture-models.ts';
import { runInProcess } from './in-process.ts';
import { modelPath } from './paddle-models.ts';
import { STACK_FRAME, type CliRun } from './run-cli.ts';

const CLS = modelPath('ch_ppocr_mobile_v2.0_cls_infer.onnx');
const DET = modelPath('ch_PP-OCRv4_det_infer.onnx');
const QUICK = ['--warmup', '1', '--min-runs', '5', '--max-runs', '20'];

let dir: string;
let json: CliRun;
let text: CliRun;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'whittle-bench-'));
  await writeFile(join(dir, 'net.onnx'), resnetStyleBytes(8, 'N'));
  await writeFile(join(dir, 'fixed.onnx'), resnetStyleBytes(8));
  json = await runInProcess(['bench', 'net.onnx', '--threads', '1,2', '--batch', '1', '--batch', '2', ...QUICK, '--json'], dir);
  text = await runInProcess(['bench', CLS, '--input-shape', 'x=1,3,48,192', ...QUICK], dir);
}, 60_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('whittle bench', () => {
  it('prints schema-valid results with --json: one series per thread count × batch size', () => {
    expect(json.stderr).toBe('');
    expect(json.status).toBe(0);
    const r = benchmarkResultsSchema.parse(JSON.parse(json.stdout));
    expect(r.series.map((s) => [s.threads, s.batchSize, s.inputs.input?.[0]])).toEqual([[1, 1, 1], [1, 2, 2], [2, 1, 1], [2, 2, 2]]);
    for (const s of r.series) {
      expect(s.p50Ms).toBeLessThanOrEqual(s.p90Ms);
      expect(s.p90Ms).toBeLessThanOrEqual(s.p99Ms);
      expect(s.runs).toBeGreaterThanOrEqual(5);
      expect(s.runs).toBeLessThanOrEqual(20);
      expect(s.warmupRuns).toBe(1);
    }
    expect(r.runtime).toBe('onnxruntime-node');
  });

  it('prints a table of measured percentiles and says every figure is measured', () => {
    expect(text.status).toBe(0);
    expect(text.stdout).toMatch(/^measured {3}ch_ppocr_mobile_v2\.0_cls_infer\.onnx on onnxruntime-node \d+\.\d+\.\d+ \(cpu\)/);
    expect(text.stdout).toMatch(/^ {2}threads {2}batch {2}runs {2}stable .*p50 ms {2}p90 ms {2}p99 ms .*samples\/s$/m);
    expect(text.stdout).toMatch(/^Inputs {5}x=\[1,3,48,192\]$/m);
    expect(text.stdout).toMatch(/Every figure is measured/);
  });

  it('refuses PaddleOCR det without --input-shape (exit 1), naming the input, its dims and the flag', async () => {
    const r = await runInProcess(['bench', DET, '--json']);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^error PIPELINE_ERR_INPUT_SHAPE_REQUIRED: Input 'x' has symbolic dims .*\(axis 2\).*\(axis 3\).* Give it with --input-shape <name>=<dims>\.\n$/);
    expect(errorBodySchema.parse(JSON.parse(r.stdout)).error.code).toBe('PIPELINE_ERR_INPUT_SHAPE_REQUIRED');
    expect(r.stdout + r.stderr).not.toMatch(STACK_FRAME);
  });

  it('refuses a batch size the model fixes otherwise with PIPELINE_ERR_BAD_INPUT', async () => {
    const r = await runInProcess(['bench', 'fixed.onnx', '--batch', '4', ...QUICK], dir);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^error PIPELINE_ERR_BAD_INPUT: Input 'input' fixes its batch axis at 1; batch size 4/);
  });
});

describe('whittle bench: usage errors exit 2 with CLI_ERR_USAGE', () => {
  const cases: readonly (readonly [string, readonly string[], RegExp])[] = [
    ['a missing model path', ['bench'], /whittle bench needs a model path/],
    ['thread count 0', ['bench', 'net.onnx', '--threads', '0'], /--threads: Too small: expected number to be >=1/],
    ['a thread list that is not numbers', ['bench', 'net.onnx', '--threads', '1,two'], /--threads '1,two' is not a list of integers/],
    ['--max-runs below the default --min-runs', ['bench', 'net.onnx', '--max-runs', '10'], /--min-runs 20 exceeds --max-runs 10/],
    ['--min-runs below 3', ['bench', 'net.onnx', '--min-runs', '2'], /--min-runs: Too small: expected number to be >=3/],
    ['--max-seconds 0', ['bench', 'net.onnx', '--max-seconds', '0'], /--max-seconds '0' is not a number greater than 0/],
    ['--warmup that is not a number', ['bench', 'net.onnx', '--warmup', 'many'], /--warmup 'many' is not a non-negative integer/],
    ['--input-shape for an unknown input', ['bench', 'net.onnx', '--input-shape', 'x=1,3,16,16'], /--input-shape names 'x', which is not an input of the model/],
    ['an unknown option', ['bench', 'net.onnx', '--thread', '1'], /Unknown option '--thread'/],
  ];
  for (const [name, args, message] of cases) {
    it(`refuses ${name}`, async () => {
      const r = await runInProcess(args, dir);
      expect(r.status).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/^error CLI_ERR_USAGE: /);
      expect(r.stderr).toMatch(message);
    });
  }

  it('prints its help, and is listed in the main help', async () => {
    const help = await runInProcess(['bench', '--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^Usage: whittle bench <model.onnx> \[options\]/);
    expect(help.stdout).toMatch(/Every figure is\s+measured/);
    const all = await runInProcess(['--help']);
    expect(all.stdout).toMatch(/^ {2}bench {4}measure latency percentiles/m);
    expect(all.stdout).toMatch(/^ {2}recipe {3}run a recipe file/m);
  });
});
