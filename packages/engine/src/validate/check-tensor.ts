import { TensorProto_DataLocation, type SparseTensorProto, type TensorProto } from 'onnx-buf';
import { EngineError, EngineErrorCode } from '../errors.ts';
import { DataType, dataTypeInfo, rawByteLength, type DataTypeInfo, type TypedField } from '../ir/dtype.ts';
import { parseExternalEntries } from './external-entries.ts';
import type { ModelLimits } from './limits.ts';
import { capitalize, checkBytesSize, checkEntries, checkStringSize, printable } from './string-size.ts';

/** Running totals across every tensor of one model. @internal */
export interface TensorBudget {
  tensors: number;
  /** Bytes of all tensors together, inline, external and densified sparse. */
  totalBytes: bigint;
}

/** The proto field names of TensorProto's value fields, as messages name them. */
type ValueField = 'raw_data' | 'float_data' | 'int32_data' | 'string_data' | 'int64_data' | 'double_data' | 'uint64_data';

const TYPED_FIELD_NAME: Record<TypedField, ValueField> = {
  float: 'float_data',
  int32: 'int32_data',
  int64: 'int64_data',
  double: 'double_data',
  uint64: 'uint64_data',
  string: 'string_data',
};

/**
 * Checks one TensorProto before anything is allocated for it (DESIGN.md §8; catalogue rows 26–30):
 * known dtype; rank ≤ maxRank; dims non-negative; element count and byte size computed with BigInt and within
 * limits (a dims=[2^32, 2^32] tensor with 16 bytes of data must not reach an allocator); exactly one value field,
 * the right one for the dtype (the "dual data" PoC hides a second payload in float_data behind raw_data); its
 * length exactly ∏dims × size; external data well-formed and pointing at a plain relative file.
 *
 * @param path - where the tensor sits (`graph.initializer[3]`, `graph.node[4].attribute[value]`).
 * @internal
 */
export function checkTensorProto(t: TensorProto, path: string, limits: ModelLimits, budget: TensorBudget): void {
  const at = t.name !== '' ? t.name : path;
  const label = t.name !== '' ? `tensor '${printable(t.name)}' (${path})` : `the tensor at ${path}`;
  countTensor(budget, limits, label, at);
  checkStringSize(t.name, 'name', limits, `the name of ${label}`, path);
  checkStringSize(t.docString, 'doc', limits, `the doc_string of ${label}`, path);
  checkEntries(t.metadataProps, limits, `the metadata_props of ${label}`, path);

  const info = dataTypeInfo(t.dataType);
  if (info === undefined) {
    throw new EngineError(
      EngineErrorCode.UnknownDataType,
      `${capitalize(label)} has data type ${String(t.dataType)}; expected a known ONNX TensorProto.DataType.`,
      at,
    );
  }
  const elements = checkDims(t.dims, limits, label, at);
  const shape = `${info.name}[${t.dims.join(',')}]`;
  const shaped = t.name !== '' ? `tensor '${printable(t.name)}' (${shape} at ${path})` : `the ${shape} tensor at ${path}`;
  checkElementCount(elements, limits, shaped, at);
  if (t.segment !== undefined) {
    throw new EngineError(
      EngineErrorCode.TensorDataField,
      `${capitalize(label)} is a segment of a larger tensor; expected whole tensors (segments are not supported).`,
      at,
    );
  }

  const fields = presentFields(t);
  const bytes =
    t.dataLocation === TensorProto_DataLocation.EXTERNAL
      ? checkExternal(t, info, elements, fields, shape, label, shaped, at, limits)
      : checkInline(t, info, elements, fields, shape, label, shaped, at, limits);
  checkByteSize(bytes, limits, shaped, at);
  addToTotal(budget, bytes, limits, at);
}

/**
 * Checks a SparseTensorProto: its values and indices as tensors, and its dense shape as if it were dense, because
 * onnxruntime densifies sparse initializers (catalogue row 32: a small file declaring a 512 MiB+ dense shape).
 * @internal
 */
export function checkSparseTensorProto(s: SparseTensorProto, path: string, limits: ModelLimits, budget: TensorBudget): void {
  const label = `the sparse tensor at ${path}`;
  if (s.values === undefined || s.indices === undefined) {
    throw new EngineError(
      EngineErrorCode.TensorDataField,
      `${capitalize(label)} lacks its ${s.values === undefined ? 'values' : 'indices'}; expected both values and indices.`,
      path,
    );
  }
  checkTensorProto(s.values, `${path}.values`, limits, budget);
  checkTensorProto(s.indices, `${path}.indices`, limits, budget);
  const info = dataTypeInfo(s.values.dataType);
  const elements = checkDims(s.dims, limits, label, path);
  const shape = `${info?.name ?? 'string'}[${s.dims.join(',')}]`;
  checkElementCount(elements, limits, `${label} (dense ${shape})`, path);
  const nnz = s.values.dims.length === 1 ? (s.values.dims[0] ?? 0n) : -1n;
  if (nnz < 0n || nnz > elements) {
    throw new EngineError(
      EngineErrorCode.TensorDataLength,
      `${capitalize(label)} has values of shape [${s.values.dims.join(',')}]; expected a 1-D list of at most ${String(elements)} values for dense ${shape}.`,
      path,
    );
  }
  const rank = BigInt(s.dims.length);
  const indexDims = s.indices.dims;
  const indexShapeOk =
    (indexDims.length === 1 && indexDims[0] === nnz) ||
    (indexDims.length === 2 && indexDims[0] === nnz && indexDims[1] === rank);
  if (s.indices.dataType !== DataType.INT64 || !indexShapeOk) {
    throw new EngineError(
      EngineErrorCode.TensorDataField,
      `${capitalize(label)} has indices ${dataTypeInfo(s.indices.dataType)?.name ?? 'of unknown type'}[${indexDims.join(',')}]; expected int64[${String(nnz)}] or int64[${String(nnz)},${String(rank)}].`,
      path,
    );
  }
  const dense = info === undefined ? undefined : rawByteLength(info.code, elements);
  if (dense !== undefined) {
    checkByteSize(dense, limits, `${label} (dense ${shape})`, path);
    addToTotal(budget, dense, limits, path);
  }
}

function countTensor(budget: TensorBudget, limits: ModelLimits, label: string, at: string): void {
  budget.tensors += 1;
  if (budget.tensors > limits.maxTensors) {
    throw new EngineError(
      EngineErrorCode.LimitExceeded,
      `The model has more than ${String(limits.maxTensors)} tensors (reached at ${label}); expected at most ${String(limits.maxTensors)}.`,
      at,
    );
  }
}

/**
 * Rank, sign and size of each dim, then their product as a BigInt (rank ≤ maxRank keeps the product small). A
 * single dim above maxTensorElements is refused even when another dim is 0: such a shape is crafted, and its dims
 * would otherwise reach shape arithmetic downstream.
 */
function checkDims(dims: readonly bigint[], limits: ModelLimits, label: string, at: string): bigint {
  if (dims.length > limits.maxRank) {
    throw new EngineError(
      EngineErrorCode.LimitExceeded,
      `${capitalize(label)} has rank ${String(dims.length)}; expected at most ${String(limits.maxRank)}.`,
      at,
    );
  }
  let elements = 1n;
  for (const [i, d] of dims.entries()) {
    if (d < 0n) {
      throw new EngineError(
        EngineErrorCode.TensorTooLarge,
        `${capitalize(label)} has dims [${dims.join(',')}] with negative dim ${String(d)} at axis ${String(i)}; expected non-negative dims.`,
        at,
      );
    }
    elements *= d;
  }
  // Over-large products are refused by the element count, with the shape in the message; this catches the rest.
  const huge = elements <= limits.maxTensorElements ? dims.findIndex((d) => d > limits.maxTensorElements) : -1;
  if (huge >= 0) {
    throw new EngineError(
      EngineErrorCode.TensorTooLarge,
      `${capitalize(label)} has dim ${String(dims[huge])} at axis ${String(huge)}; expected at most ${String(limits.maxTensorElements)}.`,
      at,
    );
  }
  return elements;
}

function checkElementCount(elements: bigint, limits: ModelLimits, label: string, at: string): void {
  if (elements <= limits.maxTensorElements) return;
  throw new EngineError(
    EngineErrorCode.TensorTooLarge,
    `${capitalize(label)} has ${String(elements)} elements; expected at most ${String(limits.maxTensorElements)}.`,
    at,
  );
}

function checkByteSize(bytes: bigint, limits: ModelLimits, label: string, at: string): void {
  if (bytes <= limits.maxTensorBytes) return;
  throw new EngineError(
    EngineErrorCode.TensorTooLarge,
    `${capitalize(label)} takes ${String(bytes)} bytes; expected at most ${String(limits.maxTensorBytes)}.`,
    at,
  );
}

function addToTotal(budget: TensorBudget, bytes: bigint, limits: ModelLimits, at: string): void {
  budget.totalBytes += bytes;
  if (budget.totalBytes <= limits.maxTotalTensorBytes) return;
  throw new EngineError(
    EngineErrorCode.TensorTooLarge,
    `The model's tensors take more than ${String(limits.maxTotalTensorBytes)} bytes together (reached at ${at}); expected at most ${String(limits.maxTotalTensorBytes)}.`,
    at,
  );
}

/** The value fields that hold data (an empty repeated field or empty raw_data is "not used"). */
function presentFields(t: TensorProto): ValueField[] {
  const out: ValueField[] = [];
  if (t.rawData.byteLength > 0) out.push('raw_data');
  if (t.floatData.length > 0) out.push('float_data');
  if (t.int32Data.length > 0) out.push('int32_data');
  if (t.stringData.length > 0) out.push('string_data');
  if (t.int64Data.length > 0) out.push('int64_data');
  if (t.doubleData.length > 0) out.push('double_data');
  if (t.uint64Data.length > 0) out.push('uint64_data');
  return out;
}

function fieldLength(t: TensorProto, field: ValueField): number {
  switch (field) {
    case 'raw_data':
      return t.rawData.byteLength;
    case 'float_data':
      return t.floatData.length;
    case 'int32_data':
      return t.int32Data.length;
    case 'string_data':
      return t.stringData.length;
    case 'int64_data':
      return t.int64Data.length;
    case 'double_data':
      return t.doubleData.length;
    case 'uint64_data':
      return t.uint64Data.length;
  }
}

/**
 * Entries a typed field holds for `elements` elements (onnx.proto): complex types two per element, 4-bit types two
 * per int32_data entry and 2-bit types four, everything else one.
 */
function typedEntryCount(info: DataTypeInfo, elements: bigint): bigint {
  if (info.code === DataType.COMPLEX64 || info.code === DataType.COMPLEX128) return elements * 2n;
  if (info.typedField === 'int32' && info.bits < 8) return (elements * BigInt(info.bits) + 7n) / 8n;
  return elements;
}

/** Checks inline data and returns its byte size. */
function checkInline(
  t: TensorProto,
  info: DataTypeInfo,
  elements: bigint,
  fields: readonly ValueField[],
  shape: string,
  label: string,
  shaped: string,
  at: string,
  limits: ModelLimits,
): bigint {
  if (t.externalData.length > 0) {
    throw new EngineError(
      EngineErrorCode.ExternalDataInvalid,
      `${capitalize(label)} has external_data entries but data_location DEFAULT; expected data_location EXTERNAL with them, or no entries.`,
      at,
    );
  }
  const typed = TYPED_FIELD_NAME[info.typedField];
  if (fields.length > 1) {
    throw new EngineError(
      EngineErrorCode.TensorDataField,
      `${capitalize(shaped)} stores values in ${fields.join(' and ')}; expected exactly one value field.`,
      at,
    );
  }
  const field = fields[0];
  if (info.code === DataType.STRING) {
    if (field !== undefined && field !== 'string_data') throw wrongField(label, shape, field, 'string_data', at);
    if (BigInt(t.stringData.length) !== elements) {
      throw lengthMismatch(label, shape, `${String(elements)} string_data entries`, String(t.stringData.length), at);
    }
    let bytes = 0n;
    for (const [i, s] of t.stringData.entries()) {
      checkBytesSize(s, limits, `string ${String(i)} of ${label}`, at);
      bytes += BigInt(s.byteLength);
    }
    return bytes;
  }
  const expectedBytes = rawByteLength(info.code, elements) ?? 0n;
  if (field === undefined) {
    if (elements === 0n) return 0n;
    throw lengthMismatch(label, shape, `${String(expectedBytes)} bytes`, 'no data', at);
  }
  if (field === 'raw_data') {
    if (BigInt(t.rawData.byteLength) !== expectedBytes) {
      throw lengthMismatch(label, shape, `${String(expectedBytes)} bytes`, String(t.rawData.byteLength), at);
    }
    return expectedBytes;
  }
  if (field !== typed) throw wrongField(label, shape, field, `raw_data or ${typed}`, at);
  const expectedEntries = typedEntryCount(info, elements);
  const found = fieldLength(t, field);
  if (BigInt(found) !== expectedEntries) {
    throw lengthMismatch(label, shape, `${String(expectedEntries)} ${field} entries`, String(found), at);
  }
  return expectedBytes;
}

/** Checks external data (entries, no inline copy, declared length) and returns the tensor's byte size. */
function checkExternal(
  t: TensorProto,
  info: DataTypeInfo,
  elements: bigint,
  fields: readonly ValueField[],
  shape: string,
  label: string,
  shaped: string,
  at: string,
  limits: ModelLimits,
): bigint {
  if (fields.length > 0) {
    throw new EngineError(
      EngineErrorCode.TensorDataField,
      `${capitalize(shaped)} is stored externally but also has ${fields.join(' and ')}; expected its values only in the external file.`,
      at,
    );
  }
  const expectedBytes = rawByteLength(info.code, elements);
  if (expectedBytes === undefined) {
    throw new EngineError(
      EngineErrorCode.TensorDataField,
      `${capitalize(shaped)} is a string tensor stored externally; expected string tensors inline in string_data.`,
      at,
    );
  }
  // Entries are names: a location longer than a name limit is refused before any parsing or decoding of it.
  for (const e of t.externalData) {
    checkStringSize(e.key, 'name', limits, `an external_data key of ${label}`, at);
    checkStringSize(e.value, 'name', limits, `the external_data ${printable(e.key, 40)} of ${label}`, at);
  }
  const ref = parseExternalEntries(t.externalData, label, at);
  if (ref.length !== undefined && ref.length !== expectedBytes) {
    throw lengthMismatch(label, shape, `${String(expectedBytes)} bytes`, `external_data length ${String(ref.length)}`, at);
  }
  return expectedBytes;
}

function wrongField(label: string, shape: string, found: ValueField, expected: string, at: string): EngineError {
  return new EngineError(
    EngineErrorCode.TensorDataField,
    `${capitalize(label)} stores ${shape} values in ${found}; expected ${expected}.`,
    at,
  );
}

function lengthMismatch(label: string, shape: string, expected: string, found: string, at: string): EngineError {
  return new EngineError(
    EngineErrorCode.TensorDataLength,
    `${capitalize(label)}: expected ${expected} for ${shape}, found ${found}.`,
    at,
  );
}
