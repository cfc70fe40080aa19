/**
 * MACs of the PaddleOCR models checked against the shapes onnxruntime actually computes: every Conv, ConvTranspose
 * and MatMul output is fetched from a real run, and the MACs recomputed from those dims with the plain formulas.
 */
import { describe, expect, it } from 'vitest';
import { computeCost } from '../../src/cost/cost-model.ts';
import { indexGraph } from '../../src/ir/graph-index.ts';
import { readModel } from '../../src/onnx/read.ts';
import { inferShapes } from '../../src/shape/infer.ts';
import { PADDLE_MODELS, readPaddleModel } from '../helpers/paddle-models.ts';
import { runWithIntermediates, seededInput } from '../helpers/run-model.ts';

const prod = (dims: readonly number[]) => dims.reduce((a, b) => a * b, 1);

describe.each(PADDLE_MODELS)('MACs of PaddleOCR $id against onnxruntime', (m) => {
  it('match per node, recomputed from the dims of a real run', async () => {
    const model = readModel(readPaddleModel(m.file));
    const index = indexGraph(model.graph);
    const cost = computeCost(model, inferShapes(model, { inputShapes: { [m.input]: m.shape } }));
    const counted = model.graph.nodes.map((n, i) => ({ n, i })).filter(({ n }) => ['Conv', 'ConvTranspose', 'MatMul'].includes(n.opType));
    const fetch = counted.flatMap(({ n }) => [...n.inputs.filter((v) => v !== '' && !index.constants.has(v)), n.outputs[0] ?? '']);
    const run = await runWithIntermediates(model, { [m.input]: seededInput(m.shape, 3) }, fetch);
    const dims = (value: string): readonly number[] => {
      const constant = index.constants.get(value);
      const fetched = run[value]?.dims;
      if (constant !== undefined) return constant.dims;
      if (fetched === undefined) throw new Error(`onnxruntime did not return '${value}'`);
      return fetched;
    };
    let total = 0;
    for (const { n, i } of counted) {
      const [x = '', w = ''] = n.inputs;
      const y = n.outputs[0] ?? '';
      let expected: number;
      if (n.opType === 'Conv') expected = prod(dims(y)) * prod(dims(w).slice(1)); // N·Cout·Hout·Wout · Cin/g·kH·kW
      else if (n.opType === 'ConvTranspose') expected = prod(dims(x)) * prod(dims(w).slice(1)); // N·Cin·Hin·Win · Cout/g·kH·kW
      else expected = prod(dims(y)) * (dims(x).at(-1) ?? 0); // batch·M·N · K
      expect(cost.nodes[i]?.macs, `${n.opType} ${cost.nodes[i]?.label ?? ''}`).toBe(expected);
      total += expected;
    }
    // Only these ops multiply-accumulate in the PaddleOCR graphs, so they make up the whole total.
    expect(cost.macs).toEqual({ total, known: total, unknownNodes: 0 });
  });
});
