import { beforeAll, describe, expect, it } from 'vitest';
import { inspectReportSchema, type InspectReport } from '@whittle/shared';
import { MODELS, assetsDir, modelPath, ortFacts, type OrtFacts } from './paddle-models.ts';
import { runCli, STACK_FRAME, type CliRun } from './run-cli.ts';

interface ModelRuns {
  readonly plain: CliRun;
  readonly shaped: CliRun;
  readonly ort: OrtFacts;
}

const runs = new Map<string, ModelRuns>();
let human: CliRun;

function report(run: CliRun): InspectReport {
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  return inspectReportSchema.parse(JSON.parse(run.stdout));
}

beforeAll(async () => {
  // Every child process starts at once (the runner caps them per CPU); each model is asked twice.
  const started = MODELS.map(async (m) => {
    const [plain, shaped, ort] = await Promise.all([
      // The plain run names the file relative to INIT_CWD, as `pnpm whittle` (run from the repository root) sees it.
      runCli(['inspect', m.file, '--json'], { env: { INIT_CWD: assetsDir } }),
      runCli(['inspect', modelPath(m.file), '--json', '--input-shape', `${m.input}=${m.shape.join(',')}`]),
      ortFacts(m.file, m.input, m.shape),
    ]);
    runs.set(m.id, { plain, shaped, ort });
  });
  [human] = await Promise.all([
    runCli(['inspect', modelPath('ch_ppocr_mobile_v2.0_cls_infer.onnx'), '--input-shape', 'x=1,3,48,192']),
    ...started,
  ]);
}, 240_000);

describe.each(MODELS)('whittle inspect $id --json', (m) => {
  const get = (): ModelRuns => {
    const r = runs.get(m.id);
    if (r === undefined) throw new Error(`no runs for ${m.id}`);
    return r;
  };

  it('prints a valid report with every field (model named relative to INIT_CWD)', () => {
    const r = report(get().plain);
    expect(r).toMatchObject({ file: m.file, irVersion: 8, externalDataFiles: [], producer: { name: '', version: '' } });
    expect(Object.keys(r.opsets)).toEqual(['ai.onnx']);
    expect(r.sizeBytes).toBeGreaterThan(100_000);
    expect(r.nodeCount).toBeGreaterThan(400);
  });

  it('has op counts that sum to the node count', () => {
    const r = report(get().plain);
    expect(Object.values(r.opCounts).reduce((a, b) => a + b, 0)).toBe(r.nodeCount);
    expect(r.opCounts.Conv).toBeGreaterThan(30);
  });

  it('reports inputs and outputs as onnxruntime’s session metadata does, symbolic dims as strings', () => {
    const r = report(get().plain);
    const { ort } = get();
    expect(r.inputs.map((v) => ({ name: v.name, dims: v.shape }))).toEqual(ort.inputs);
    expect(r.outputs.map((v) => ({ name: v.name, dims: v.shape }))).toEqual(ort.outputs);
    expect(r.inputs.every((v) => v.dtype === 'float32')).toBe(true);
  });

  it('counts parameters, and leaves MACs unknown with a hint while inputs are symbolic', () => {
    const r = report(get().plain);
    expect(r.params).toBeGreaterThan(100_000);
    expect(r.paramBytesByDtype.float32).toBe(r.paramBytes);
    expect(r.macs).toBeNull();
    expect(r.macsUnknownNodes).toBeGreaterThan(0);
    expect(r.costNotes.length).toBeGreaterThan(0);
    expect(r.notes.join('\n')).toMatch(/--input-shape x=/);
  });

  it('with --input-shape: counts MACs and gives the output shapes onnxruntime produces', () => {
    const r = report(get().shaped);
    expect(r.macs).toBeGreaterThan(0);
    expect(r.macsUnknownNodes).toBe(0);
    expect(r.inputShapes).toEqual({ [m.input]: m.shape });
    expect(r.inputs[0]?.shape).toEqual(m.shape);
    expect(Object.fromEntries(r.outputs.map((o) => [o.name, o.shape]))).toEqual(get().ort.runDims);
    expect(r.largestActivation?.bytes).toBeGreaterThan(0);
    expect(r.shapeIssues).toEqual([]);
    expect(r.params).toBe(report(get().plain).params);
  });
});

describe('whittle inspect (human output)', () => {
  it('prints tables of inputs, cost and operators', () => {
    expect(human.status).toBe(0);
    expect(human.stderr).toBe('');
    expect(human.stdout).toMatch(/^Inputs\n {2}name +dtype +shape\n {2}─+/m);
    expect(human.stdout).toMatch(/^ {2}x +float32 +\[1, 3, 48, 192\]$/m);
    expect(human.stdout).toMatch(/^Cost \(static estimates\)$/m);
    expect(human.stdout).toMatch(/^ {2}MACs +[\d.]+ M \([\d,]+\)$/m);
    expect(human.stdout).toMatch(/^ {2}op type +count$/m);
    expect(human.stdout).toMatch(/^ {2}Conv +53$/m);
    expect(human.stdout).toMatch(/^ {2}total +471$/m);
    expect(human.stdout).not.toMatch(STACK_FRAME);
  });
});
