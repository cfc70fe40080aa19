import type {
  AttributeProto,
  FunctionProto,
  GraphProto,
  ModelProto,
  NodeProto,
  TypeProto,
  ValueInfoProto,
} from 'onnx-buf';
import { EngineError, EngineErrorCode } from '../errors.ts';
import { checkSparseTensorProto, checkTensorProto, type TensorBudget } from './check-tensor.ts';
import type { ModelLimits } from './limits.ts';
import { checkIrVersion, checkOpsetImports } from './opsets.ts';
import { capitalize, checkBytesSize, checkEntries, checkStringSize, printable } from './string-size.ts';

/** Value-info dims past 2^53 cannot become IR numbers. */
const MAX_DIM = BigInt(Number.MAX_SAFE_INTEGER);

/** A graph still to be checked, with where it sits and how deep. */
interface PendingGraph {
  readonly graph: GraphProto;
  readonly path: string;
  /** 0 for the main graph, training graphs and function bodies; +1 per subgraph attribute. */
  readonly depth: number;
}

/** Running counts across the whole model. */
interface Budget extends TensorBudget {
  nodes: number;
  values: number;
}

/**
 * Static limits on a decoded ModelProto, before the IR conversion allocates anything (DESIGN.md §8; catalogue
 * rows 20–39): IR version and opset imports; counts of nodes, values, tensors and functions; subgraph depth; node
 * arity; attribute sizes; name, doc-string and metadata sizes; and every TensorProto anywhere (initializers,
 * Constant values, attribute tensors, sparse tensors, inside subgraphs, functions and training graphs) checked by
 * `checkTensorProto`.
 *
 * Subgraphs are walked with an explicit stack, never by recursion, so a crafted nesting cannot exhaust the call
 * stack (protobufjs #2121; catalogue row 20); the decoder's own depth limit bounds nesting before this runs.
 *
 * @throws EngineError with a stable code; the message says what was expected, what was found and where.
 * @public
 */
export function checkModelProto(proto: ModelProto, limits: ModelLimits): void {
  checkIrVersion(proto.irVersion);
  checkOpsetImports(proto.opsetImport, true, limits, 'opset_import');
  checkStringSize(proto.producerName, 'name', limits, 'the producer_name of the model', 'producer_name');
  checkStringSize(proto.producerVersion, 'name', limits, 'the producer_version of the model', 'producer_version');
  checkStringSize(proto.domain, 'name', limits, 'the domain of the model', 'domain');
  checkStringSize(proto.docString, 'doc', limits, 'the doc_string of the model', 'doc_string');
  checkEntries(proto.metadataProps, limits, 'the metadata_props of the model', 'metadata_props');
  if (proto.graph === undefined) {
    throw new EngineError(EngineErrorCode.MissingGraph, 'The model has no graph; expected a ModelProto with a graph.', 'graph');
  }
  if (proto.functions.length > limits.maxFunctions) {
    throw new EngineError(
      EngineErrorCode.LimitExceeded,
      `The model has ${String(proto.functions.length)} local functions; expected at most ${String(limits.maxFunctions)}.`,
      'functions',
    );
  }

  const budget: Budget = { nodes: 0, values: 0, tensors: 0, totalBytes: 0n };
  const stack: PendingGraph[] = [{ graph: proto.graph, path: 'graph', depth: 0 }];
  for (const [i, training] of proto.trainingInfo.entries()) {
    // Carried through unchanged, so checked like the main graph: a payload must not ride along in training_info.
    if (training.initialization) stack.push({ graph: training.initialization, path: `training_info[${String(i)}].initialization`, depth: 0 });
    if (training.algorithm) stack.push({ graph: training.algorithm, path: `training_info[${String(i)}].algorithm`, depth: 0 });
  }
  for (const [i, fn] of proto.functions.entries()) checkFunction(fn, `functions[${String(i)}]`, limits, budget, stack);

  for (let pending = stack.pop(); pending !== undefined; pending = stack.pop()) {
    checkGraph(pending, limits, budget, stack);
  }
}

function checkFunction(fn: FunctionProto, path: string, limits: ModelLimits, budget: Budget, stack: PendingGraph[]): void {
  const label = `function '${printable(fn.name)}' (${path})`;
  checkStringSize(fn.name, 'name', limits, `the name of ${label}`, path);
  checkStringSize(fn.domain, 'name', limits, `the domain of ${label}`, path);
  checkStringSize(fn.overload, 'name', limits, `the overload of ${label}`, path);
  checkStringSize(fn.docString, 'doc', limits, `the doc_string of ${label}`, path);
  checkEntries(fn.metadataProps, limits, `the metadata_props of ${label}`, path);
  checkOpsetImports(fn.opsetImport, false, limits, `${path}.opset_import`);
  checkArity(fn.input.length, 'inputs', label, limits, path);
  checkArity(fn.output.length, 'outputs', label, limits, path);
  checkArity(fn.attribute.length + fn.attributeProto.length, 'attributes', label, limits, path);
  for (const name of [...fn.input, ...fn.output, ...fn.attribute]) {
    checkStringSize(name, 'name', limits, `a value or attribute name of ${label}`, path);
  }
  for (const [i, v] of fn.valueInfo.entries()) checkValueInfo(v, `${path}.value_info[${String(i)}]`, limits);
  addValues(budget, fn.input.length, limits, path);
  for (const attr of fn.attributeProto) checkAttribute(attr, `${path}.attribute_proto[${printable(attr.name, 40)}]`, 0, limits, budget, stack);
  checkNodes(fn.node, path, 0, limits, budget, stack);
}

function checkGraph(pending: PendingGraph, limits: ModelLimits, budget: Budget, stack: PendingGraph[]): void {
  const { graph: g, path, depth } = pending;
  checkStringSize(g.name, 'name', limits, `the name of the graph`, path);
  checkStringSize(g.docString, 'doc', limits, `the doc_string of the graph`, path);
  checkEntries(g.metadataProps, limits, `the metadata_props of the graph`, path);
  addValues(budget, g.input.length + g.initializer.length + g.sparseInitializer.length, limits, path);
  for (const [i, v] of g.input.entries()) checkValueInfo(v, `${path}.input[${String(i)}]`, limits);
  for (const [i, v] of g.output.entries()) checkValueInfo(v, `${path}.output[${String(i)}]`, limits);
  for (const [i, v] of g.valueInfo.entries()) checkValueInfo(v, `${path}.value_info[${String(i)}]`, limits);
  for (const [i, t] of g.initializer.entries()) checkTensorProto(t, `${path}.initializer[${String(i)}]`, limits, budget);
  for (const [i, s] of g.sparseInitializer.entries()) {
    checkSparseTensorProto(s, `${path}.sparse_initializer[${String(i)}]`, limits, budget);
  }
  for (const [i, a] of g.quantizationAnnotation.entries()) {
    const at = `${path}.quantization_annotation[${String(i)}]`;
    checkStringSize(a.tensorName, 'name', limits, 'a quantization annotation tensor name', at);
    checkEntries(a.quantParameterTensorNames, limits, 'a quantization annotation', at);
  }
  checkNodes(g.node, path, depth, limits, budget, stack);
}

function checkNodes(
  nodes: readonly NodeProto[],
  path: string,
  depth: number,
  limits: ModelLimits,
  budget: Budget,
  stack: PendingGraph[],
): void {
  // Counted before the walk, so a million-node graph is refused without visiting a million nodes.
  budget.nodes += nodes.length;
  if (budget.nodes > limits.maxNodes) {
    throw new EngineError(
      EngineErrorCode.LimitExceeded,
      `The model has more than ${String(limits.maxNodes)} nodes (reached in ${path}, which has ${String(nodes.length)}); expected at most ${String(limits.maxNodes)}.`,
      path,
    );
  }
  for (const [i, node] of nodes.entries()) checkNode(node, `${path}.node[${String(i)}]`, depth, limits, budget, stack);
}

function checkNode(node: NodeProto, path: string, depth: number, limits: ModelLimits, budget: Budget, stack: PendingGraph[]): void {
  checkStringSize(node.name, 'name', limits, 'the name of a node', path);
  checkStringSize(node.opType, 'name', limits, 'the op_type of a node', path);
  const label = nodeLabel(node, path);
  checkStringSize(node.domain, 'name', limits, `the domain of ${label}`, path);
  checkStringSize(node.overload, 'name', limits, `the overload of ${label}`, path);
  checkStringSize(node.docString, 'doc', limits, `the doc_string of ${label}`, path);
  checkEntries(node.metadataProps, limits, `the metadata_props of ${label}`, path);
  checkArity(node.input.length, 'inputs', label, limits, path);
  checkArity(node.output.length, 'outputs', label, limits, path);
  checkArity(node.attribute.length, 'attributes', label, limits, path);
  for (const name of node.input) checkStringSize(name, 'name', limits, `an input name of ${label}`, path);
  for (const name of node.output) checkStringSize(name, 'name', limits, `an output name of ${label}`, path);
  addValues(budget, node.output.length, limits, path);
  for (const attr of node.attribute) {
    checkStringSize(attr.name, 'name', limits, `an attribute name of ${label}`, path);
    checkAttribute(attr, `${path}.attribute[${printable(attr.name, 40)}]`, depth, limits, budget, stack);
  }
}

/**
 * Checks every value an attribute carries, whatever its declared type says (a crafted attribute may declare INT
 * and still carry a graph; the bytes are in memory either way, and a later writer would keep them).
 */
function checkAttribute(
  attr: AttributeProto,
  path: string,
  depth: number,
  limits: ModelLimits,
  budget: Budget,
  stack: PendingGraph[],
): void {
  checkStringSize(attr.refAttrName, 'name', limits, 'the ref_attr_name of an attribute', path);
  checkStringSize(attr.docString, 'doc', limits, 'the doc_string of an attribute', path);
  const lists: readonly [string, number][] = [
    ['floats', attr.floats.length],
    ['ints', attr.ints.length],
    ['strings', attr.strings.length],
    ['tensors', attr.tensors.length],
    ['graphs', attr.graphs.length],
    ['sparse_tensors', attr.sparseTensors.length],
    ['type_protos', attr.typeProtos.length],
  ];
  for (const [field, count] of lists) {
    if (count > limits.maxAttributeElements) {
      throw new EngineError(
        EngineErrorCode.LimitExceeded,
        `Attribute ${path} has ${String(count)} ${field}; expected at most ${String(limits.maxAttributeElements)}.`,
        path,
      );
    }
  }
  checkBytesSize(attr.s, limits, 'a STRING attribute', path);
  for (const s of attr.strings) checkBytesSize(s, limits, 'an element of a STRINGS attribute', path);
  if (attr.t) checkTensorProto(attr.t, path, limits, budget);
  for (const [i, t] of attr.tensors.entries()) checkTensorProto(t, `${path}.tensors[${String(i)}]`, limits, budget);
  if (attr.sparseTensor) checkSparseTensorProto(attr.sparseTensor, path, limits, budget);
  for (const [i, s] of attr.sparseTensors.entries()) {
    checkSparseTensorProto(s, `${path}.sparse_tensors[${String(i)}]`, limits, budget);
  }
  if (attr.tp) checkType(attr.tp, path, limits);
  for (const [i, tp] of attr.typeProtos.entries()) checkType(tp, `${path}.type_protos[${String(i)}]`, limits);
  const subgraphs = attr.g ? [{ graph: attr.g, path }] : [];
  for (const [i, g] of attr.graphs.entries()) subgraphs.push({ graph: g, path: `${path}[${String(i)}]` });
  if (subgraphs.length > 0 && depth + 1 > limits.maxGraphDepth) {
    throw new EngineError(
      EngineErrorCode.NestingTooDeep,
      `Subgraph ${path} is nested ${String(depth + 1)} levels deep; expected at most ${String(limits.maxGraphDepth)}.`,
      path,
    );
  }
  for (const sub of subgraphs) stack.push({ ...sub, depth: depth + 1 });
}

function checkValueInfo(v: ValueInfoProto, path: string, limits: ModelLimits): void {
  checkStringSize(v.name, 'name', limits, 'a value name', path);
  checkStringSize(v.docString, 'doc', limits, `the doc_string of value '${printable(v.name)}'`, path);
  checkEntries(v.metadataProps, limits, `the metadata_props of value '${printable(v.name)}'`, path);
  if (v.type) checkType(v.type, path, limits);
}

/** Sequence/optional/map types nest; walked in a loop (the decoder already bounds the chain). */
function checkType(type: TypeProto, path: string, limits: ModelLimits): void {
  for (let current: TypeProto | undefined = type; current !== undefined; ) {
    checkStringSize(current.denotation, 'name', limits, 'a type denotation', path);
    const v: TypeProto['value'] = current.value;
    current = undefined;
    switch (v.case) {
      case 'tensorType':
      case 'sparseTensorType': {
        const dims = v.value.shape?.dim ?? [];
        if (dims.length > limits.maxRank) {
          throw new EngineError(
            EngineErrorCode.LimitExceeded,
            `The type at ${path} has rank ${String(dims.length)}; expected at most ${String(limits.maxRank)}.`,
            path,
          );
        }
        for (const d of dims) {
          checkStringSize(d.denotation, 'name', limits, 'a dim denotation', path);
          if (d.value.case === 'dimParam') checkStringSize(d.value.value, 'name', limits, 'a symbolic dim', path);
          if (d.value.case === 'dimValue' && (d.value.value > MAX_DIM || d.value.value < -MAX_DIM)) {
            throw new EngineError(
              EngineErrorCode.TensorTooLarge,
              `The type at ${path} has dim ${String(d.value.value)}; expected a dim below 2^53.`,
              path,
            );
          }
        }
        break;
      }
      case 'sequenceType':
      case 'optionalType':
        current = v.value.elemType;
        break;
      case 'mapType':
        current = v.value.valueType;
        break;
      case undefined:
        break;
    }
  }
}

function checkArity(count: number, what: string, label: string, limits: ModelLimits, at: string): void {
  if (count <= limits.maxNodeArity) return;
  throw new EngineError(
    EngineErrorCode.LimitExceeded,
    `${capitalize(label)} has ${String(count)} ${what}; expected at most ${String(limits.maxNodeArity)}.`,
    at,
  );
}

function addValues(budget: Budget, count: number, limits: ModelLimits, at: string): void {
  budget.values += count;
  if (budget.values <= limits.maxValues) return;
  throw new EngineError(
    EngineErrorCode.LimitExceeded,
    `The model defines more than ${String(limits.maxValues)} values (reached at ${at}); expected at most ${String(limits.maxValues)}.`,
    at,
  );
}

/** `Conv node 'conv1' (graph.node[3])`, or `Conv node (graph.node[3])` when the exporter left the name empty. */
function nodeLabel(node: NodeProto, path: string): string {
  const name = node.name !== '' ? ` '${printable(node.name)}'` : '';
  return `${printable(node.opType, 40)} node${name} (${path})`;
}
