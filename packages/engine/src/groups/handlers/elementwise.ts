import { definePruneHandler, type PruneHandler } from '../types.ts';
import { coupleBroadcast, linkAllAxes } from './common.ts';

/*
 * Elementwise ops. Unary ops and activations keep every axis; broadcasting binary/variadic ops couple every input
 * axis that matches the output. Only ops that map 0 → 0 make hard pruning equal to zeroing (soft pruning); the rest
 * (Sigmoid, HardSigmoid, Exp, Cos, ...) are still structurally correct to prune — the removed channel is simply gone.
 */

const UNARY = [
  'Relu', 'LeakyRelu', 'PRelu', 'Elu', 'Selu', 'Celu', 'Gelu', 'Mish', 'Softplus', 'Softsign', 'Sigmoid', 'HardSigmoid', 'HardSwish',
  'Tanh', 'Erf', 'Abs', 'Neg', 'Exp', 'Log', 'Sqrt', 'Reciprocal', 'Floor', 'Ceil', 'Round', 'Sign', 'Sin', 'Cos', 'Not',
  'Identity', 'Cast', 'Clip', 'ThresholdedRelu', 'Shrink', 'IsNaN', 'IsInf',
] as const;

const BROADCAST = ['Add', 'Sub', 'Mul', 'Div', 'Pow', 'Max', 'Min', 'Mean', 'Sum', 'Mod', 'And', 'Or', 'Xor', 'Equal', 'Greater', 'Less', 'GreaterOrEqual', 'LessOrEqual', 'Where'] as const;

const unary: PruneHandler[] = UNARY.map((opType) =>
  definePruneHandler({
    opType,
    since: 1,
    couple: (ctx) => {
      const x = ctx.node.inputs[0] ?? '';
      const y = ctx.node.outputs[0] ?? '';
      linkAllAxes(ctx, x, y);
      // Scalar side inputs (Clip min/max, PRelu slope) are per-channel constants only for PRelu.
      if (ctx.node.opType === 'PRelu') coupleBroadcast(ctx, [ctx.node.inputs[1] ?? ''], y);
    },
  }),
);

const broadcast: PruneHandler[] = BROADCAST.map((opType) =>
  definePruneHandler({
    opType,
    since: 1,
    couple: (ctx) => { coupleBroadcast(ctx, ctx.node.inputs, ctx.node.outputs[0] ?? ''); },
  }),
);

/** CastLike: X's values in the type of input 1; every axis of X passes through (input 1 only lends its type). */
const castLike = definePruneHandler({
  opType: 'CastLike',
  since: 15,
  couple: (ctx) => {
    linkAllAxes(ctx, ctx.node.inputs[0] ?? '', ctx.node.outputs[0] ?? '');
  },
});

/** Dropout: the output and the optional mask keep every axis of the input. */
const dropout = definePruneHandler({
  opType: 'Dropout',
  since: 1,
  couple: (ctx) => {
    const x = ctx.node.inputs[0] ?? '';
    for (const y of ctx.node.outputs) if (y !== '') linkAllAxes(ctx, x, y);
  },
});

export const elementwisePruneHandlers: readonly PruneHandler[] = [...unary, ...broadcast, castLike, dropout];
