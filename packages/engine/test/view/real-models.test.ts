import { describe, expect, it } from 'vitest';
import { computeCost } from '../../src/cost/cost-model.ts';
import { readModel } from '../../src/onnx/read.ts';
import { inferShapes } from '../../src/shape/infer.ts';
import type { GraphView } from '../../src/view/graph-view.ts';
import { toGraphView } from '../../src/view/to-graph-view.ts';
import type { IrModel } from '../../src/ir/types.ts';
import { MODEL_FIXTURES, resnetFixture } from '../fixtures/index.ts';
import { PADDLE_MODELS, readPaddleModel } from '../helpers/paddle-models.ts';

function viewOf(model: IrModel, inputShapes?: Readonly<Record<string, readonly number[]>>): GraphView {
  const shapes = inferShapes(model, inputShapes === undefined ? {} : { inputShapes });
  return toGraphView(model, shapes, computeCost(model, shapes));
}

/** Structural invariants every view must hold. */
function expectConsistent(view: GraphView): void {
  const ids = [...view.nodes.map((n) => n.id), ...view.inputs.map((p) => p.id), ...view.outputs.map((p) => p.id), ...view.blocks.map((b) => b.id)];
  expect(new Set(ids).size).toBe(ids.length);
  const idSet = new Set(ids);
  const hidden = new Set(view.nodes.filter((n) => n.hidden).map((n) => n.id));
  for (const e of view.edges) {
    expect(idSet.has(e.source) && idSet.has(e.target), e.id).toBe(true);
    expect(hidden.has(e.source) || hidden.has(e.target), e.id).toBe(false);
  }
  expect(Object.values(view.summary.opCounts).reduce((a, b) => a + b, 0)).toBe(view.summary.nodeCount);
  expect(view.blocks[0]?.nodeCount).toBe(view.nodes.length);
  expect(view.blocks.flatMap((b) => b.nodeIds).sort()).toEqual(view.nodes.map((n) => n.id).sort());
}

describe('graph view of the PaddleOCR models', () => {
  for (const m of PADDLE_MODELS) {
    it(`${m.id}: is consistent, folds every Constant and counts MACs at concrete shapes`, () => {
      const model = readModel(readPaddleModel(m.file));
      const view = viewOf(model, { [m.input]: m.shape });
      expectConsistent(view);
      const constants = view.nodes.filter((n) => n.opType === 'Constant');
      expect(constants.length).toBeGreaterThan(200);
      expect(constants.every((n) => n.hidden)).toBe(true);
      expect(view.summary.visibleNodeCount).toBe(view.summary.nodeCount - constants.length);
      expect(view.summary.params).toBeGreaterThan(0);
      expect(view.summary.macs.total).toBeGreaterThan(0);
      expect(view.summary.macs.unknownNodes).toBe(0);
      expect(view.summary.largestActivation?.bytes).toBeGreaterThan(0);
      expect(view.inputs[0]?.shape).toEqual(m.shape);
    });
  }

  it('rec: the DTO is small and carries no tensor payloads', () => {
    const rec = PADDLE_MODELS.find((m) => m.id === 'rec');
    if (rec === undefined) throw new Error('rec model missing from the helper');
    const view = viewOf(readModel(readPaddleModel(rec.file)), { [rec.input]: rec.shape });
    const json = JSON.stringify(view);
    // The model file is 10.8 MB, almost all weights; the DTO must not grow with them.
    expect(json.length).toBeLessThan(2_000_000);
    // No run of 17+ numbers anywhere (attribute lists are cut at 16; shapes are short).
    expect(json).not.toMatch(/\[(?:-?[\d.e+-]+,){16,}-?[\d.e+-]+\]/);
    expect(JSON.parse(json)).toEqual(view);
  });

  it('cls: keeps symbolic dims as strings and leaves MACs unknown without input shapes', () => {
    const cls = PADDLE_MODELS.find((m) => m.id === 'cls');
    if (cls === undefined) throw new Error('cls model missing from the helper');
    const view = viewOf(readModel(readPaddleModel(cls.file)));
    expect(view.inputs[0]?.shape).toEqual(['p2o.DynamicDimension.0', 3, 'p2o.DynamicDimension.1', 'p2o.DynamicDimension.2']);
    expect(view.summary.macs.total).toBeNull();
    expect(view.summary.macs.unknownNodes).toBeGreaterThan(0);
    expect(view.summary.largestActivation).toBeNull();
    expect(view.nodes.find((n) => n.opType === 'Conv')?.costNote).toMatch(/symbolic/);
  });
});

describe('graph view of the fixtures', () => {
  for (const fixture of MODEL_FIXTURES) {
    it(`${fixture.name}: is consistent and fully counted at the fixture's input shapes`, () => {
      const shapes = Object.fromEntries(fixture.inputs.map((i) => [i.name, i.dims]));
      const view = viewOf(fixture.build(), shapes);
      expectConsistent(view);
      expect(view.summary.macs.total).toBeGreaterThan(0);
      expect(view.summary.macs.unknownNodes).toBe(0);
      expect(view.outputs.map((o) => o.shape)).toEqual(fixture.outputs.map((o) => o.dims));
      expect(view.blocks.length).toBeGreaterThan(1);
    });
  }

  it('resnet: builds the scope tree and counts the stem convolution by hand', () => {
    const view = viewOf(resnetFixture.build(), { input: [2, 3, 32, 32] });
    const stem = view.nodes.find((n) => n.name === '/stem/Conv');
    // [2,3,32,32] ⊛ [16,3,3,3], pad 1 → [2,16,32,32]: MACs = 2·16·32·32·3·3·3 = 884_736.
    expect(stem?.macs).toBe(884_736);
    expect(stem?.blockId).toBe('block:/stem');
    const layer1 = view.blocks.find((b) => b.path === '/layer1');
    expect(layer1).toMatchObject({ id: 'block:/layer1', name: 'layer1', parentId: 'block:/', depth: 1 });
    expect(layer1?.childBlockIds).toEqual(['block:/layer1/block0', 'block:/layer1/block1']);
    const block0 = view.blocks.find((b) => b.path === '/layer1/block0');
    expect(block0?.childBlockIds).toContain('block:/layer1/block0/conv1');
    // A scope's MACs are the sum over its sub-scopes.
    const children = view.blocks.filter((b) => b.parentId === 'block:/layer1');
    expect(layer1?.macs.total).toBe(children.reduce((s, b) => s + (b.macs.total ?? 0), 0));
  });
});
