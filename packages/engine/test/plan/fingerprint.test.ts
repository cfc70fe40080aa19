import { describe, expect, it } from 'vitest';
import { fnv1a64, modelFingerprint } from '../../src/ir/fingerprint.ts';
import { tensorFromArray } from '../../src/ir/tensor.ts';
import type { IrModel } from '../../src/ir/types.ts';
import { writeModel } from '../../src/onnx/codec.ts';
import { readModel } from '../../src/onnx/read.ts';
import { PADDLE_MODELS, readPaddleModel } from '../helpers/paddle-models.ts';
import { chainModel } from './chain-model.ts';

function withInitializer(model: IrModel, name: string, change: (dims: readonly number[]) => { dims: number[]; values: Float32Array }): IrModel {
  return {
    ...model,
    graph: {
      ...model.graph,
      initializers: model.graph.initializers.map((t) => {
        if (t.name !== name) return t;
        const { dims, values } = change(t.dims);
        return tensorFromArray(name, t.dtype, dims, values);
      }),
    },
  };
}

describe('fnv1a64', () => {
  it('matches the published FNV-1a 64 test vectors', () => {
    expect(fnv1a64('')).toBe('cbf29ce484222325');
    expect(fnv1a64('a')).toBe('af63dc4c8601ec8c');
    expect(fnv1a64('foobar')).toBe('85944171f73967e8');
  });
});

describe('modelFingerprint', () => {
  it('is fnv1a64: plus 16 hex digits, equal for equal models and after a write/read round trip', () => {
    const fp = modelFingerprint(chainModel());
    expect(fp).toMatch(/^fnv1a64:[0-9a-f]{16}$/);
    expect(modelFingerprint(chainModel())).toBe(fp);
    expect(modelFingerprint(readModel(writeModel(chainModel())))).toBe(fp);
  });

  it('ignores weight values (re-trained weights keep the plan valid)', () => {
    expect(modelFingerprint(chainModel({ seed: 99 }))).toBe(modelFingerprint(chainModel()));
    const zeroed = withInitializer(chainModel(), 'convB.weight', (dims) => ({ dims: [...dims], values: new Float32Array(dims.reduce((a, b) => a * b, 1)) }));
    expect(modelFingerprint(zeroed)).toBe(modelFingerprint(chainModel()));
  });

  it('changes with weight dims, node names, attributes and edges', () => {
    const base = modelFingerprint(chainModel());
    expect(modelFingerprint(chainModel({ widthA: 15 }))).not.toBe(base);
    const m = chainModel();
    const renamed: IrModel = { ...m, graph: { ...m.graph, nodes: m.graph.nodes.map((n) => (n.name === 'reluA' ? { ...n, name: 'reluA2' } : n)) } };
    expect(modelFingerprint(renamed)).not.toBe(base);
    const padded: IrModel = {
      ...m,
      graph: {
        ...m.graph,
        nodes: m.graph.nodes.map((n) => (n.name === 'convB' ? { ...n, attributes: n.attributes.map((a) => (a.name === 'pads' && a.type === 'INTS' ? { ...a, value: [0n, 0n, 0n, 0n] } : a)) } : n)),
      },
    };
    expect(modelFingerprint(padded)).not.toBe(base);
    const rewired: IrModel = { ...m, graph: { ...m.graph, nodes: m.graph.nodes.map((n) => (n.name === 'convB' ? { ...n, inputs: ['a', ...n.inputs.slice(1)] } : n)) } };
    expect(modelFingerprint(rewired)).not.toBe(base);
  });

  it('tells the three PaddleOCR models apart and is stable for each', () => {
    const fps = PADDLE_MODELS.map((p) => modelFingerprint(readModel(readPaddleModel(p.file))));
    expect(new Set(fps).size).toBe(3);
    expect(modelFingerprint(readModel(readPaddleModel(PADDLE_MODELS[2].file)))).toBe(fps[2]);
  });
});
