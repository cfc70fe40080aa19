/**
 * Small models built in code with the engine's GraphBuilder (after the CLI's test fixture): a ResNet-style CNN (Conv +
 * BatchNorm + Relu, one residual block, GAP, Flatten, Gemm) whose batch axis may be symbolic.
 */
import { float, GraphBuilder, seededFloats, writeModel, type Dim, type IrModel } from '@whittle/engine';

/** Stem 3→`width`, a residual block at `width`, conv `width`→24, GAP, Gemm → 10; input [batch, 3, 16, 16]. */
export function resnetStyle(width = 16, batch: Dim = 1): IrModel {
  const b = new GraphBuilder();
  let seed = 1;
  const convBn = (x: string, name: string, cin: number, cout: number): string => {
    const limit = Math.sqrt(6 / (cin * 9));
    const w = b.initializer(`${name}.weight`, 'float32', [cout, cin, 3, 3], seededFloats(cout * cin * 9, seed++, -limit, limit));
    const conv = b.op('Conv', [x, w], { kernel_shape: [3, 3], pads: [1, 1, 1, 1] }, { name: `/${name}/Conv`, outputs: [`/${name}/Conv_output_0`] });
    const bn = ['scale', 'bias', 'mean', 'var'].map((k, i) =>
      b.initializer(`${name}.bn.${k}`, 'float32', [cout], seededFloats(cout, seed++, i === 0 || i === 3 ? 0.5 : -0.1, i === 0 || i === 3 ? 1.5 : 0.1)),
    );
    return b.op('BatchNormalization', [conv, ...bn], { epsilon: float(1e-5) }, { name: `/${name}/BatchNormalization`, outputs: [`/${name}/BatchNormalization_output_0`] });
  };
  const relu = (x: string, name: string): string => b.op('Relu', [x], {}, { name: `/${name}/Relu`, outputs: [`/${name}/Relu_output_0`] });
  const input = b.input('input', 'float32', [batch, 3, 16, 16]);
  const stem = relu(convBn(input, 'stem', 3, width), 'stem');
  const body = convBn(relu(convBn(stem, 'block/conv1', width, width), 'block/conv1'), 'block/conv2', width, width);
  const sum = b.op('Add', [body, stem], {}, { name: '/block/Add', outputs: ['/block/Add_output_0'] });
  const x = relu(convBn(relu(sum, 'block'), 'head', width, 24), 'head');
  const pooled = b.op('GlobalAveragePool', [x], {}, { name: '/pool/GlobalAveragePool', outputs: ['/pool/GlobalAveragePool_output_0'] });
  const flat = b.op('Flatten', [pooled], { axis: 1 }, { name: '/Flatten', outputs: ['/Flatten_output_0'] });
  const fcW = b.initializer('fc.weight', 'float32', [10, 24], seededFloats(240, seed++, -0.5, 0.5));
  const fcB = b.initializer('fc.bias', 'float32', [10], seededFloats(10, seed++, -0.05, 0.05));
  b.op('Gemm', [flat, fcW, fcB], { transB: 1 }, { name: '/fc/Gemm', outputs: ['logits'] });
  b.output('logits', 'float32', [batch, 10]);
  return b.toModel({ opset: 17, producerName: 'pytorch' });
}

export function resnetStyleBytes(width = 16, batch: Dim = 1): Uint8Array {
  return writeModel(resnetStyle(width, batch));
}
