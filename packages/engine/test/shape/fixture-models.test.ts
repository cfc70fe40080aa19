import { describe, expect, it } from 'vitest';
import { inferShapes } from '../../src/shape/infer.ts';
import { fixtureFeeds } from '../fixtures/feeds.ts';
import { MODEL_FIXTURES } from '../fixtures/index.ts';
import { compareWithOrt } from './ort-compare.ts';

/**
 * The generated ResNet-, MobileNet-, DenseNet- and transformer-style fixtures: at the concrete input dims every
 * intermediate value's inferred shape and dtype equals what onnxruntime produces; with the declared (possibly
 * symbolic) input shapes, inference succeeds without issues and keeps every static dim the concrete run has.
 */
describe.each(MODEL_FIXTURES.map((f) => [f.name, f] as const))('fixture %s', (_name, fixture) => {
  const model = fixture.build();
  const concreteShapes = Object.fromEntries(fixture.inputs.map((i) => [i.name, i.dims]));

  it('infers every intermediate exactly as onnxruntime computes it', async () => {
    const result = inferShapes(model, { inputShapes: concreteShapes });
    expect(result.issues).toEqual([]);
    const { checked, mismatches } = await compareWithOrt(model, result, fixtureFeeds(fixture, 11));
    expect(checked).toBe(model.graph.nodes.reduce((s, n) => s + n.outputs.filter((o) => o !== '').length, 0));
    expect(mismatches[0], `${String(mismatches.length)} mismatches; first one`).toBeUndefined();
  });

  it('keeps ranks and static dims with the declared input shapes', () => {
    const symbolic = inferShapes(model);
    expect(symbolic.issues).toEqual([]);
    const concrete = inferShapes(model, { inputShapes: concreteShapes });
    for (const node of model.graph.nodes) {
      for (const o of node.outputs) {
        const s = symbolic.values.get(o);
        const c = concrete.values.get(o);
        const where = `${node.opType} ${node.name} → ${o}`;
        expect(s?.dtype, where).toBe(c?.dtype);
        expect(s?.shape?.length, where).toBe(c?.shape?.length);
        s?.shape?.forEach((d, i) => {
          if (typeof d === 'number') expect(d, `${where} dim ${String(i)}`).toBe(c?.shape?.[i]);
        });
      }
    }
  });
});
