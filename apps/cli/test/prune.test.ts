import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { modelFingerprint, readModel, type HostTensor } from '@whittle/engine';
import { ortNodeRuntime } from '@whittle/engine/ort-node';
import { errorBodySchema, pruneCommandReportSchema, prunePlanSchema, type PruneCommandReport } from '@whittle/shared';
import { resnetStyle, resnetStyleBytes } from './fixture-models.ts';
import { runInProcess } from './in-process.ts';
import { modelPath } from './paddle-models.ts';
import { runCli, STACK_FRAME, type CliRun } from './run-cli.ts';

const CLS = modelPath('ch_ppocr_mobile_v2.0_cls_infer.onnx');
const DET = modelPath('ch_PP-OCRv4_det_infer.onnx');

/** A float32 `.npy` file (format 1.0) holding `count` samples of shape [3, 16, 16]. */
function calibrationNpy(count: number): Uint8Array {
  const header = `{'descr': '<f4', 'fortran_order': False, 'shape': (${String(count)}, 3, 16, 16), }`;
  const padded = header + ' '.repeat(64 - ((10 + header.length + 1) % 64)) + '\n';
  const values = Float32Array.from({ length: count * 768 }, (_, i) => Math.sin(i));
  const out = new Uint8Array(10 + padded.length + values.byteLength);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]);
  new DataView(out.buffer).setUint16(8, padded.length, true);
  out.set(Buffer.from(padded, 'latin1'), 10);
  out.set(new Uint8Array(values.buffer), 10 + padded.length);
  return out;
}

/** Runs ONNX bytes once on a seeded input and returns the output dims. */
async function outputDims(bytes: Uint8Array, input: string, dims: readonly number[]): Promise<Record<string, readonly number[]>> {
  const session = await ortNodeRuntime.createSession(bytes, { intraOpThreads: 1 });
  try {
    const count = dims.reduce((a, b) => a * b, 1);
    const feed: HostTensor = { type: 'float32', dims, data: Float32Array.from({ length: count }, (_, i) => Math.cos(i)) };
    const out = await session.run({ [input]: feed });
    return Object.fromEntries(Object.entries(out).map(([k, t]) => [k, t.dims]));
  } finally {
    await session.release();
  }
}

let dir: string;
const at = (name: string): string => join(dir, name);
let first: CliRun;
let replay: CliRun;
let mismatch: CliRun;
let cls: CliRun;
let det: CliRun;
let activation: CliRun;
let dropped: CliRun;
let global: CliRun;

function report(run: CliRun): PruneCommandReport {
  expect(run.stderr, run.stderr).toBe('');
  expect(run.status).toBe(0);
  return pruneCommandReportSchema.parse(JSON.parse(run.stdout));
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'whittle-prune-'));
  await writeFile(at('resnet.onnx'), resnetStyleBytes());
  await mkdir(at('calib'));
  await writeFile(at('calib/a.npy'), calibrationNpy(3));
  await writeFile(at('calib/b.npy'), calibrationNpy(2));
  first = await runCli(['prune', at('resnet.onnx'), '-o', at('pruned.onnx'), '--ratio', '0.5', '--save-plan', at('plan.json'), '--json']);
  [replay, mismatch, cls, det] = await Promise.all([
    runCli(['prune', at('resnet.onnx'), '-o', at('replayed.onnx'), '--plan', at('plan.json'), '--json']),
    runCli(['prune', CLS, '-o', at('never.onnx'), '--plan', at('plan.json'), '--json']),
    runCli(['prune', CLS, '-o', at('cls.onnx'), '--ratio', '0.5', '--json', '--input-shape', 'x=1,3,48,192']),
    runCli(['prune', DET, '-o', at('det.onnx'), '--ratio', '0.5', '--round-to', '8', '--json', '--input-shape', 'x=1,3,160,160']),
  ]);
  // Options that need no separate process: run in-process (same code path after argument parsing).
  activation = await runInProcess(['prune', 'resnet.onnx', '-o', 'act.onnx', '--ratio', '0.25', '--criterion', 'activation', '--calib', 'calib', '--exclude', '/head/Conv', '--json'], dir);
  dropped = await runInProcess(['prune', 'resnet.onnx', '-o', 'dropped.onnx', '--ratio', '0.5', '--drop-blocks', 'block:/block/Add', '--fold-bn'], dir);
  global = await runInProcess(['prune', 'resnet.onnx', '-o', 'global.onnx', '--ratio', '0.5', '--global', '--criterion', 'bn', '--round-to', '4', '--json'], dir);
}, 180_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('whittle prune --ratio on the ResNet-style fixture', () => {
  it('reports the required figures, labelled estimate or measured', () => {
    const r = report(first);
    expect(r.paramsAfter).toBeLessThan(r.paramsBefore);
    expect(r.macsAfter ?? Infinity).toBeLessThan(r.macsBefore ?? 0);
    expect(r.bytesAfter).toBeLessThan(r.bytesBefore);
    expect(r.fileBytesAfter).toBeLessThan(r.fileBytesBefore);
    expect(r.groupsPruned).toBe(3);
    expect(r.channelsRemoved).toBe(8 + 8 + 12);
    expect(r.nodesTouched).toContain('/block/Add');
    expect(r.estimated).toEqual(['paramsBefore', 'paramsAfter', 'macsBefore', 'macsAfter', 'bytesBefore', 'bytesAfter']);
    expect(r.measured).toContain('fileBytesAfter');
    expect(r.verification).toEqual({ runtime: expect.stringMatching(/^onnxruntime-node/) as string, inputs: { input: [1, 3, 16, 16] }, outputs: { logits: [1, 10] }, finite: true });
    expect(r.plan.model?.fingerprint).toBe(modelFingerprint(resnetStyle()));
    expect(r.notes[0]).toMatch(/static estimates/);
  });

  it('writes a smaller model that onnxruntime runs, and no temp files', async () => {
    const bytes = new Uint8Array(await readFile(at('pruned.onnx')));
    expect(bytes.byteLength).toBe(report(first).fileBytesAfter);
    expect(await outputDims(bytes, 'input', [1, 3, 16, 16])).toEqual({ logits: [1, 10] });
    expect((await readdir(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('saves the explicit plan, and replaying it with --plan gives byte-identical output', async () => {
    const plan = prunePlanSchema.parse(JSON.parse(await readFile(at('plan.json'), 'utf8')));
    expect(plan.groups?.map((g) => g.remove.length)).toEqual([8, 8, 12]);
    expect(report(replay).plan).toEqual(plan);
    expect(Buffer.compare(await readFile(at('replayed.onnx')), await readFile(at('pruned.onnx')))).toBe(0);
  });

  it('refuses the plan on another model with ENGINE_ERR_PLAN_MISMATCH and writes nothing', async () => {
    expect(mismatch.status).toBe(1);
    expect(mismatch.stderr).toMatch(/^error ENGINE_ERR_PLAN_MISMATCH: This plan was made for model fnv1a64:[0-9a-f]{16} but this model is fnv1a64:[0-9a-f]{16}/);
    expect(errorBodySchema.parse(JSON.parse(mismatch.stdout)).error.code).toBe('ENGINE_ERR_PLAN_MISMATCH');
    expect(mismatch.stdout + mismatch.stderr).not.toMatch(STACK_FRAME);
    expect((await readdir(dir)).includes('never.onnx')).toBe(false);
  });

  it('ranks by mean |activation| on an NPY calibration folder and leaves excluded nodes untouched', () => {
    const r = report(activation);
    expect(r.notes.join('\n')).toMatch(/activation: mean \|activation\| over 5 batches of 2 \.npy files in 'calib' \(5 samples, batches of 1\)/);
    expect(r.groups.map((g) => g.id)).toEqual(['/block/conv1/Conv_output_0:1']);
    expect(r.notes.join('\n')).toMatch(/Protected nodes kept 2 group\(s\) unpruned/);
  });

  it('ranks globally with --global (BN scales, kept counts multiples of 4)', () => {
    const r = report(global);
    expect(r.channelsRemoved).toBeGreaterThan(0);
    for (const g of r.groups) expect(g.channelsAfter % 4, g.id).toBe(0);
    expect(r.notes.join('\n')).toMatch(/Channels chosen by bn \(Σ\|γ\| of BatchNorm scales, Liu et al\. 2017\), global ratio 0\.5/);
    expect(r.notes.join('\n')).toMatch(/divided by its group's mean score/);
    expect(r.plan.criterion).toBe('bn');
  });

  it('drops a residual block and folds BatchNorm (text report)', () => {
    expect(dropped.status).toBe(0);
    expect(dropped.stdout).toMatch(/1 blocks dropped, \d+ BatchNorms folded/);
    expect(dropped.stdout).toMatch(/^ {2}params .* estimate$/m);
    expect(dropped.stdout).toMatch(/^ {2}file size .* measured$/m);
  });
});

describe('whittle prune on PaddleOCR', () => {
  it('prunes cls at ratio 0.5 to a smaller model that onnxruntime runs', async () => {
    const r = report(cls);
    expect(r.paramsAfter).toBeLessThan(r.paramsBefore * 0.7);
    expect(r.fileBytesAfter).toBeLessThan(r.fileBytesBefore);
    expect(r.macsAfter ?? Infinity).toBeLessThan(r.macsBefore ?? 0);
    const bytes = new Uint8Array(await readFile(at('cls.onnx')));
    expect(await outputDims(bytes, 'x', [1, 3, 48, 192])).toEqual(r.verification.outputs);
    expect(readModel(bytes).graph.nodes.length).toBeGreaterThan(0);
  });

  it('prunes det at ratio 0.5 with --round-to 8: kept counts are multiples of 8 (or untouched)', async () => {
    const r = report(det);
    expect(r.paramsAfter).toBeLessThan(r.paramsBefore);
    expect(r.fileBytesAfter).toBeLessThan(r.fileBytesBefore);
    for (const g of r.groups) expect(g.channelsAfter % 8, g.id).toBe(0);
    expect(await outputDims(new Uint8Array(await readFile(at('det.onnx'))), 'x', [1, 3, 160, 160])).toEqual(r.verification.outputs);
    expect(Object.values(r.verification.outputs)).toEqual([[1, 1, 160, 160]]);
  });
});
