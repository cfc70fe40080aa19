import { float, GraphBuilder } from '../src/ir/builder.ts';
import type { IrModel } from '../src/ir/types.ts';
import { batchNormParams, heUniform } from '../test/fixtures/weights.ts';

/**
 * A deep residual conv net with at least `targetBytes` of float32 weights: `blocks` blocks of
 * Conv → BatchNormalization → Relu → Conv → BatchNormalization → Add → Relu at a fixed width, so that the load
 * benchmark also measures a graph with hundreds of nodes (shape inference and validation work), not only big tensors.
 */
export function deepConvModel(targetBytes: number, channels = 128): IrModel {
  const bytesPerConv = channels * channels * 9 * 4;
  const blocks = Math.max(1, Math.ceil(targetBytes / (2 * bytesPerConv)));
  const b = new GraphBuilder();
  let x = b.input('image', 'float32', ['N', channels, 'H', 'W']);
  let seed = 1;
  const convBn = (input: string, scope: string): string => {
    const w = b.initializer(`${scope}.weight`, 'float32', [channels, channels, 3, 3], heUniform([channels, channels, 3, 3], channels * 9, seed++));
    const bn = batchNormParams(channels, (seed += 4));
    const names = (['scale', 'bias', 'mean', 'var'] as const).map((k, i) =>
      b.initializer(`${scope}.bn.${k}`, 'float32', [channels], [bn.scale, bn.bias, bn.mean, bn.variance][i] ?? bn.scale),
    );
    const conv = b.op('Conv', [input, w], { kernel_shape: [3, 3], pads: [1, 1, 1, 1] }, { name: `${scope}/Conv` });
    return b.op('BatchNormalization', [conv, ...names], { epsilon: float(1e-5) }, { name: `${scope}/BatchNormalization` });
  };
  for (let i = 0; i < blocks; i++) {
    const scope = `/block${String(i)}`;
    const y = b.op('Relu', [convBn(x, `${scope}/conv1`)], {}, { name: `${scope}/Relu1` });
    const z = convBn(y, `${scope}/conv2`);
    x = b.op('Relu', [b.op('Add', [z, x], {}, { name: `${scope}/Add` })], {}, { name: `${scope}/Relu2` });
  }
  b.output(x, 'float32');
  return b.toModel({ opset: 17, producerName: 'whittle-bench' });
}
