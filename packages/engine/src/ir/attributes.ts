import { EngineError, EngineErrorCode } from '../errors.ts';
import { clampBigInt } from './tensor.ts';
import type { IrAttribute, IrGraph, IrNode, IrTensor } from './types.ts';
import { decodeUtf8 } from './utf8.ts';

/** The attribute of that name, if the node has it. */
export function findAttribute(node: IrNode, name: string): IrAttribute | undefined {
  return node.attributes.find((a) => a.name === name);
}

function wrongType(node: IrNode, attr: IrAttribute, expected: string): EngineError {
  return new EngineError(
    EngineErrorCode.InvalidAttribute,
    `Attribute '${attr.name}' of ${node.opType} node '${nodeLabel(node)}' is ${attr.type}; expected ${expected}.`,
    nodeLabel(node),
  );
}

/** INT attribute as a number (int64 sentinels such as INT64_MAX are clamped to ±2^53). */
export function attrInt(node: IrNode, name: string, fallback: number): number;
export function attrInt(node: IrNode, name: string): number | undefined;
export function attrInt(node: IrNode, name: string, fallback?: number): number | undefined {
  const a = findAttribute(node, name);
  if (a === undefined) return fallback;
  if (a.type !== 'INT') throw wrongType(node, a, 'INT');
  return clampBigInt(a.value);
}

export function attrInts(node: IrNode, name: string, fallback: readonly number[]): number[];
export function attrInts(node: IrNode, name: string): number[] | undefined;
export function attrInts(node: IrNode, name: string, fallback?: readonly number[]): number[] | undefined {
  const a = findAttribute(node, name);
  if (a === undefined) return fallback === undefined ? undefined : [...fallback];
  if (a.type !== 'INTS') throw wrongType(node, a, 'INTS');
  return a.value.map(clampBigInt);
}

export function attrFloat(node: IrNode, name: string, fallback: number): number;
export function attrFloat(node: IrNode, name: string): number | undefined;
export function attrFloat(node: IrNode, name: string, fallback?: number): number | undefined {
  const a = findAttribute(node, name);
  if (a === undefined) return fallback;
  if (a.type === 'FLOAT') return a.value;
  if (a.type === 'INT') return Number(a.value);
  throw wrongType(node, a, 'FLOAT');
}

export function attrFloats(node: IrNode, name: string): number[] | undefined {
  const a = findAttribute(node, name);
  if (a === undefined) return undefined;
  if (a.type !== 'FLOATS') throw wrongType(node, a, 'FLOATS');
  return [...a.value];
}

export function attrString(node: IrNode, name: string, fallback: string): string;
export function attrString(node: IrNode, name: string): string | undefined;
export function attrString(node: IrNode, name: string, fallback?: string): string | undefined {
  const a = findAttribute(node, name);
  if (a === undefined) return fallback;
  if (a.type !== 'STRING') throw wrongType(node, a, 'STRING');
  return decodeUtf8(a.value);
}

export function attrTensor(node: IrNode, name: string): IrTensor | undefined {
  const a = findAttribute(node, name);
  if (a === undefined) return undefined;
  if (a.type !== 'TENSOR') throw wrongType(node, a, 'TENSOR');
  return a.value;
}

/** Every subgraph held by the node's attributes (If branches, Loop/Scan bodies). */
export function subgraphsOf(node: IrNode): IrGraph[] {
  const out: IrGraph[] = [];
  for (const a of node.attributes) {
    if (a.type === 'GRAPH') out.push(a.value);
    else if (a.type === 'GRAPHS') out.push(...a.value);
  }
  return out;
}

/** A readable, stable label for a node: its name, or its first output when the exporter left names empty. */
export function nodeLabel(node: IrNode): string {
  if (node.name !== '') return node.name;
  const first = node.outputs.find((o) => o !== '');
  return first === undefined ? `<${node.opType}>` : `${node.opType}→${first}`;
}

/** The default domain is '' or 'ai.onnx' in files; the engine keys everything on 'ai.onnx'. */
export function normalizeDomain(domain: string): string {
  return domain === '' ? 'ai.onnx' : domain;
}
