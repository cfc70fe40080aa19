import { describe, expect, it } from 'vitest';
import { dataTypeName } from '../../src/ir/dtype.ts';
import type { Dim } from '../../src/ir/types.ts';
import { inferShapes } from '../../src/shape/infer.ts';
import { runWithIntermediates } from '../helpers/run-model.ts';
import { activationCases } from './cases/activation.ts';
import type { OpCase } from './cases/case-types.ts';
import { castQuantizeCases } from './cases/cast-quantize.ts';
import { concatSplitSliceCases } from './cases/concat-split-slice.ts';
import { contribCases } from './cases/contrib.ts';
import { convCases } from './cases/conv.ts';
import { elementwiseCases } from './cases/elementwise.ts';
import { gatherCases } from './cases/gather.ts';
import { gemmMatmulCases } from './cases/gemm-matmul.ts';
import { normalizationCases } from './cases/normalization.ts';
import { poolCases } from './cases/pool.ts';
import { reduceCases } from './cases/reduce.ts';
import { resizePadCases } from './cases/resize-pad.ts';
import { rnnCases } from './cases/rnn.ts';
import { shapeOpsCases } from './cases/shape-ops.ts';
import { tensorShapeCases } from './cases/tensor-shape.ts';
import { buildCaseModel } from './op-case-model.ts';

/**
 * Golden cases: for every case, inferShapes on the single-node model must give exactly the dtype and shape that
 * onnxruntime produces, and both must equal the case's hand-written expectation.
 */

const FAMILIES: Readonly<Record<string, readonly OpCase[]>> = {
  activation: activationCases,
  elementwise: elementwiseCases,
  conv: convCases,
  'gemm-matmul': gemmMatmulCases,
  normalization: normalizationCases,
  pool: poolCases,
  rnn: rnnCases,
  'tensor-shape': tensorShapeCases,
  'concat-split-slice': concatSplitSliceCases,
  gather: gatherCases,
  'resize-pad': resizePadCases,
  reduce: reduceCases,
  'cast-quantize': castQuantizeCases,
  'shape-ops': shapeOpsCases,
  contrib: contribCases,
};

type Typed = readonly [string, readonly Dim[] | undefined];

function show(t: readonly Typed[]): string {
  return t.map(([d, s]) => `${d}[${s?.join(',') ?? '?'}]`).join(' ');
}

for (const [family, cases] of Object.entries(FAMILIES)) {
  describe(`shape goldens: ${family}`, () => {
    it.each(cases.map((c) => [`${c.op} opset ${String(c.opset)}: ${c.name}`, c] as const))('%s', async (_title, c) => {
      const { model, feeds, outputs } = buildCaseModel(c);
      const result = inferShapes(model);
      expect(result.issues, 'inference issues').toEqual([]);
      const inferred: Typed[] = outputs.map((o) => {
        const info = result.values.get(o);
        return [info?.dtype === undefined ? '?' : dataTypeName(info.dtype), info?.shape];
      });
      const expected: Typed[] = c.expect.map(([d, s]) => [d, s]);
      if (c.ort !== false) {
        const ran = await runWithIntermediates(model, feeds, outputs);
        const actual: Typed[] = outputs.map((o) => {
          const t = ran[o];
          return [t?.type ?? 'missing', t?.dims];
        });
        expect(show(inferred), `inferred vs onnxruntime (case expects ${show(expected)})`).toBe(show(actual));
      }
      expect(show(inferred), 'inferred vs the case expectation').toBe(show(expected));
    });
  });
}
