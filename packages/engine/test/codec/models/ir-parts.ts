/** Small constructors for hand-written IR in codec tests, where the builder cannot express a feature. */
import { encodeUtf8 } from '../../../src/ir/utf8.ts';
import type { Dim, IrAttribute, IrAttributeValue, IrGraph, IrNode, IrTensor, IrType, IrValueInfo, StringEntry } from '../../../src/ir/types.ts';

/** A tensor whose raw_data is exactly `bytes`. */
export function rawTensor(name: string, dtype: number, dims: readonly number[], bytes: ArrayLike<number>): IrTensor {
  return { name, dtype, dims: [...dims], data: { kind: 'raw', bytes: Uint8Array.from(bytes) }, docString: '', metadataProps: [] };
}

/** A tensor whose raw_data holds the bytes of a typed array (little-endian, as on every platform we run on). */
export function typedTensor(name: string, dtype: number, dims: readonly number[], values: ArrayBufferView): IrTensor {
  return rawTensor(name, dtype, dims, new Uint8Array(values.buffer, values.byteOffset, values.byteLength));
}

/** A STRING tensor holding UTF-8 encodings of `values`. */
export function stringTensor(name: string, dims: readonly number[], values: readonly string[]): IrTensor {
  return { name, dtype: 8, dims: [...dims], data: { kind: 'strings', values: values.map(encodeUtf8) }, docString: '', metadataProps: [] };
}

export function attribute(name: string, value: IrAttributeValue, extra: Partial<Pick<IrAttribute, 'refAttrName' | 'docString'>> = {}): IrAttribute {
  return { name, refAttrName: extra.refAttrName ?? '', docString: extra.docString ?? '', ...value };
}

export function node(opType: string, inputs: readonly string[], outputs: readonly string[], extra: Partial<IrNode> = {}): IrNode {
  return {
    name: extra.name ?? '',
    opType,
    domain: extra.domain ?? '',
    overload: extra.overload ?? '',
    inputs: [...inputs],
    outputs: [...outputs],
    attributes: extra.attributes ?? [],
    docString: extra.docString ?? '',
    metadataProps: extra.metadataProps ?? [],
    opaque: extra.opaque ?? [],
  };
}

export function tensorType(elemType: number, shape: readonly Dim[] | undefined, denotation = ''): IrType {
  return { kind: 'tensor', elemType, shape, denotation };
}

export function valueInfo(name: string, type: IrType | undefined, extra: { docString?: string; metadataProps?: readonly StringEntry[] } = {}): IrValueInfo {
  return { name, type, docString: extra.docString ?? '', metadataProps: extra.metadataProps ?? [] };
}

export function graph(name: string, parts: Partial<IrGraph>): IrGraph {
  return {
    name,
    nodes: parts.nodes ?? [],
    inputs: parts.inputs ?? [],
    outputs: parts.outputs ?? [],
    valueInfo: parts.valueInfo ?? [],
    initializers: parts.initializers ?? [],
    sparseInitializers: parts.sparseInitializers ?? [],
    quantizationAnnotations: parts.quantizationAnnotations ?? [],
    docString: parts.docString ?? '',
    metadataProps: parts.metadataProps ?? [],
  };
}
