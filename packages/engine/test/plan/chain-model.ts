/** A plain chain x → convA (16) → reluA → convB (12) → reluB → convC (5) → y, for plan-resolution tests. */
import { GraphBuilder } from '../../src/ir/builder.ts';
import type { IrModel } from '../../src/ir/types.ts';
import { heUniform } from '../fixtures/weights.ts';

export const GROUP_A = 'a:1';
export const GROUP_B = 'b:1';
export const GROUP_C = 'y:1';

export function chainModel(options: { readonly widthA?: number; readonly seed?: number } = {}): IrModel {
  const widthA = options.widthA ?? 16;
  const seed = options.seed ?? 1;
  const b = new GraphBuilder();
  const x = b.input('x', 'float32', [1, 3, 8, 8]);
  const conv = (input: string, name: string, cin: number, cout: number, out: string, s: number): string => {
    const w = b.initializer(`${name}.weight`, 'float32', [cout, cin, 3, 3], heUniform([cout, cin, 3, 3], cin * 9, s));
    return b.op('Conv', [input, w], { kernel_shape: [3, 3], pads: [1, 1, 1, 1] }, { name, outputs: [out] });
  };
  const a = b.op('Relu', [conv(x, 'convA', 3, widthA, 'a', seed)], {}, { name: 'reluA', outputs: ['ra'] });
  const bb = b.op('Relu', [conv(a, 'convB', widthA, 12, 'b', seed + 1)], {}, { name: 'reluB', outputs: ['rb'] });
  conv(bb, 'convC', 12, 5, 'y', seed + 2);
  b.output('y', 'float32', [1, 5, 8, 8]);
  return b.toModel({ opset: 17 });
}

/**
 * x → convA (8) → reluA → [convB → reluB → convB2] + reluA → reluC → convC (5) → y: one residual block
 * ('block:add', body convB, reluB, convB2) whose inner group 'b:1' vanishes when the block is dropped.
 */
export function residualModel(): IrModel {
  const b = new GraphBuilder();
  const x = b.input('x', 'float32', [1, 3, 8, 8]);
  let s = 10;
  const conv = (input: string, name: string, cin: number, cout: number, out: string): string => {
    const w = b.initializer(`${name}.weight`, 'float32', [cout, cin, 3, 3], heUniform([cout, cin, 3, 3], cin * 9, s++));
    return b.op('Conv', [input, w], { kernel_shape: [3, 3], pads: [1, 1, 1, 1] }, { name, outputs: [out] });
  };
  const ra = b.op('Relu', [conv(x, 'convA', 3, 8, 'a')], {}, { name: 'reluA', outputs: ['ra'] });
  const rb = b.op('Relu', [conv(ra, 'convB', 8, 8, 'b')], {}, { name: 'reluB', outputs: ['rb'] });
  const sum = b.op('Add', [ra, conv(rb, 'convB2', 8, 8, 'b2')], {}, { name: 'add', outputs: ['sum'] });
  const rc = b.op('Relu', [sum], {}, { name: 'reluC', outputs: ['rc'] });
  conv(rc, 'convC', 8, 5, 'y');
  b.output('y', 'float32', [1, 5, 8, 8]);
  return b.toModel({ opset: 17 });
}
