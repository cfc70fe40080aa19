import { describe, expect, it } from 'vitest';
import type { IrModel } from '../../src/ir/types.ts';
import { writeModel } from '../../src/onnx/codec.ts';
import { withExtraOutputs } from '../../src/runtime/extra-outputs.ts';
import { expectTensorsIdentical } from '../helpers/expect-tensors-close.ts';
import { outputNamed } from '../helpers/outputs.ts';
import { runBytes, runWithIntermediates } from '../helpers/run-model.ts';
import { fixtureFeeds } from '../fixtures/feeds.ts';
import { resnetFixture, transformerFixture } from '../fixtures/index.ts';

const CONV = '/layer2/block0/conv1/Conv_output_0';
const BN = '/layer2/block0/downsample/BatchNormalization_output_0';

/** The same model with its graph outputs replaced by `names` (nothing else changes). */
function outputsReplacedBy(model: IrModel, names: readonly string[]): IrModel {
  const outputs = names.map((name) => ({ name, type: undefined, docString: '', metadataProps: [] }));
  return { ...model, graph: { ...model.graph, outputs } };
}

describe('withExtraOutputs', () => {
  it('appends intermediate values after the existing outputs, untyped', () => {
    const model = withExtraOutputs(resnetFixture.build(), [CONV]);
    expect(model.graph.outputs.map((o) => o.name)).toEqual(['logits', CONV]);
    expect(model.graph.outputs[1]?.type).toBeUndefined();
  });

  it('adds nothing twice and skips empty names and existing outputs', () => {
    const model = withExtraOutputs(resnetFixture.build(), [CONV, CONV, '', 'logits']);
    expect(model.graph.outputs.map((o) => o.name)).toEqual(['logits', CONV]);
  });

  it('leaves the input model unchanged', () => {
    const model = resnetFixture.build();
    withExtraOutputs(model, [CONV]);
    expect(model.graph.outputs.map((o) => o.name)).toEqual(['logits']);
  });

  it('exposes a Conv output inside the resnet fixture, equal to a model that outputs it directly', async () => {
    const model = resnetFixture.build();
    const feeds = fixtureFeeds(resnetFixture, 21);
    const exposed = await runWithIntermediates(model, feeds, [CONV, BN]);
    const direct = await runBytes(writeModel(outputsReplacedBy(model, [CONV, BN])), feeds);
    expect(outputNamed(exposed, CONV).dims).toEqual([2, 32, 16, 16]);
    expectTensorsIdentical(outputNamed(exposed, CONV), outputNamed(direct, CONV));
    expectTensorsIdentical(outputNamed(exposed, BN), outputNamed(direct, BN));
  });

  it('keeps the original outputs unchanged while exposing intermediates', async () => {
    const model = resnetFixture.build();
    const feeds = fixtureFeeds(resnetFixture, 22);
    const plain = await runBytes(writeModel(model), feeds);
    const exposed = await runWithIntermediates(model, feeds, [CONV]);
    expectTensorsIdentical(outputNamed(exposed, 'logits'), outputNamed(plain, 'logits'));
  });

  it('exposes attention probabilities of the transformer fixture, rows summing to 1', async () => {
    const feeds = fixtureFeeds(transformerFixture, 23);
    const out = await runWithIntermediates(transformerFixture.build(), feeds, ['/attn/Softmax_out']);
    const probs = outputNamed(out, '/attn/Softmax_out');
    expect(probs.dims).toEqual([2, 4, 7, 7]);
    const data = probs.data as Float32Array;
    for (let row = 0; row < data.length / 7; row++) {
      const sum = data.subarray(row * 7, row * 7 + 7).reduce((a, b) => a + b, 0);
      expect(Math.abs(sum - 1)).toBeLessThan(1e-5);
    }
  });
});
