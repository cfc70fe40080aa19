/** Small IR pieces for structure tests that the GraphBuilder (rightly) refuses to build: outer-scope reads, cycles. */
import type { IrAttribute, IrGraph, IrNode, IrTensor, IrValueInfo } from '../../src/ir/types.ts';

export function irNode(opType: string, inputs: readonly string[], outputs: readonly string[], attributes: readonly IrAttribute[] = [], name = ''): IrNode {
  return { name, opType, domain: '', overload: '', inputs, outputs, attributes, docString: '', metadataProps: [], opaque: [] };
}

export function graphAttr(name: string, value: IrGraph): IrAttribute {
  return { name, refAttrName: '', docString: '', type: 'GRAPH', value };
}

export function floatValue(name: string, shape?: readonly number[]): IrValueInfo {
  return { name, type: { kind: 'tensor', elemType: 1, shape, denotation: '' }, docString: '', metadataProps: [] };
}

export function irGraph(
  name: string,
  nodes: readonly IrNode[],
  parts: { readonly inputs?: readonly string[]; readonly outputs?: readonly string[]; readonly initializers?: readonly IrTensor[] } = {},
): IrGraph {
  return {
    name,
    nodes,
    inputs: (parts.inputs ?? []).map((n) => floatValue(n)),
    outputs: (parts.outputs ?? []).map((n) => floatValue(n)),
    valueInfo: [],
    initializers: parts.initializers ?? [],
    sparseInitializers: [],
    quantizationAnnotations: [],
    docString: '',
    metadataProps: [],
  };
}
