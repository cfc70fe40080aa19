/**
 * Stable error codes of the engine. Codes never change meaning once published: the API, the CLI and the
 * web app key their messages and exit statuses on them.
 * @public
 */
export const EngineErrorCode = {
  /** The file has zero bytes. */
  EmptyFile: 'ENGINE_ERR_EMPTY_FILE',
  /** The bytes are recognisably another format (PNG, ZIP, pickle, HTML, ...). */
  NotOnnx: 'ENGINE_ERR_NOT_ONNX',
  /** The bytes are not a valid protobuf ModelProto. */
  Decode: 'ENGINE_ERR_DECODE',
  /** The protobuf stream ends in the middle of a field. */
  Truncated: 'ENGINE_ERR_TRUNCATED',
  /** Messages or subgraphs nest deeper than the limit. */
  NestingTooDeep: 'ENGINE_ERR_NESTING_TOO_DEEP',
  /** The model has no graph. */
  MissingGraph: 'ENGINE_ERR_MISSING_GRAPH',
  /** The model declares no opset for the default domain, or a node's domain has no opset import. */
  MissingOpset: 'ENGINE_ERR_MISSING_OPSET',
  /** An opset version outside the supported range (too new, too old, duplicate import). */
  UnsupportedOpset: 'ENGINE_ERR_UNSUPPORTED_OPSET',
  /** A node uses a domain that neither onnxruntime nor a model-local function provides. */
  UnknownDomain: 'ENGINE_ERR_UNKNOWN_DOMAIN',
  /** The IR version is outside the supported range. */
  UnsupportedIrVersion: 'ENGINE_ERR_UNSUPPORTED_IR_VERSION',
  /** A count (nodes, values, attributes, dims, metadata entries) exceeds its static limit. */
  LimitExceeded: 'ENGINE_ERR_LIMIT_EXCEEDED',
  /** A string (name, doc string, metadata value) exceeds its size limit. */
  StringTooLong: 'ENGINE_ERR_STRING_TOO_LONG',
  /** A tensor's element count or byte size exceeds the limit, or a dim is negative. */
  TensorTooLarge: 'ENGINE_ERR_TENSOR_TOO_LARGE',
  /** A tensor's stored data does not match product(dims) × dtype size. */
  TensorDataLength: 'ENGINE_ERR_TENSOR_DATA_LENGTH',
  /** A tensor stores values in more than one field, or in the wrong field for its dtype. */
  TensorDataField: 'ENGINE_ERR_TENSOR_DATA_FIELD',
  /** A tensor, value or attribute has a data type the engine does not know. */
  UnknownDataType: 'ENGINE_ERR_UNKNOWN_DATA_TYPE',
  /** An external-data location climbs out of the model folder (`..`). */
  ExternalDataTraversal: 'ENGINE_ERR_EXTERNAL_DATA_TRAVERSAL',
  /** An external-data location is absolute, has a drive letter, a UNC prefix or a URL scheme. */
  ExternalDataAbsolute: 'ENGINE_ERR_EXTERNAL_DATA_ABSOLUTE',
  /** An external-data location uses onnxruntime's reserved in-memory marker (`*_ORT_MEM_ADDR_*`). */
  ExternalDataReserved: 'ENGINE_ERR_EXTERNAL_DATA_RESERVED',
  /** External-data entries are malformed: missing/duplicate keys, negative offset, bad length. */
  ExternalDataInvalid: 'ENGINE_ERR_EXTERNAL_DATA_INVALID',
  /** An external-data file, or a folder on its path, is a symbolic link or a hard link (catalogue row 25). */
  ExternalDataLink: 'ENGINE_ERR_EXTERNAL_DATA_LINK',
  /** External data could not be read from the byte source, or is shorter than declared. */
  ExternalDataUnavailable: 'ENGINE_ERR_EXTERNAL_DATA_UNAVAILABLE',
  /** The graph contains a cycle. */
  GraphCycle: 'ENGINE_ERR_GRAPH_CYCLE',
  /** A node reads a value that nothing produces. */
  UndefinedValue: 'ENGINE_ERR_UNDEFINED_VALUE',
  /** Two producers write the same value name. */
  DuplicateValue: 'ENGINE_ERR_DUPLICATE_VALUE',
  /** An attribute has the wrong type or an invalid value. */
  InvalidAttribute: 'ENGINE_ERR_INVALID_ATTRIBUTE',
  /** Shapes or dtypes of a node's inputs are incompatible with the op. */
  ShapeMismatch: 'ENGINE_ERR_SHAPE_MISMATCH',
  /** A registry already holds a handler for this (domain, opType, since). */
  DuplicateHandler: 'ENGINE_ERR_DUPLICATE_HANDLER',
  /** The builder was used incorrectly (unknown value, duplicate name, ...). */
  InvalidBuilderUse: 'ENGINE_ERR_INVALID_BUILDER_USE',
  /** An operation was cancelled through its AbortSignal. */
  Aborted: 'ENGINE_ERR_ABORTED',
  /** The inference runtime failed to load or run a model. */
  Runtime: 'ENGINE_ERR_RUNTIME',
  /** The feature is reserved but not available yet (e.g. Taylor importance needs gradients, W6). */
  Unsupported: 'ENGINE_ERR_UNSUPPORTED',
  /** A prune plan was made for another model (its fingerprint differs from this model's). */
  PlanMismatch: 'ENGINE_ERR_PLAN_MISMATCH',
  /** A prune plan is malformed or names groups, channels, nodes or blocks the model does not have. */
  PlanInvalid: 'ENGINE_ERR_PLAN_INVALID',
  /** The bytes are not an NPY file (bad magic string). */
  DataNotNpy: 'ENGINE_ERR_DATA_NOT_NPY',
  /** An NPY format version other than 1.0, 2.0 or 3.0. */
  DataVersion: 'ENGINE_ERR_DATA_VERSION',
  /** The NPY header is truncated or is not the dict literal the format prescribes. */
  DataHeader: 'ENGINE_ERR_DATA_HEADER',
  /** The NPY array is stored in Fortran (column-major) order; only C order is read. */
  DataFortranOrder: 'ENGINE_ERR_DATA_FORTRAN_ORDER',
  /** The NPY array is big-endian; only little-endian data is read. */
  DataBigEndian: 'ENGINE_ERR_DATA_BIG_ENDIAN',
  /** The NPY dtype is an object array or a type the reader does not support. */
  DataDtype: 'ENGINE_ERR_DATA_DTYPE',
  /** The NPY data length disagrees with the header's shape and dtype. */
  DataSize: 'ENGINE_ERR_DATA_SIZE',
  /** The NPY array is larger than the reader's limit. */
  DataTooLarge: 'ENGINE_ERR_DATA_TOO_LARGE',
  /** A calibration array does not fit the model input it is fed to (rank, dims, dtype or name). */
  DataInputMismatch: 'ENGINE_ERR_DATA_INPUT_MISMATCH',
} as const;
/** @public */
export type EngineErrorCode = (typeof EngineErrorCode)[keyof typeof EngineErrorCode];

/**
 * An expected failure with a stable code and a message that says what was expected, what was found and where.
 * Messages never contain a stack trace or a host path.
 * @public
 */
export class EngineError extends Error {
  override readonly name = 'EngineError';
  constructor(
    readonly code: EngineErrorCode,
    message: string,
    /** Where in the model: a node, value or tensor name, or a field path. */
    readonly at?: string,
  ) {
    super(message);
  }
}

/** @public */
export function isEngineError(error: unknown): error is EngineError {
  return error instanceof EngineError;
}
