/**
 * Which constant tensors are parameters, and which node each one is attributed to.
 *
 * Rule (documented on `CostReport`): floating-point constants and 16/8/4/2-bit integer constants are parameters;
 * int32 constants are parameters only when `DequantizeLinear` reads them as data (quantized biases); other
 * integer constants are shapes, axes or indices, and bools and strings are never parameters.
 */
import { attrFloats, findAttribute, subgraphsOf } from '../ir/attributes.ts';
import { DataType, dataTypeInfo } from '../ir/dtype.ts';
import type { GraphIndex } from '../ir/graph-index.ts';
import { indexGraph } from '../ir/graph-index.ts';
import { elementCount, tensorByteSize } from '../ir/tensor.ts';
import type { IrGraph, IrNode, IrTensor } from '../ir/types.ts';

const QUANTIZED_INT_TYPES: ReadonlySet<number> = new Set([
  DataType.INT16,
  DataType.UINT16,
  DataType.INT8,
  DataType.UINT8,
  DataType.INT4,
  DataType.UINT4,
  DataType.INT2,
  DataType.UINT2,
]);

/** One parameter tensor: its dtype, element count and stored bytes. */
export interface ParameterTensor {
  readonly name: string;
  readonly dtype: number;
  readonly elements: number;
  readonly bytes: number;
}

function isDefaultDomain(node: IrNode): boolean {
  return node.domain === '' || node.domain === 'ai.onnx';
}

/** True for a `Constant` node of the default domain (the only op whose output is a tensor baked into the file). */
export function isConstantNode(node: IrNode): boolean {
  return node.opType === 'Constant' && isDefaultDomain(node);
}

/** True when `dtype` holds weights by the rule above (the int32 quantized-bias case is decided by the caller). */
function isParameterDtype(dtype: number): boolean {
  return (dataTypeInfo(dtype)?.isFloat ?? false) || QUANTIZED_INT_TYPES.has(dtype);
}

function readByDequantize(name: string, index: GraphIndex): boolean {
  return (index.consumers.get(name) ?? []).some(
    (n) => n.opType === 'DequantizeLinear' && isDefaultDomain(n) && n.inputs[0] === name,
  );
}

function fromTensor(name: string, tensor: IrTensor, index: GraphIndex): ParameterTensor | undefined {
  const quantizedBias = tensor.dtype === DataType.INT32 && readByDequantize(name, index);
  if (!isParameterDtype(tensor.dtype) && !quantizedBias) return undefined;
  return { name, dtype: tensor.dtype, elements: elementCount(tensor.dims), bytes: tensorByteSize(tensor) };
}

/** The float forms of `Constant` (opset 12+) that `indexGraph` does not expose as tensors. */
function fromFloatConstant(node: IrNode): ParameterTensor | undefined {
  const name = node.outputs[0] ?? '';
  const single = findAttribute(node, 'value_float');
  if (single !== undefined) return { name, dtype: DataType.FLOAT, elements: 1, bytes: 4 };
  const list = findAttribute(node, 'value_floats') === undefined ? undefined : attrFloats(node, 'value_floats');
  return list === undefined ? undefined : { name, dtype: DataType.FLOAT, elements: list.length, bytes: 4 * list.length };
}

/**
 * Parameter tensors defined at one graph level (initializers, sparse initializers, `Constant` nodes), each with
 * the value name it is read through. Subgraphs are not entered.
 */
export function graphLevelParameters(graph: IrGraph, index: GraphIndex): ParameterTensor[] {
  const out: ParameterTensor[] = [];
  for (const [name, tensor] of index.constants) {
    const p = fromTensor(name, tensor, index);
    if (p !== undefined) out.push(p);
  }
  for (const sparse of graph.sparseInitializers) {
    const p = fromTensor(sparse.values.name, sparse.values, index);
    if (p !== undefined) out.push(p);
  }
  for (const node of graph.nodes) {
    if (!isConstantNode(node)) continue;
    const out0 = node.outputs[0];
    if (out0 !== undefined && index.constants.has(out0)) continue;
    const sparse = findAttribute(node, 'sparse_value');
    if (sparse?.type === 'SPARSE_TENSOR') {
      const p = fromTensor(out0 ?? '', sparse.value.values, index);
      if (p !== undefined) out.push(p);
      continue;
    }
    const p = fromFloatConstant(node);
    if (p !== undefined) out.push(p);
  }
  return out;
}

/** Every parameter tensor of `graph` and of all subgraphs below it. */
export function allParameters(graph: IrGraph): ParameterTensor[] {
  const out = graphLevelParameters(graph, indexGraph(graph));
  for (const node of graph.nodes) for (const sub of subgraphsOf(node)) out.push(...allParameters(sub));
  return out;
}
