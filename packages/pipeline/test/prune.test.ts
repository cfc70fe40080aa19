import { beforeAll, describe, expect, it } from 'vitest';
import { isEngineError, readModel, type HostTensor } from '@whittle/engine';
import { ortNodeRuntime } from '@whittle/engine/ort-node';
import * as ort from 'onnxruntime-node';
import { pruneCommandReportSchema, variantMetricsSchema } from '@whittle/shared';
import { isPipelineError, pruneModel, variantMetrics, type PruneStepResult } from '@whittle/pipeline';
import { readPaddleModel } from './helpers/paddle-models.ts';
import { resnetStyleBytes } from './helpers/small-models.ts';

/** Runs ONNX bytes once on a deterministic input and returns the output dims. */
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

const CLS = 'ch_ppocr_mobile_v2.0_cls_infer.onnx';

describe('pruneModel at ratio 0.5', () => {
  const small = resnetStyleBytes();
  let smallResult: PruneStepResult;
  let clsResult: PruneStepResult;
  const cls = readPaddleModel(CLS);
  const fractions: number[] = [];

  beforeAll(async () => {
    smallResult = await pruneModel(small, { plan: { version: 1, ratio: 0.5 } }, { progress: (f) => fractions.push(f) });
    clsResult = await pruneModel(cls, { plan: { version: 1, ratio: 0.5 }, inputShapes: { x: [1, 3, 48, 192] } }, { fileName: CLS });
  }, 60_000);

  it('prunes the small CNN: smaller, runs in onnxruntime with the same output dims, report valid', async () => {
    const { report, metrics, bytes } = smallResult;
    expect(pruneCommandReportSchema.parse(report)).toEqual(report);
    expect(report.file).toBe('model.onnx');
    expect(report.output).toBe('variant.onnx');
    expect(report.paramsAfter).toBeLessThan(report.paramsBefore);
    expect(report.channelsRemoved).toBe(8 + 8 + 12);
    expect(report.verification.outputs).toEqual({ logits: [1, 10] });
    expect(await outputDims(bytes, 'input', [1, 3, 16, 16])).toEqual({ logits: [1, 10] });
    expect(variantMetricsSchema.parse(metrics)).toEqual(metrics);
    const before = variantMetrics(small);
    expect(metrics.params).toBeLessThan(before.params);
    expect(metrics.macs ?? Infinity).toBeLessThan(before.macs ?? 0);
    expect(metrics.fileBytes).toBe(bytes.byteLength);
    expect(fractions.at(-1)).toBe(1);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
  });

  it('prunes PaddleOCR cls at x=[1,3,48,192]: params drop, same output dims in onnxruntime', async () => {
    const { report, metrics, bytes } = clsResult;
    expect(report.file).toBe(CLS);
    expect(report.paramsAfter).toBeLessThan(report.paramsBefore * 0.7);
    expect(report.verification.inputs).toEqual({ x: [1, 3, 48, 192] });
    expect(await outputDims(bytes, 'x', [1, 3, 48, 192])).toEqual(report.verification.outputs);
    expect(await outputDims(cls, 'x', [1, 3, 48, 192])).toEqual(report.verification.outputs);
    const before = variantMetrics(cls, { inputShapes: { x: [1, 3, 48, 192] } });
    expect(metrics.params).toBeLessThan(before.params);
    expect(metrics.macs).not.toBeNull();
    expect(metrics.macs ?? Infinity).toBeLessThan(before.macs ?? 0);
  });

  it('replays its explicit plan to the same bytes', async () => {
    const again = await pruneModel(small, { plan: smallResult.report.plan });
    expect(Buffer.compare(again.bytes, smallResult.bytes)).toBe(0);
  });

  it('writes the lineage it is given into metadata_props, and the file still loads in onnxruntime', async () => {
    const lineage = { 'whittle.parent_sha256': 'a'.repeat(64), 'whittle.step': '1' };
    const { bytes } = await pruneModel(small, { plan: smallResult.report.plan, lineage });
    expect(readModel(bytes).metadataProps).toEqual(expect.arrayContaining(Object.entries(lineage).map(([key, value]) => ({ key, value }))));
    const session = await ort.InferenceSession.create(bytes);
    await session.release();
  });
});

describe('pruneModel refusals', () => {
  const small = resnetStyleBytes();

  it('refuses input shapes for inputs the model lacks with PIPELINE_ERR_BAD_INPUT', async () => {
    const error: unknown = await pruneModel(small, { plan: { version: 1, ratio: 0.5 }, inputShapes: { x: [1, 3, 16, 16] } }).catch((e: unknown) => e);
    expect(isPipelineError(error) && error.code).toBe('PIPELINE_ERR_BAD_INPUT');
    expect(String(error)).toMatch(/inputShapes names 'x', which is not an input of the model; inputs: 'input'/);
  });

  it('keeps the engine code of a plan made for another model', async () => {
    const plan = (await pruneModel(small, { plan: { version: 1, ratio: 0.25 } })).report.plan;
    const error: unknown = await pruneModel(resnetStyleBytes(8), { plan }).catch((e: unknown) => e);
    expect(isEngineError(error) && error.code).toBe('ENGINE_ERR_PLAN_MISMATCH');
  });

  it('stops with PIPELINE_ERR_CANCELLED when aborted', async () => {
    const error: unknown = await pruneModel(small, { plan: { version: 1, ratio: 0.5 } }, { signal: AbortSignal.abort() }).catch((e: unknown) => e);
    expect(isPipelineError(error) && error.code).toBe('PIPELINE_ERR_CANCELLED');
  });
});

describe('variantMetrics', () => {
  it('labels estimates and measurements; MACs are null when symbolic dims leave them unknown', () => {
    const cls = readPaddleModel(CLS);
    const open = variantMetrics(cls);
    expect(open.macs).toBeNull();
    expect(open.fileBytes).toBe(cls.byteLength);
    expect(open.estimated).toEqual(['params', 'macs', 'weightBytes']);
    expect(open.measured).toEqual(['fileBytes']);
    expect(variantMetrics(cls, { inputShapes: { x: [1, 3, 48, 192] } }).macs).toBeGreaterThan(0);
  });
});
