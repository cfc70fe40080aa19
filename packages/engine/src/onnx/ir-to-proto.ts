import { create, fromBinary, type MessageInitShape } from '@bufbuild/protobuf';
import {
  AttributeProto_AttributeType as AttrType,
  AttributeProtoSchema,
  DeviceConfigurationProtoSchema,
  FunctionProtoSchema,
  GraphProtoSchema,
  ModelProtoSchema,
  NodeDeviceConfigurationProtoSchema,
  NodeProtoSchema,
  OperatorSetIdProtoSchema,
  SparseTensorProtoSchema,
  StringStringEntryProtoSchema,
  TensorAnnotationSchema,
  TensorProto_DataLocation,
  TensorProtoSchema,
  TensorShapeProtoSchema,
  TrainingInfoProtoSchema,
  TypeProtoSchema,
  ValueInfoProtoSchema,
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
} from '../ir/types.ts';

/*
 * IR → ModelProto. Fields equal to their default are left unset, as the C++ protobuf writers that produce most
 * ONNX files do (except opset_import.domain, which exporters always write), so that an unmodified model re-encodes to the bytes it came from. Tensors are written as raw_data
 * (never the packed typed fields: they are slow to encode and decode, see platform-facts.md §3).
 */

export function modelToProto(m: IrModel): ModelProto {
  return create(ModelProtoSchema, {
    ...(m.irVersion !== 0 && { irVersion: BigInt(m.irVersion) }),
    opsetImport: m.opsetImports.map((o) =>
      create(OperatorSetIdProtoSchema, { domain: o.domain, version: BigInt(o.version) }),
    ),
    ...(m.producerName !== '' && { producerName: m.producerName }),
    ...(m.producerVersion !== '' && { producerVersion: m.producerVersion }),
    ...(m.domain !== '' && { domain: m.domain }),
    ...(m.modelVersion !== 0n && { modelVersion: m.modelVersion }),
    ...(m.docString !== '' && { docString: m.docString }),
    graph: graphToProto(m.graph),
    metadataProps: entries(m.metadataProps),
    trainingInfo: m.opaque.trainingInfo.map((b) => fromBinary(TrainingInfoProtoSchema, b)),
    functions: m.functions.map(functionToProto),
    configuration: m.opaque.configuration.map((b) => fromBinary(DeviceConfigurationProtoSchema, b)),
  });
}

export function graphToProto(g: IrGraph): GraphProto {
  return create(GraphProtoSchema, {
    node: g.nodes.map(nodeToProto),
    ...(g.name !== '' && { name: g.name }),
    initializer: g.initializers.map(tensorToProto),
    sparseInitializer: g.sparseInitializers.map(sparseToProto),
    ...(g.docString !== '' && { docString: g.docString }),
    input: g.inputs.map(valueInfoToProto),
    output: g.outputs.map(valueInfoToProto),
    valueInfo: g.valueInfo.map(valueInfoToProto),
    quantizationAnnotation: g.quantizationAnnotations.map((a) =>
      create(TensorAnnotationSchema, { tensorName: a.tensorName, quantParameterTensorNames: entries(a.quantParameterTensorNames) }),
    ),
    metadataProps: entries(g.metadataProps),
  });
}

function functionToProto(f: IrFunction): FunctionProto {
  return create(FunctionProtoSchema, {
    ...(f.name !== '' && { name: f.name }),
    input: [...f.inputs],
    output: [...f.outputs],
    attribute: [...f.attributes],
    attributeProto: f.attributeProtos.map(attributeToProto),
    node: f.nodes.map(nodeToProto),
    ...(f.docString !== '' && { docString: f.docString }),
    opsetImport: f.opsetImports.map((o) =>
      create(OperatorSetIdProtoSchema, { domain: o.domain, version: BigInt(o.version) }),
    ),
    ...(f.domain !== '' && { domain: f.domain }),
    ...(f.overload !== '' && { overload: f.overload }),
    valueInfo: f.valueInfo.map(valueInfoToProto),
    metadataProps: entries(f.metadataProps),
  });
}

export function nodeToProto(n: IrNode): NodeProto {
  return create(NodeProtoSchema, {
    input: [...n.inputs],
    output: [...n.outputs],
    ...(n.name !== '' && { name: n.name }),
    ...(n.opType !== '' && { opType: n.opType }),
    attribute: n.attributes.map(attributeToProto),
    ...(n.docString !== '' && { docString: n.docString }),
    ...(n.domain !== '' && { domain: n.domain }),
    ...(n.overload !== '' && { overload: n.overload }),
    metadataProps: entries(n.metadataProps),
    deviceConfigurations: n.opaque.map((b) => fromBinary(NodeDeviceConfigurationProtoSchema, b)),
  });
}

const ATTR_TYPE: Record<IrAttribute['type'], AttrType> = {
  FLOAT: AttrType.FLOAT,
  INT: AttrType.INT,
  STRING: AttrType.STRING,
  TENSOR: AttrType.TENSOR,
  GRAPH: AttrType.GRAPH,
  SPARSE_TENSOR: AttrType.SPARSE_TENSOR,
  TYPE_PROTO: AttrType.TYPE_PROTO,
  FLOATS: AttrType.FLOATS,
  INTS: AttrType.INTS,
  STRINGS: AttrType.STRINGS,
  TENSORS: AttrType.TENSORS,
  GRAPHS: AttrType.GRAPHS,
  SPARSE_TENSORS: AttrType.SPARSE_TENSORS,
  TYPE_PROTOS: AttrType.TYPE_PROTOS,
  UNDEFINED: AttrType.UNDEFINED,
};

function attributeToProto(a: IrAttribute): AttributeProto {
  const init: MessageInitShape<typeof AttributeProtoSchema> = {
    ...(a.name !== '' && { name: a.name }),
    ...(a.refAttrName !== '' && { refAttrName: a.refAttrName }),
    ...(a.docString !== '' && { docString: a.docString }),
    ...(a.type !== 'UNDEFINED' && { type: ATTR_TYPE[a.type] }),
  };
  // A reference attribute holds no value in the file ("this AttributeProto does not contain data"): the caller's
  // attribute supplies it. Writing the IR's placeholder would add bytes the original file did not have.
  if (a.refAttrName !== '') return create(AttributeProtoSchema, init);
  switch (a.type) {
    case 'FLOAT':
      return create(AttributeProtoSchema, { ...init, f: a.value });
    case 'INT':
      return create(AttributeProtoSchema, { ...init, i: a.value });
    case 'STRING':
      return create(AttributeProtoSchema, { ...init, s: a.value as Uint8Array<ArrayBuffer> });
    case 'TENSOR':
      return create(AttributeProtoSchema, { ...init, t: tensorToProto(a.value) });
    case 'GRAPH':
      return create(AttributeProtoSchema, { ...init, g: graphToProto(a.value) });
    case 'SPARSE_TENSOR':
      return create(AttributeProtoSchema, { ...init, sparseTensor: sparseToProto(a.value) });
    case 'TYPE_PROTO':
      return create(AttributeProtoSchema, { ...init, tp: typeToProto(a.value) });
    case 'FLOATS':
      return create(AttributeProtoSchema, { ...init, floats: [...a.value] });
    case 'INTS':
      return create(AttributeProtoSchema, { ...init, ints: [...a.value] });
    case 'STRINGS':
      return create(AttributeProtoSchema, { ...init, strings: [...a.value] as Uint8Array<ArrayBuffer>[] });
    case 'TENSORS':
      return create(AttributeProtoSchema, { ...init, tensors: a.value.map(tensorToProto) });
    case 'GRAPHS':
      return create(AttributeProtoSchema, { ...init, graphs: a.value.map(graphToProto) });
    case 'SPARSE_TENSORS':
      return create(AttributeProtoSchema, { ...init, sparseTensors: a.value.map(sparseToProto) });
    case 'TYPE_PROTOS':
      return create(AttributeProtoSchema, { ...init, typeProtos: a.value.map(typeToProto) });
    case 'UNDEFINED':
      return create(AttributeProtoSchema, init);
  }
}

export function tensorToProto(t: IrTensor): TensorProto {
  const base = {
    dims: t.dims.map((d) => BigInt(d)),
    ...(t.dtype !== 0 && { dataType: t.dtype }),
    ...(t.name !== '' && { name: t.name }),
    ...(t.docString !== '' && { docString: t.docString }),
    metadataProps: entries(t.metadataProps),
  };
  switch (t.data.kind) {
    case 'raw':
      // An empty raw_data is left unset: exporters omit it for zero-element tensors.
      return create(TensorProtoSchema, t.data.bytes.byteLength === 0 ? base : { ...base, rawData: t.data.bytes as Uint8Array<ArrayBuffer> });
    case 'strings':
      return create(TensorProtoSchema, { ...base, stringData: [...t.data.values] as Uint8Array<ArrayBuffer>[] });
    case 'external':
      return create(TensorProtoSchema, {
        ...base,
        externalData: entries(t.data.entries),
        dataLocation: TensorProto_DataLocation.EXTERNAL,
      });
  }
}

function sparseToProto(s: IrSparseTensor): SparseTensorProto {
  return create(SparseTensorProtoSchema, {
    values: tensorToProto(s.values),
    indices: tensorToProto(s.indices),
    dims: s.dims.map((d) => BigInt(d)),
  });
}

function valueInfoToProto(v: IrValueInfo): ValueInfoProto {
  return create(ValueInfoProtoSchema, {
    ...(v.name !== '' && { name: v.name }),
    ...(v.type !== undefined && { type: typeToProto(v.type) }),
    ...(v.docString !== '' && { docString: v.docString }),
    metadataProps: entries(v.metadataProps),
  });
}

export function typeToProto(t: IrType): TypeProto {
  const denotation = t.denotation !== '' ? { denotation: t.denotation } : {};
  switch (t.kind) {
    case 'tensor':
      return create(TypeProtoSchema, {
        value: { case: 'tensorType', value: { ...(t.elemType !== 0 && { elemType: t.elemType }), ...shapeInit(t.shape) } },
        ...denotation,
      });
    case 'sparse-tensor':
      return create(TypeProtoSchema, {
        value: { case: 'sparseTensorType', value: { ...(t.elemType !== 0 && { elemType: t.elemType }), ...shapeInit(t.shape) } },
        ...denotation,
      });
    case 'sequence':
      return create(TypeProtoSchema, {
        value: { case: 'sequenceType', value: t.elem === undefined ? {} : { elemType: typeToProto(t.elem) } },
        ...denotation,
      });
    case 'optional':
      return create(TypeProtoSchema, {
        value: { case: 'optionalType', value: t.elem === undefined ? {} : { elemType: typeToProto(t.elem) } },
        ...denotation,
      });
    case 'map':
      return create(TypeProtoSchema, {
        value: {
          case: 'mapType',
          value: { ...(t.keyType !== 0 && { keyType: t.keyType }), ...(t.value !== undefined && { valueType: typeToProto(t.value) }) },
        },
        ...denotation,
      });
    case 'unknown':
      return create(TypeProtoSchema, denotation);
  }
}

function shapeInit(shape: readonly Dim[] | undefined): { shape?: ReturnType<typeof shapeToProto> } {
  return shape === undefined ? {} : { shape: shapeToProto(shape) };
}

function shapeToProto(shape: readonly Dim[]) {
  return create(TensorShapeProtoSchema, {
    dim: shape.map((d) => {
      if (typeof d === 'number') return { value: { case: 'dimValue' as const, value: BigInt(d) } };
      if (d === '?') return {};
      return { value: { case: 'dimParam' as const, value: d } };
    }),
  });
}

function entries(list: readonly StringEntry[]): StringStringEntryProto[] {
  return list.map((e) => create(StringStringEntryProtoSchema, { key: e.key, value: e.value }));
}
