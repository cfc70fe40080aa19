/**
 * Whittle's in-memory representation of an ONNX model.
 *
 * Plain, immutable data: transforms build new objects and share what they did not change (tensor bytes are never
 * mutated in place). Everything the ONNX file carries is kept, so that reading and writing an unmodified model
 * is lossless; parts the engine does not model (training info, device configurations) travel as opaque bytes.
 */

/** A tensor dimension: a non-negative integer, or a symbolic name for a dynamic dimension. */
export type Dim = number | string;

/** A key/value metadata entry (`metadata_props`, external-data entries). */
export interface StringEntry {
  readonly key: string;
  readonly value: string;
}

/** Where a tensor's values are. */
export type TensorData =
  /** Little-endian values exactly as raw_data stores them (sub-byte types packed, low nibble first). */
  | { readonly kind: 'raw'; readonly bytes: Uint8Array }
  /** STRING tensors: one byte string per element. */
  | { readonly kind: 'strings'; readonly values: readonly Uint8Array[] }
  /** Values in a file next to the model; the location has been checked to be a plain relative name. */
  | {
      readonly kind: 'external';
      readonly location: string;
      readonly offset: number;
      /** Byte length; undefined means "to the end of the file". */
      readonly length: number | undefined;
      /** Every entry as the file had it (including `checksum` and unknown keys), for a faithful rewrite. */
      readonly entries: readonly StringEntry[];
    };

/** A dense tensor (initializer, Constant value or attribute tensor). */
export interface IrTensor {
  readonly name: string;
  /** ONNX TensorProto.DataType code (see `DataType`). */
  readonly dtype: number;
  /** Validated, non-negative safe integers. */
  readonly dims: readonly number[];
  readonly data: TensorData;
  readonly docString: string;
  readonly metadataProps: readonly StringEntry[];
}

/** A sparse tensor (COO): values and indices are dense tensors, dims the dense shape. */
export interface IrSparseTensor {
  readonly values: IrTensor;
  readonly indices: IrTensor;
  readonly dims: readonly number[];
}

/** The type of a graph value. */
export type IrType =
  | {
      readonly kind: 'tensor';
      readonly elemType: number;
      /** Undefined: rank unknown. */
      readonly shape: readonly Dim[] | undefined;
      readonly denotation: string;
    }
  | {
      readonly kind: 'sparse-tensor';
      readonly elemType: number;
      readonly shape: readonly Dim[] | undefined;
      readonly denotation: string;
    }
  | { readonly kind: 'sequence'; readonly elem: IrType | undefined; readonly denotation: string }
  | { readonly kind: 'optional'; readonly elem: IrType | undefined; readonly denotation: string }
  | { readonly kind: 'map'; readonly keyType: number; readonly value: IrType | undefined; readonly denotation: string }
  | { readonly kind: 'unknown'; readonly denotation: string };

/** A named value with its declared type (graph inputs/outputs, value_info). */
export interface IrValueInfo {
  readonly name: string;
  readonly type: IrType | undefined;
  readonly docString: string;
  readonly metadataProps: readonly StringEntry[];
}

/** ONNX AttributeProto types, by their proto names. */
export type IrAttributeValue =
  | { readonly type: 'FLOAT'; readonly value: number }
  | { readonly type: 'INT'; readonly value: bigint }
  | { readonly type: 'STRING'; readonly value: Uint8Array }
  | { readonly type: 'TENSOR'; readonly value: IrTensor }
  | { readonly type: 'GRAPH'; readonly value: IrGraph }
  | { readonly type: 'SPARSE_TENSOR'; readonly value: IrSparseTensor }
  | { readonly type: 'TYPE_PROTO'; readonly value: IrType }
  | { readonly type: 'FLOATS'; readonly value: readonly number[] }
  | { readonly type: 'INTS'; readonly value: readonly bigint[] }
  | { readonly type: 'STRINGS'; readonly value: readonly Uint8Array[] }
  | { readonly type: 'TENSORS'; readonly value: readonly IrTensor[] }
  | { readonly type: 'GRAPHS'; readonly value: readonly IrGraph[] }
  | { readonly type: 'SPARSE_TENSORS'; readonly value: readonly IrSparseTensor[] }
  | { readonly type: 'TYPE_PROTOS'; readonly value: readonly IrType[] }
  /** A function-body attribute that only refers to the caller's attribute (`ref_attr_name`). */
  | { readonly type: 'UNDEFINED' };

export type IrAttribute = IrAttributeValue & {
  readonly name: string;
  /** Set inside function bodies: the attribute takes the value of the caller's attribute of this name. */
  readonly refAttrName: string;
  readonly docString: string;
};

export interface IrNode {
  /** May be empty (Paddle exports leave names empty); use `nodeLabel` for display. */
  readonly name: string;
  readonly opType: string;
  /** Verbatim from the file: '' and 'ai.onnx' both mean the default domain. */
  readonly domain: string;
  readonly overload: string;
  /** Value names; '' marks an omitted optional input. */
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
  readonly attributes: readonly IrAttribute[];
  readonly docString: string;
  readonly metadataProps: readonly StringEntry[];
  /** NodeProto.device_configurations, encoded; carried through unchanged. */
  readonly opaque: readonly Uint8Array[];
}

/** GraphProto.quantization_annotation. */
export interface IrTensorAnnotation {
  readonly tensorName: string;
  readonly quantParameterTensorNames: readonly StringEntry[];
}

export interface IrGraph {
  readonly name: string;
  /** In file order (which, for a valid model, is a topological order). */
  readonly nodes: readonly IrNode[];
  readonly inputs: readonly IrValueInfo[];
  readonly outputs: readonly IrValueInfo[];
  readonly valueInfo: readonly IrValueInfo[];
  readonly initializers: readonly IrTensor[];
  readonly sparseInitializers: readonly IrSparseTensor[];
  readonly quantizationAnnotations: readonly IrTensorAnnotation[];
  readonly docString: string;
  readonly metadataProps: readonly StringEntry[];
}

export interface OpsetImport {
  /** Verbatim from the file ('' is the default domain). */
  readonly domain: string;
  readonly version: number;
}

/** A model-local function (FunctionProto). */
export interface IrFunction {
  readonly name: string;
  readonly domain: string;
  readonly overload: string;
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
  readonly attributes: readonly string[];
  readonly attributeProtos: readonly IrAttribute[];
  readonly nodes: readonly IrNode[];
  readonly opsetImports: readonly OpsetImport[];
  readonly valueInfo: readonly IrValueInfo[];
  readonly docString: string;
  readonly metadataProps: readonly StringEntry[];
}

export interface IrModel {
  readonly irVersion: number;
  readonly opsetImports: readonly OpsetImport[];
  readonly producerName: string;
  readonly producerVersion: string;
  readonly domain: string;
  readonly modelVersion: bigint;
  readonly docString: string;
  readonly graph: IrGraph;
  readonly functions: readonly IrFunction[];
  readonly metadataProps: readonly StringEntry[];
  /** ModelProto.training_info and .configuration, encoded; carried through unchanged. */
  readonly opaque: { readonly trainingInfo: readonly Uint8Array[]; readonly configuration: readonly Uint8Array[] };
}
