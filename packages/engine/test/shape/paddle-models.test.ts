import { beforeAll, describe, expect, it } from 'vitest';
import { dataTypeName } from '../../src/ir/dtype.ts';
import type { IrModel } from '../../src/ir/types.ts';
import { readModel } from '../../src/onnx/read.ts';
import { inferShapes } from '../../src/shape/infer.ts';
import { PADDLE_MODELS, readPaddleModel, type PaddleModelId } from '../helpers/paddle-models.ts';
import { seededInput } from '../helpers/run-model.ts';
import { compareWithOrt } from './ort-compare.ts';

/**
 * Real models no one here wrote (PaddleOCR det/rec/cls): with the concrete input shape, every intermediate value's
 * inferred shape and dtype must equal what onnxruntime produces; with the declared symbolic input shape, ranks and
 * every static dim must still agree.
 */

const models = new Map<PaddleModelId, IrModel>();

beforeAll(() => {
  for (const m of PADDLE_MODELS) models.set(m.id, readModel(readPaddleModel(m.file)));
});

function model(id: PaddleModelId): IrModel {
  const m = models.get(id);
  if (m === undefined) throw new Error(`model ${id} not loaded`);
  return m;
}

describe.each(PADDLE_MODELS.map((m) => [m.id, m] as const))('PaddleOCR %s', (id, spec) => {
  it(`infers every intermediate exactly as onnxruntime computes it at ${spec.shape.join('x')}`, async () => {
    const m = model(id);
    const result = inferShapes(m, { inputShapes: { [spec.input]: spec.shape } });
    expect(result.issues).toEqual([]);
    const { checked, mismatches } = await compareWithOrt(m, result, { [spec.input]: seededInput(spec.shape, 7) });
    expect(checked).toBe(m.graph.nodes.reduce((s, n) => s + n.outputs.filter((o) => o !== '').length, 0));
    expect(mismatches[0], `${String(mismatches.length)} mismatches; first one`).toBeUndefined();
  });

  it('keeps ranks and static dims with the declared symbolic input', () => {
    const m = model(id);
    const symbolic = inferShapes(m);
    expect(symbolic.issues).toEqual([]);
    const concrete = inferShapes(m, { inputShapes: { [spec.input]: spec.shape } });
    const batch = m.graph.inputs[0]?.type;
    const batchDim = batch?.kind === 'tensor' ? batch.shape?.[0] : undefined;
    for (const node of m.graph.nodes) {
      for (const o of node.outputs) {
        const s = symbolic.values.get(o);
        const c = concrete.values.get(o);
        const where = `${node.opType} ${node.name} → ${o}`;
        expect(s?.dtype === undefined ? '?' : dataTypeName(s.dtype), where).toBe(c?.dtype === undefined ? '?' : dataTypeName(c.dtype));
        expect(s?.shape?.length, where).toBe(c?.shape?.length);
        s?.shape?.forEach((d, i) => {
          if (typeof d === 'number') expect(d, `${where} dim ${String(i)}`).toBe(c?.shape?.[i]);
        });
      }
    }
    const out = symbolic.values.get(m.graph.outputs[0]?.name ?? '');
    expect(out?.shape?.[0], 'the batch dim flows through to the output').toBe(batchDim);
  });
});
