import type { IrAttribute, IrFunction, IrNode } from '../ir/types.ts';

/**
 * The body of a model-local function as seen from one call: attributes that refer to the caller's attributes
 * (`ref_attr_name`) take the caller's value, else the function's declared default, else they are dropped (the op's
 * own default then applies), as the ONNX IR spec's function semantics describe.
 */
export function substituteAttributes(fn: IrFunction, call: IrNode): IrNode[] {
  const defaults = new Map(fn.attributeProtos.map((a) => [a.name, a]));
  const resolve = (a: IrAttribute): IrAttribute | undefined => {
    if (a.refAttrName === '') return a;
    const source = call.attributes.find((c) => c.name === a.refAttrName) ?? defaults.get(a.refAttrName);
    return source === undefined ? undefined : { ...source, name: a.name, refAttrName: '' };
  };
  return fn.nodes.map((n) => {
    if (n.attributes.every((a) => a.refAttrName === '')) return n;
    return { ...n, attributes: n.attributes.flatMap((a) => resolve(a) ?? []) };
  });
}
