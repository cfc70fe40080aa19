import { toBinary } from '@bufbuild/protobuf';
import {
  AttributeProto_AttributeType as AttrType,
  DeviceConfigurationProtoSchema,
  NodeDeviceConfigurationProtoSchema,
  TensorProto_DataLocation,
  TrainingInfoProtoSchema,
  type AttributeProto,
  type FunctionProto,
  type GraphProto,
  type ModelProto,
  type NodeProto,
  type SparseTensorProto,
  type StringStringEntryProto,
  type TensorProto,
  type TypeProto,
  type ValueInfoProto,
} from 'onnx-buf';
import { EngineError, EngineErrorCode } from '../errors.ts';
import { DataType, dataTypeInfo, dataTypeName } from '../ir/dtype.ts';
import type {
  Dim,
  IrAttribute,
  IrFunction,
  IrGraph,
  IrModel,
  IrNode,
  IrSparseTensor,
  IrTensor,
  IrType,
  IrValueInfo,
  StringEntry,
  TensorData,
} from '../ir/types.ts';

/**
 * Converts a decoded ModelProto into the IR. Expects a proto that passed `checkModelProto` (sizes, dims and
 * external-data locations are already validated); throws EngineError on anything it still cannot represent.
 */
export function modelFromProto(proto: ModelProto): IrModel {
  if (proto.graph === undefined) {
    throw new EngineError(EngineErrorCode.MissingGraph, 'The model has no graph.');
  }
  return {
    irVersion: safeNumber(proto.irVersion, 'ir_version'),
    opsetImports: proto.opsetImport.map((o) => ({ domain: o.domain, version: safeNumber(o.version, `opset_import[${o.domain}]`) })),
    producerName: proto.producerName,
    producerVersion: proto.producerVersion,
    domain: proto.domain,
    modelVersion: proto.modelVersion,
    docString: proto.docString,
    graph: graphFromProto(proto.graph),
    functions: proto.functions.map(functionFromProto),
    metadataProps: entries(proto.metadataProps),
    opaque: {
      trainingInfo: proto.trainingInfo.map((t) => toBinary(TrainingInfoProtoSchema, t)),
      configuration: proto.configuration.map((c) => toBinary(DeviceConfigurationProtoSchema, c)),
    },
  };
}

export function graphFromProto(g: GraphProto): IrGraph {
  return {
    name: g.name,
    nodes: g.node.map(nodeFromProto),
    inputs: g.input.map(valueInfoFromProto),
    outputs: g.output.map(valueInfoFromProto),
    valueInfo: g.valueInfo.map(valueInfoFromProto),
    initializers: g.initializer.map(tensorFromProto),
    sparseInitializers: g.sparseInitializer.map(sparseFromProto),
    quantizationAnnotations: g.quantizationAnnotation.map((a) => ({
      tensorName: a.tensorName,
      quantParameterTensorNames: entries(a.quantParameterTensorNames),
    })),
    docString: g.docString,
    metadataProps: entries(g.metadataProps),
  };
}

function functionFromProto(f: FunctionProto): IrFunction {
  return {
    name: f.name,
    domain: f.domain,
    overload: f.overload,
    inputs: [...f.input],
    outputs: [...f.output],
    attributes: [...f.attribute],
    attributeProtos: f.attributeProto.map(attributeFromProto),
    nodes: f.node.map(nodeFromProto),
    opsetImports: f.opsetImport.map((o) => ({ domain: o.domain, version: safeNumber(o.version, `function ${f.name} opset_import`) })),
    valueInfo: f.valueInfo.map(valueInfoFromProto),
    docString: f.docString,
    metadataProps: entries(f.metadataProps),
  };
}

function nodeFromProto(n: NodeProto): IrNode {
  return {
    name: n.name,
    opType: n.opType,
    domain: n.domain,
    overload: n.overload,
    inputs: [...n.input],
    outputs: [...n.output],
    attributes: n.attribute.map(attributeFromProto),
    docString: n.docString,
    metadataProps: entries(n.metadataProps),
    opaque: n.deviceConfigurations.map((d) => toBinary(NodeDeviceConfigurationProtoSchema, d)),
  };
}

function valueInfoFromProto(v: ValueInfoProto): IrValueInfo {
  return {
    name: v.name,
    type: v.type === undefined ? undefined : typeFromProto(v.type),
    docString: v.docString,
    metadataProps: entries(v.metadataProps),
  };
}

export function typeFromProto(t: TypeProto): IrType {
  const denotation = t.denotation;
  const v = t.value;
  switch (v.case) {
    case 'tensorType':
      return { kind: 'tensor', elemType: v.value.elemType, shape: shapeFromProto(v.value.shape), denotation };
    case 'sparseTensorType':
      return { kind: 'sparse-tensor', elemType: v.value.elemType, shape: shapeFromProto(v.value.shape), denotation };
    case 'sequenceType':
      return { kind: 'sequence', elem: v.value.elemType && typeFromProto(v.value.elemType), denotation };
    case 'optionalType':
      return { kind: 'optional', elem: v.value.elemType && typeFromProto(v.value.elemType), denotation };
    case 'mapType':
      return { kind: 'map', keyType: v.value.keyType, value: v.value.valueType && typeFromProto(v.value.valueType), denotation };
    case undefined:
      return { kind: 'unknown', denotation };
  }
}

function shapeFromProto(shape: { dim: { value: { case: 'dimValue'; value: bigint } | { case: 'dimParam'; value: string } | { case: undefined; value?: undefined } }[] } | undefined): Dim[] | undefined {
  if (shape === undefined) return undefined;
  return shape.dim.map((d): Dim => {
    if (d.value.case === 'dimValue') return safeNumber(d.value.value, 'dim_value');
    if (d.value.case === 'dimParam') return d.value.value;
    return '?';
  });
}

/*
 * A reference attribute (ref_attr_name set, inside a function body) carries no value in the file: the caller supplies
 * it. The IR keeps its declared type; message-typed ones get these empty placeholders, and the writer emits no value.
 */
const EMPTY_TENSOR: IrTensor = { name: '', dtype: 0, dims: [], data: { kind: 'raw', bytes: new Uint8Array(0) }, docString: '', metadataProps: [] };
const REF_PLACEHOLDER = {
  tensor: EMPTY_TENSOR,
  graph: {
    name: '', nodes: [], inputs: [], outputs: [], valueInfo: [], initializers: [], sparseInitializers: [], quantizationAnnotations: [], docString: '', metadataProps: [],
  } satisfies IrGraph,
  sparse: { values: EMPTY_TENSOR, indices: EMPTY_TENSOR, dims: [] } satisfies IrSparseTensor,
  type: { kind: 'unknown', denotation: '' } satisfies IrType,
} as const;

function attributeFromProto(a: AttributeProto): IrAttribute {
  const base = { name: a.name, refAttrName: a.refAttrName, docString: a.docString };
  const isRef = a.refAttrName !== '';
  switch (a.type) {
    case AttrType.FLOAT:
      return { ...base, type: 'FLOAT', value: a.f };
    case AttrType.INT:
      return { ...base, type: 'INT', value: a.i };
    case AttrType.STRING:
      return { ...base, type: 'STRING', value: a.s };
    case AttrType.TENSOR:
      return { ...base, type: 'TENSOR', value: a.t === undefined && isRef ? REF_PLACEHOLDER.tensor : tensorFromProto(required(a.t, a.name)) };
    case AttrType.GRAPH:
      return { ...base, type: 'GRAPH', value: a.g === undefined && isRef ? REF_PLACEHOLDER.graph : graphFromProto(required(a.g, a.name)) };
    case AttrType.SPARSE_TENSOR:
      return {
        ...base,
        type: 'SPARSE_TENSOR',
        value: a.sparseTensor === undefined && isRef ? REF_PLACEHOLDER.sparse : sparseFromProto(required(a.sparseTensor, a.name)),
      };
    case AttrType.TYPE_PROTO:
      return { ...base, type: 'TYPE_PROTO', value: a.tp === undefined && isRef ? REF_PLACEHOLDER.type : typeFromProto(required(a.tp, a.name)) };
    case AttrType.FLOATS:
      return { ...base, type: 'FLOATS', value: [...a.floats] };
    case AttrType.INTS:
      return { ...base, type: 'INTS', value: [...a.ints] };
    case AttrType.STRINGS:
      return { ...base, type: 'STRINGS', value: [...a.strings] };
    case AttrType.TENSORS:
      return { ...base, type: 'TENSORS', value: a.tensors.map(tensorFromProto) };
    case AttrType.GRAPHS:
      return { ...base, type: 'GRAPHS', value: a.graphs.map(graphFromProto) };
    case AttrType.SPARSE_TENSORS:
      return { ...base, type: 'SPARSE_TENSORS', value: a.sparseTensors.map(sparseFromProto) };
    case AttrType.TYPE_PROTOS:
      return { ...base, type: 'TYPE_PROTOS', value: a.typeProtos.map(typeFromProto) };
    case AttrType.UNDEFINED:
      return { ...base, type: 'UNDEFINED' };
    default:
      throw new EngineError(
        EngineErrorCode.InvalidAttribute,
        `Attribute '${a.name}' has type code ${String(a.type)}; expected one of the ONNX AttributeType values.`,
        a.name,
      );
  }
}

function required<T>(value: T | undefined, name: string): T {
  if (value === undefined) {
    throw new EngineError(EngineErrorCode.InvalidAttribute, `Attribute '${name}' declares a message type but carries no value.`, name);
  }
  return value;
}

function sparseFromProto(s: SparseTensorProto): IrSparseTensor {
  if (s.values === undefined || s.indices === undefined) {
    throw new EngineError(EngineErrorCode.TensorDataField, 'A sparse tensor lacks its values or indices.');
  }
  return {
    values: tensorFromProto(s.values),
    indices: tensorFromProto(s.indices),
    dims: s.dims.map((d) => safeNumber(d, 'sparse tensor dim')),
  };
}

export function tensorFromProto(t: TensorProto): IrTensor {
  const dims = t.dims.map((d) => {
    if (d < 0n) throw new EngineError(EngineErrorCode.TensorTooLarge, `Tensor '${t.name}' has negative dim ${String(d)}.`, t.name);
    return safeNumber(d, `dims of tensor '${t.name}'`);
  });
  return {
    name: t.name,
    dtype: t.dataType,
    dims,
    data: tensorDataFromProto(t, dims),
    docString: t.docString,
    metadataProps: entries(t.metadataProps),
  };
}

function tensorDataFromProto(t: TensorProto, dims: readonly number[]): TensorData {
  if (t.dataLocation === TensorProto_DataLocation.EXTERNAL) return externalDataFromProto(t);
  if (t.dataType === DataType.STRING) return { kind: 'strings', values: [...t.stringData] };
  if (t.rawData.byteLength > 0) return { kind: 'raw', bytes: t.rawData };
  const info = dataTypeInfo(t.dataType);
  if (info === undefined) {
    throw new EngineError(EngineErrorCode.UnknownDataType, `Tensor '${t.name}' has unknown data type ${dataTypeName(t.dataType)}.`, t.name);
  }
  const count = dims.reduce((a, b) => a * b, 1);
  return { kind: 'raw', bytes: typedFieldToRaw(t, count) };
}

/** Converts the typed value fields (float_data, int32_data, ...) to raw little-endian bytes. */
function typedFieldToRaw(t: TensorProto, count: number): Uint8Array {
  const bytes = (a: ArrayBufferView): Uint8Array => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  switch (t.dataType) {
    case DataType.FLOAT:
    case DataType.COMPLEX64:
      return bytes(Float32Array.from(t.floatData));
    case DataType.DOUBLE:
    case DataType.COMPLEX128:
      return bytes(Float64Array.from(t.doubleData));
    case DataType.INT64:
      return bytes(BigInt64Array.from(t.int64Data));
    case DataType.UINT64:
      return bytes(BigUint64Array.from(t.uint64Data));
    case DataType.UINT32:
      return bytes(Uint32Array.from(t.uint64Data, (v) => Number(BigInt.asUintN(32, v))));
    case DataType.INT32:
      return bytes(Int32Array.from(t.int32Data));
    case DataType.INT16:
      return bytes(Int16Array.from(t.int32Data));
    case DataType.UINT16:
    case DataType.FLOAT16:
    case DataType.BFLOAT16:
      return bytes(Uint16Array.from(t.int32Data));
    default:
      // 8-bit types one element per entry; 4- and 2-bit types one packed byte per entry.
      if (t.int32Data.length === 0 && count === 0) return new Uint8Array(0);
      return Uint8Array.from(t.int32Data);
  }
}

function externalDataFromProto(t: TensorProto): TensorData {
  let location: string | undefined;
  let offset = 0;
  let length: number | undefined;
  for (const e of t.externalData) {
    if (e.key === 'location') location = e.value;
    else if (e.key === 'offset') offset = Number(e.value);
    else if (e.key === 'length') length = Number(e.value);
  }
  if (location === undefined) {
    throw new EngineError(EngineErrorCode.ExternalDataInvalid, `Tensor '${t.name}' is stored externally but has no 'location'.`, t.name);
  }
  return { kind: 'external', location, offset, length, entries: entries(t.externalData) };
}

function entries(list: readonly StringStringEntryProto[]): StringEntry[] {
  return list.map((e) => ({ key: e.key, value: e.value }));
}

function safeNumber(v: bigint, what: string): number {
  if (v > BigInt(Number.MAX_SAFE_INTEGER) || v < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new EngineError(EngineErrorCode.TensorTooLarge, `The ${what} value ${String(v)} is beyond 2^53; expected a size this engine can address.`);
  }
  return Number(v);
}
