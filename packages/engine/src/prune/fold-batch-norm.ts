/**
 * Folds inference-mode BatchNormalization into the Conv, ConvTranspose or Gemm that feeds it.
 *
 * BN computes y = γ·(x − μ)/√(σ² + ε) + β per channel c. With s = γ/√(σ² + ε) and x = W∗a + b this is
 * y = (s·W)∗a + (s·(b − μ) + β): scale the weights of every output channel by s and replace the bias. This is the
 * standard folding used for deployment (Jacob et al., "Quantization and Training of Neural Networks for Efficient
 * Integer-Arithmetic-Only Inference", CVPR 2018, §3.2; PyTorch `fuse_conv_bn_eval`). It is exact in real arithmetic;
 * in float32 the results differ from the unfolded graph by rounding only (the products are computed in float64).
 */
import { attrFloat, attrInt, findAttribute, nodeLabel, normalizeDomain } from '../ir/attributes.ts';
import { DataType } from '../ir/dtype.ts';
import { indexGraph, type GraphIndex } from '../ir/graph-index.ts';
import { elementCount, readAsFloat32, readAsNumbers, tensorFromArray } from '../ir/tensor.ts';
import type { IrAttribute, IrModel, IrNode, IrTensor } from '../ir/types.ts';
import { namesReadInSubgraphs } from './graph-reads.ts';
import { NameSource } from './unique-names.ts';

/**
 * One fold: the BatchNormalization removed and the node that absorbed it (labels in the input model).
 * @public
 */
export interface FoldedBatchNorm {
  readonly batchNorm: string;
  readonly into: string;
}

/**
 * The folded model and what was folded.
 * @public
 */
export interface FoldResult {
  readonly model: IrModel;
  readonly folded: readonly FoldedBatchNorm[];
}

/** How the producer's weight maps element index → output channel, and its bias input slot. */
interface Producer {
  readonly node: IrNode;
  readonly weight: IrTensor;
  readonly bias: IrTensor | undefined;
  readonly channels: number;
  readonly channelOf: (i: number) => number;
  /** Gemm only: `beta`, which multiplies C and is reset to 1 after folding. */
  readonly biasScale: number;
}

const isDefault = (n: IrNode): boolean => normalizeDomain(n.domain) === 'ai.onnx';

function values(t: IrTensor): Float64Array {
  return t.dtype === DataType.DOUBLE ? Float64Array.from(readAsNumbers(t)) : Float64Array.from(readAsFloat32(t));
}

/** The bias as one value per channel, or undefined when its shape does not broadcast per channel. */
function perChannel(bias: IrTensor | undefined, channels: number, gemm: boolean): Float64Array | undefined {
  if (bias === undefined) return new Float64Array(channels);
  const v = values(bias);
  const n = elementCount(bias.dims);
  const ok = gemm
    ? (n === 1 && bias.dims.length <= 2) || (n === channels && bias.dims[bias.dims.length - 1] === channels && bias.dims.length <= 2)
    : bias.dims.length === 1 && n === channels;
  if (!ok) return undefined;
  return n === 1 ? new Float64Array(channels).fill(v[0] ?? 0) : v;
}

function producerOf(node: IrNode, index: GraphIndex): Producer | undefined {
  const weight = index.constants.get(node.inputs[1] ?? '');
  if (weight === undefined || (weight.dtype !== DataType.FLOAT && weight.dtype !== DataType.DOUBLE)) return undefined;
  const biasName = node.inputs[2] ?? '';
  const bias = biasName === '' ? undefined : index.constants.get(biasName);
  if (biasName !== '' && (bias === undefined || bias.dtype !== weight.dtype)) return undefined;
  const dims = weight.dims;
  switch (node.opType) {
    case 'Conv': {
      const inner = elementCount(dims.slice(1));
      return { node, weight, bias, channels: dims[0] ?? 0, channelOf: (i) => Math.floor(i / inner), biasScale: 1 };
    }
    case 'ConvTranspose': {
      // W is [C_in, M/group, k…]; output channel of W[c, j] is group(c)·(M/group) + j.
      const group = attrInt(node, 'group', 1);
      const perGroupOut = dims[1] ?? 0;
      const perGroupIn = (dims[0] ?? 0) / group;
      const inner = elementCount(dims.slice(2));
      const channelOf = (i: number): number => {
        const c = Math.floor(i / (perGroupOut * inner));
        const j = Math.floor(i / inner) % perGroupOut;
        return Math.floor(c / perGroupIn) * perGroupOut + j;
      };
      return { node, weight, bias, channels: perGroupOut * group, channelOf, biasScale: 1 };
    }
    case 'Gemm': {
      if (dims.length !== 2) return undefined;
      const transB = attrInt(node, 'transB', 0) === 1;
      const k = dims[1] ?? 0;
      const n = dims[1] ?? 0;
      const channelOf = transB ? (i: number) => Math.floor(i / k) : (i: number) => i % n;
      return { node, weight, bias, channels: transB ? (dims[0] ?? 0) : n, channelOf, biasScale: attrFloat(node, 'beta', 1) };
    }
    default:
      return undefined;
  }
}

/** Whether `bn` can fold into its producer: inference mode, per-channel constants, sole reader of the producer. */
function foldable(bn: IrNode, index: GraphIndex, subgraphReads: ReadonlySet<string>, opset: number): Producer | undefined {
  if (!isDefault(bn) || bn.opType !== 'BatchNormalization') return undefined;
  if (attrInt(bn, 'training_mode', 0) !== 0 || (opset < 9 && attrInt(bn, 'spatial', 1) !== 1)) return undefined;
  for (const extra of bn.outputs.slice(1)) {
    if (extra !== '' && ((index.consumers.get(extra)?.length ?? 0) > 0 || index.graphOutputs.has(extra) || subgraphReads.has(extra))) return undefined;
  }
  const x = bn.inputs[0] ?? '';
  const node = index.producer.get(x);
  if (node === undefined || !isDefault(node) || node.outputs[0] !== x) return undefined;
  if (index.consumers.get(x)?.length !== 1 || index.graphOutputs.has(x) || subgraphReads.has(x)) return undefined;
  const producer = producerOf(node, index);
  if (producer === undefined) return undefined;
  const params = bn.inputs.slice(1, 5).map((name) => index.constants.get(name));
  if (params.length !== 4 || params.some((p) => p === undefined || elementCount(p.dims) !== producer.channels || p.dims.length !== 1)) return undefined;
  return producer;
}

function setFloat(attributes: readonly IrAttribute[], name: string, value: number): IrAttribute[] {
  const rest = attributes.filter((a) => a.name !== name);
  return [...rest, { name, type: 'FLOAT', value, refAttrName: '', docString: '' }];
}

/**
 * Folds every foldable BatchNormalization into its producer.
 *
 * Pre-conditions: a structurally valid model. A BN folds when it is in inference mode (`training_mode` 0, `spatial`
 * 1), its optional extra outputs are unused, its scale/bias/mean/var are constants with one value per channel, and
 * its input comes from a Conv, ConvTranspose or Gemm (float32 or float64 constant weights, constant bias broadcasting
 * per channel) that nothing else reads.
 * Post-conditions: the producer takes the BN's output name, new weights and bias become fresh initializers (shared
 * weights are never edited in place), the BN node is gone; Gemm's `beta` becomes 1. Old constants stay for the
 * caller's dead-code cleanup. The input model is not modified.
 * @public
 */
export function foldBatchNorms(model: IrModel, names: NameSource = new NameSource(model.graph)): FoldResult {
  const graph = model.graph;
  const index = indexGraph(graph);
  const subgraphReads = namesReadInSubgraphs(graph);
  const opset = model.opsetImports.find((o) => normalizeDomain(o.domain) === 'ai.onnx')?.version ?? 0;
  const replaced = new Map<IrNode, IrNode>();
  const removed = new Set<IrNode>();
  const added: IrTensor[] = [];
  const folded: FoldedBatchNorm[] = [];
  for (const bn of graph.nodes) {
    const producer = foldable(bn, index, subgraphReads, opset);
    if (producer === undefined) continue;
    const [gamma, beta, mean, variance] = bn.inputs.slice(1, 5).map((name) => values(index.constants.get(name) ?? producer.weight));
    const bias = perChannel(producer.bias, producer.channels, producer.node.opType === 'Gemm');
    if (gamma === undefined || beta === undefined || mean === undefined || variance === undefined || bias === undefined) continue;
    const epsilon = attrFloat(bn, 'epsilon', 1e-5);
    const s = gamma.map((g, c) => g / Math.sqrt((variance[c] ?? 0) + epsilon));
    const newBias = s.map((sc, c) => sc * (producer.biasScale * (bias[c] ?? 0) - (mean[c] ?? 0)) + (beta[c] ?? 0));
    const w = values(producer.weight);
    const scaled = w.map((v, i) => v * (s[producer.channelOf(i)] ?? 0));
    const dtype = producer.weight.dtype;
    const typed = (a: Float64Array) => (dtype === DataType.DOUBLE ? a : Float32Array.from(a));
    const node = producer.node;
    const wName = names.fresh(`${node.inputs[1] ?? 'weight'}_bn_folded`);
    const bName = names.fresh(`${node.inputs[2] === undefined || node.inputs[2] === '' ? `${nodeLabel(node)}.bias` : node.inputs[2]}_bn_folded`);
    added.push(tensorFromArray(wName, dtype, producer.weight.dims, typed(scaled)));
    added.push(tensorFromArray(bName, dtype, [producer.channels], typed(newBias)));
    const inputs = [node.inputs[0] ?? '', wName, bName];
    const attributes = node.opType === 'Gemm' && findAttribute(node, 'beta') !== undefined ? setFloat(node.attributes, 'beta', 1) : node.attributes;
    replaced.set(node, { ...node, inputs, outputs: [bn.outputs[0] ?? '', ...node.outputs.slice(1)], attributes });
    removed.add(bn);
    folded.push({ batchNorm: nodeLabel(bn), into: nodeLabel(node) });
  }
  if (folded.length === 0) return { model, folded };
  const nodes = graph.nodes.filter((n) => !removed.has(n)).map((n) => replaced.get(n) ?? n);
  return { model: { ...model, graph: { ...graph, nodes, initializers: [...graph.initializers, ...added] } }, folded };
}
