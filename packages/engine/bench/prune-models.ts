/**
 * The pruning benchmark's CNNs at realistic widths (64–512 channels, 224×224 input), built with GraphBuilder in the
 * style of the test fixtures (test/fixtures/models/{resnet,mobilenet}.ts, which are fixed at small widths):
 * - ResNet-style: ResNet-18 layout — 7×7 stem, max-pool, four stages of two basic blocks at 64/128/256/512 channels
 *   (strided 1×1 Conv+BN shortcuts), global average pool, Flatten, Gemm to 1000 classes;
 * - MobileNet-style: MobileNetV3-like inverted residuals — 1×1 expand + HardSwish, depthwise 3×3 (group = channels) +
 *   HardSwish, squeeze-excitation with a HardSigmoid gate, 1×1 project, residual Add — at 64→512 output channels.
 * Weights are seeded He-uniform, so every build is identical.
 */
import { float, GraphBuilder } from '../src/ir/builder.ts';
import type { IrModel } from '../src/ir/types.ts';
import { batchNormParams, heUniform, seedSequence, smallBias } from '../test/fixtures/weights.ts';

const CLASSES = 1000;

/** ResNet-18-style CNN at 224×224; input 'input' [N, 3, 224, 224], output 'logits' [N, 1000]. */
export function resnetStyle224(): IrModel {
  const b = new GraphBuilder();
  const seed = seedSequence(1000);
  const convBn = (x: string, scope: string, cin: number, cout: number, k: number, stride: number): string => {
    const w = b.initializer(`${scope}.weight`, 'float32', [cout, cin, k, k], heUniform([cout, cin, k, k], cin * k * k, seed()));
    const p = (k - 1) / 2;
    const conv = b.op('Conv', [x, w], { kernel_shape: [k, k], strides: [stride, stride], pads: [p, p, p, p] }, { name: `${scope}/Conv` });
    const bn = batchNormParams(cout, seed());
    const ins = [bn.scale, bn.bias, bn.mean, bn.variance].map((v, i) => b.initializer(`${scope}.bn${String(i)}`, 'float32', [cout], v));
    return b.op('BatchNormalization', [conv, ...ins], { epsilon: float(1e-5) }, { name: `${scope}/BatchNormalization` });
  };
  const relu = (x: string, scope: string): string => b.op('Relu', [x], {}, { name: `${scope}/Relu` });
  const block = (x: string, scope: string, cin: number, cout: number, stride: number): string => {
    const main = convBn(relu(convBn(x, `${scope}/conv1`, cin, cout, 3, stride), `${scope}/conv1`), `${scope}/conv2`, cout, cout, 3, 1);
    const shortcut = stride === 1 && cin === cout ? x : convBn(x, `${scope}/downsample`, cin, cout, 1, stride);
    return relu(b.op('Add', [main, shortcut], {}, { name: `${scope}/Add` }), scope);
  };
  const input = b.input('input', 'float32', ['N', 3, 224, 224]);
  let x = relu(convBn(input, '/stem', 3, 64, 7, 2), '/stem');
  x = b.op('MaxPool', [x], { kernel_shape: [3, 3], strides: [2, 2], pads: [1, 1, 1, 1] }, { name: '/stem/MaxPool' });
  let cin = 64;
  [64, 128, 256, 512].forEach((cout, stage) => {
    x = block(x, `/layer${String(stage + 1)}/0`, cin, cout, stage === 0 ? 1 : 2);
    x = block(x, `/layer${String(stage + 1)}/1`, cout, cout, 1);
    cin = cout;
  });
  const pooled = b.op('GlobalAveragePool', [x], {}, { name: '/avgpool/GlobalAveragePool' });
  const flat = b.op('Flatten', [pooled], { axis: 1 }, { name: '/Flatten' });
  const w = b.initializer('fc.weight', 'float32', [CLASSES, 512], heUniform([CLASSES, 512], 512, seed()));
  const bias = b.initializer('fc.bias', 'float32', [CLASSES], smallBias(CLASSES, seed()));
  b.op('Gemm', [flat, w, bias], { transB: 1 }, { name: '/fc/Gemm', outputs: ['logits'] });
  b.output('logits', 'float32', ['N', CLASSES]);
  return b.toModel({ opset: 17, producerName: 'whittle-bench' });
}

/** MobileNetV3-style CNN at 224×224; input 'image' [N, 3, 224, 224], output 'scores' [N, 1000]. */
export function mobilenetStyle224(): IrModel {
  const b = new GraphBuilder();
  const seed = seedSequence(2000);
  const conv = (x: string, scope: string, cin: number, cout: number, k: number, stride: number, group: number): string => {
    const dims = [cout, cin / group, k, k];
    const w = b.initializer(`${scope}.weight`, 'float32', dims, heUniform(dims, (cin / group) * k * k, seed()));
    const bias = b.initializer(`${scope}.bias`, 'float32', [cout], smallBias(cout, seed()));
    const p = (k - 1) / 2;
    return b.op('Conv', [x, w, bias], { kernel_shape: [k, k], strides: [stride, stride], pads: [p, p, p, p], group }, { name: `${scope}/Conv` });
  };
  const hswish = (x: string, scope: string): string => b.op('HardSwish', [x], {}, { name: `${scope}/HardSwish` });
  const se = (x: string, scope: string, channels: number): string => {
    const pooled = b.op('GlobalAveragePool', [x], {}, { name: `${scope}/GlobalAveragePool` });
    const squeezed = b.op('Relu', [conv(pooled, `${scope}/fc1`, channels, channels / 4, 1, 1, 1)], {}, { name: `${scope}/Relu` });
    const gate = b.op('HardSigmoid', [conv(squeezed, `${scope}/fc2`, channels / 4, channels, 1, 1, 1)], { alpha: float(0.2), beta: float(0.5) }, { name: `${scope}/HardSigmoid` });
    return b.op('Mul', [x, gate], {}, { name: `${scope}/Mul` });
  };
  const inverted = (x: string, scope: string, cin: number, cout: number, stride: number): string => {
    const hidden = cin * 4;
    const e = hswish(conv(x, `${scope}/expand`, cin, hidden, 1, 1, 1), `${scope}/expand`);
    const d = hswish(conv(e, `${scope}/depthwise`, hidden, hidden, 3, stride, hidden), `${scope}/depthwise`);
    const y = conv(se(d, `${scope}/se`, hidden), `${scope}/project`, hidden, cout, 1, 1, 1);
    return stride === 1 && cin === cout ? b.op('Add', [x, y], {}, { name: `${scope}/Add` }) : y;
  };
  const input = b.input('image', 'float32', ['N', 3, 224, 224]);
  let x = hswish(conv(input, '/stem', 3, 32, 3, 2, 1), '/stem');
  const stages: readonly (readonly [number, number])[] = [[64, 2], [64, 1], [128, 2], [128, 1], [256, 2], [256, 1], [512, 2], [512, 1]];
  let cin = 32;
  stages.forEach(([cout, stride], i) => {
    x = inverted(x, `/blocks/${String(i)}`, cin, cout, stride);
    cin = cout;
  });
  x = hswish(conv(x, '/head', cin, 1024, 1, 1, 1), '/head');
  const pooled = b.op('GlobalAveragePool', [x], {}, { name: '/pool/GlobalAveragePool' });
  const flat = b.op('Flatten', [pooled], { axis: 1 }, { name: '/Flatten' });
  const w = b.initializer('classifier.weight', 'float32', [CLASSES, 1024], heUniform([CLASSES, 1024], 1024, seed()));
  const bias = b.initializer('classifier.bias', 'float32', [CLASSES], smallBias(CLASSES, seed()));
  b.op('Gemm', [flat, w, bias], { transB: 1 }, { name: '/classifier/Gemm', outputs: ['scores'] });
  b.output('scores', 'float32', ['N', CLASSES]);
  return b.toModel({ opset: 17, producerName: 'whittle-bench' });
}
