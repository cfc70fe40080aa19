/** Attribute values as short strings for the graph view: shapes and scalars, never tensor payloads. */
import { dataTypeName } from '../ir/dtype.ts';
import type { IrAttribute, IrTensor, IrType } from '../ir/types.ts';
import { decodeUtf8 } from '../ir/utf8.ts';

/** Longest list shown in full; longer lists show their first `LIST_HEAD` items and a count. */
const LIST_FULL = 16;
const LIST_HEAD = 8;
/** Longest string shown (in characters) before it is cut. */
const TEXT_MAX = 80;

function cut(text: string): string {
  return text.length <= TEXT_MAX ? text : `${text.slice(0, TEXT_MAX - 1)}…`;
}

function list(items: readonly string[]): string {
  if (items.length <= LIST_FULL) return `[${items.join(',')}]`;
  return `[${items.slice(0, LIST_HEAD).join(',')},… (${String(items.length)} values)]`;
}

/** Six significant digits: float32 attributes such as 0.1 read back as 0.10000000149011612. */
function num(value: number): string {
  return Number.isFinite(value) ? String(Number(value.toPrecision(6))) : String(value);
}

/** `float32[64,3,3,3]`: what a tensor is, never what it holds. */
export function tensorSummary(tensor: Pick<IrTensor, 'dtype' | 'dims'>): string {
  return `${dataTypeName(tensor.dtype)}[${tensor.dims.join(',')}]`;
}

function typeSummary(type: IrType): string {
  switch (type.kind) {
    case 'tensor':
    case 'sparse-tensor':
      return `${type.kind}(${dataTypeName(type.elemType)})`;
    case 'sequence':
    case 'optional':
      return `${type.kind}(${type.elem === undefined ? '?' : typeSummary(type.elem)})`;
    case 'map':
      return `map(${dataTypeName(type.keyType)},${type.value === undefined ? '?' : typeSummary(type.value)})`;
    case 'unknown':
      return 'unknown';
  }
}

function summaryOf(attr: IrAttribute): string {
  switch (attr.type) {
    case 'FLOAT':
      return num(attr.value);
    case 'INT':
      return attr.value.toString();
    case 'STRING':
      return JSON.stringify(cut(decodeUtf8(attr.value)));
    case 'TENSOR':
      return tensorSummary(attr.value);
    case 'SPARSE_TENSOR':
      return `sparse ${tensorSummary({ dtype: attr.value.values.dtype, dims: attr.value.dims })}`;
    case 'GRAPH':
      return `graph '${cut(attr.value.name)}' (${String(attr.value.nodes.length)} nodes)`;
    case 'TYPE_PROTO':
      return typeSummary(attr.value);
    case 'FLOATS':
      return list(attr.value.map(num));
    case 'INTS':
      return list(attr.value.map((v) => v.toString()));
    case 'STRINGS':
      return list(attr.value.map((v) => JSON.stringify(cut(decodeUtf8(v)))));
    case 'TENSORS':
      return list(attr.value.map(tensorSummary));
    case 'SPARSE_TENSORS':
      return `${String(attr.value.length)} sparse tensors`;
    case 'GRAPHS':
      return `${String(attr.value.length)} graphs`;
    case 'TYPE_PROTOS':
      return list(attr.value.map(typeSummary));
    case 'UNDEFINED':
      return '';
  }
}

/**
 * A short, payload-free rendering of an attribute. Function-body attributes that refer to the caller's attribute
 * show as `@<name>`.
 */
export function summarizeAttribute(attr: IrAttribute): string {
  if (attr.refAttrName !== '') return `@${attr.refAttrName}`;
  return summaryOf(attr);
}
