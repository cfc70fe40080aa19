import { attrString } from '../../ir/attributes.ts';
import type { Dim } from '../../ir/types.ts';
import { defineShapeHandler, fail, tensorOut, type ShapeContext, type ShapeHandler } from '../handler.ts';
import { broadcastDim, broadcastShapes } from '../shape-math.ts';

/** The single-letter labels of an equation term (ONNX restricts labels to ASCII letters). */
function labels(term: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < term.length; i++) out.push(term.charAt(i));
  return out;
}

/**
 * Einsum (ONNX Einsum, numpy.einsum conventions): each label takes the size of the input dims it names; `...`
 * dims broadcast across inputs; the implicit output (no `->`) is the broadcast `...` followed by the labels used
 * exactly once, in alphabetical order.
 */
function einsumShape(ctx: ShapeContext): Dim[] | undefined {
  const equation = (attrString(ctx.node, 'equation') ?? fail('invalid-attribute', 'equation is required.')).replace(/\s+/g, '');
  const [lhs = '', rhs] = equation.split('->');
  const terms = lhs.split(',');
  if (terms.length !== ctx.inputCount) fail('invalid-attribute', `equation '${equation}' has ${String(terms.length)} operands; the node has ${String(ctx.inputCount)} inputs.`);
  const sizes = new Map<string, Dim>();
  const counts = new Map<string, number>();
  const ellipses: Dim[][] = [];
  for (const [i, term] of terms.entries()) {
    const shape = ctx.shape(i);
    if (shape === undefined) return undefined;
    const [before = '', after = ''] = term.split('...');
    const hasEllipsis = term.includes('...');
    const labelCount = before.length + after.length;
    const ellipsisRank = hasEllipsis ? shape.length - labelCount : 0;
    if (ellipsisRank < 0 || (!hasEllipsis && labelCount !== shape.length)) {
      fail('shape-mismatch', `operand ${String(i)} '${term}' does not match its rank ${String(shape.length)}.`);
    }
    if (hasEllipsis) ellipses.push(shape.slice(before.length, before.length + ellipsisRank));
    const labelled = labels(before).map((c, k): [string, Dim | undefined] => [c, shape[k]]);
    labels(after).forEach((c, k) => labelled.push([c, shape[before.length + ellipsisRank + k]]));
    for (const [c, d] of labelled) {
      if (d === undefined) continue;
      counts.set(c, (counts.get(c) ?? 0) + 1);
      const prev = sizes.get(c);
      sizes.set(c, prev === undefined ? d : broadcastDim(ctx.dims, prev, d));
    }
  }
  const ellipsis = broadcastShapes(ctx.dims, ellipses) ?? [];
  const output = rhs ?? `...${[...counts.entries()].filter(([, n]) => n === 1).map(([c]) => c).sort().join('')}`;
  const out: Dim[] = [];
  const [ob = '', oa = ''] = output.split('...');
  const label = (c: string): Dim => sizes.get(c) ?? fail('invalid-attribute', `output label '${c}' is not an input label.`);
  out.push(...labels(ob).map(label));
  if (output.includes('...')) out.push(...ellipsis);
  out.push(...labels(oa).map(label));
  return out;
}

export const einsumShapeHandlers: readonly ShapeHandler[] = [
  defineShapeHandler({ opType: 'Einsum', since: 12, infer: (ctx) => [tensorOut(ctx.dtype(0), einsumShape(ctx))] }),
];
