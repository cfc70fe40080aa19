/**
 * A stable fingerprint of a model's structure, so that a plan made for one model is refused on another.
 *
 * What is hashed: the opset imports; graph inputs and outputs (names, element types, shapes); every node in graph
 * order (op type, domain, name, input and output names, attribute names and values — tensor attributes by dtype and
 * dims only — and subgraphs, recursively); and every initializer's name, dtype and dims. Not hashed: weight values,
 * doc strings, metadata, producer fields and value_info, so re-exporting the same architecture with new weights (or
 * after fine-tuning) keeps the fingerprint, while any change of op, edge, name or weight shape changes it.
 *
 * The hash is 64-bit FNV-1a (Fowler, Noll, Vo) over a canonical byte stream, computed with 16-bit limbs so the
 * platform-free core needs no BigInt arithmetic per byte and no crypto dependency. It is an identity check, not a
 * security measure: anyone can make two models collide on purpose.
 */
import type { IrAttribute, IrGraph, IrModel, IrTensor, IrType, IrValueInfo } from './types.ts';

/** `fnv1a64:` followed by 16 lowercase hex digits. @public */
export type ModelFingerprint = string;

/** FNV-1a 64 over UTF-16 code units and numbers, with 16-bit limbs (h0 least significant). */
class Fnv1a64 {
  // Offset basis 0xcbf29ce484222325.
  #h0 = 0x2325;
  #h1 = 0x8422;
  #h2 = 0x9ce4;
  #h3 = 0xcbf2;

  byte(b: number): void {
    this.#h0 ^= b & 0xff;
    // Multiply by the prime 0x100000001b3 = 2^40 + 0x1b3: h·0x1b3 plus h shifted left by 40 bits.
    const t0 = this.#h0 * 0x1b3;
    const t1 = this.#h1 * 0x1b3;
    const t2 = this.#h2 * 0x1b3;
    const t3 = this.#h3 * 0x1b3;
    const r0 = t0;
    const r1 = t1 + (r0 >>> 16);
    const r2 = t2 + (r1 >>> 16) + (this.#h0 << 8);
    const r3 = t3 + (r2 >>> 16) + (this.#h1 << 8);
    this.#h0 = r0 & 0xffff;
    this.#h1 = r1 & 0xffff;
    this.#h2 = r2 & 0xffff;
    this.#h3 = r3 & 0xffff;
  }

  text(s: string): void {
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      this.byte(c & 0xff);
      this.byte(c >>> 8);
    }
    this.sep();
  }

  int(n: number | bigint): void {
    this.text(typeof n === 'bigint' ? n.toString() : String(n));
  }

  /** A field separator, so that ('ab','c') and ('a','bc') hash differently. */
  sep(): void {
    this.byte(0xff);
    this.byte(0xfe);
  }

  hex(): string {
    return [this.#h3, this.#h2, this.#h1, this.#h0].map((x) => x.toString(16).padStart(4, '0')).join('');
  }
}

function hashType(h: Fnv1a64, type: IrType | undefined): void {
  if (type === undefined) {
    h.text('-');
    return;
  }
  h.text(type.kind);
  switch (type.kind) {
    case 'tensor':
    case 'sparse-tensor':
      h.int(type.elemType);
      if (type.shape === undefined) h.text('?');
      else for (const d of type.shape) h.text(String(d));
      break;
    case 'sequence':
    case 'optional':
      hashType(h, type.elem);
      break;
    case 'map':
      h.int(type.keyType);
      hashType(h, type.value);
      break;
    case 'unknown':
      break;
  }
}

function hashValueInfo(h: Fnv1a64, v: IrValueInfo): void {
  h.text(v.name);
  hashType(h, v.type);
}

function hashTensorShape(h: Fnv1a64, t: IrTensor): void {
  h.text(t.name);
  h.int(t.dtype);
  h.text(t.dims.join(','));
}

function hashBytes(h: Fnv1a64, bytes: Uint8Array): void {
  for (const b of bytes) h.byte(b);
  h.sep();
}

function hashAttribute(h: Fnv1a64, a: IrAttribute): void {
  h.text(a.name);
  h.text(a.type);
  h.text(a.refAttrName);
  switch (a.type) {
    case 'FLOAT':
    case 'INT':
      h.text(String(a.value));
      break;
    case 'STRING':
      hashBytes(h, a.value);
      break;
    case 'TENSOR':
      hashTensorShape(h, a.value);
      break;
    case 'GRAPH':
      hashGraph(h, a.value);
      break;
    case 'SPARSE_TENSOR':
      hashTensorShape(h, a.value.values);
      h.text(a.value.dims.join(','));
      break;
    case 'TYPE_PROTO':
      hashType(h, a.value);
      break;
    case 'FLOATS':
    case 'INTS':
      h.text(a.value.map(String).join(','));
      break;
    case 'STRINGS':
      for (const s of a.value) hashBytes(h, s);
      h.sep();
      break;
    case 'TENSORS':
      for (const t of a.value) hashTensorShape(h, t);
      h.sep();
      break;
    case 'GRAPHS':
      for (const g of a.value) hashGraph(h, g);
      h.sep();
      break;
    case 'SPARSE_TENSORS':
      for (const t of a.value) hashTensorShape(h, t.values);
      h.sep();
      break;
    case 'TYPE_PROTOS':
      for (const t of a.value) hashType(h, t);
      h.sep();
      break;
    case 'UNDEFINED':
      break;
  }
}

function hashGraph(h: Fnv1a64, g: IrGraph): void {
  h.text('graph');
  h.text('inputs');
  for (const v of g.inputs) hashValueInfo(h, v);
  h.text('outputs');
  for (const v of g.outputs) hashValueInfo(h, v);
  h.text('initializers');
  for (const t of g.initializers) hashTensorShape(h, t);
  for (const s of g.sparseInitializers) {
    hashTensorShape(h, s.values);
    h.text(s.dims.join(','));
  }
  h.text('nodes');
  for (const n of g.nodes) {
    h.text(n.opType);
    h.text(n.domain === 'ai.onnx' ? '' : n.domain);
    h.text(n.name);
    h.text(n.inputs.join('\u0000'));
    h.text(n.outputs.join('\u0000'));
    for (const a of n.attributes) hashAttribute(h, a);
    h.text('end-node');
  }
  h.text('end-graph');
}

/**
 * The structural fingerprint of `model` (see the module comment for what it covers). Equal models, and models that
 * differ only in weight values, doc strings or metadata, have equal fingerprints.
 * @public
 */
export function modelFingerprint(model: IrModel): ModelFingerprint {
  const h = new Fnv1a64();
  h.text('whittle-fingerprint-v1');
  for (const o of model.opsetImports) {
    h.text(o.domain === 'ai.onnx' ? '' : o.domain);
    h.int(o.version);
  }
  hashGraph(h, model.graph);
  for (const f of model.functions) {
    h.text(`function ${f.domain}::${f.name}`);
    h.text(f.inputs.join(','));
    h.text(f.outputs.join(','));
    for (const n of f.nodes) {
      h.text(n.opType);
      h.text(n.domain);
      h.text(n.inputs.join('\u0000'));
      h.text(n.outputs.join('\u0000'));
      for (const a of n.attributes) hashAttribute(h, a);
    }
  }
  return `fnv1a64:${h.hex()}`;
}

/** FNV-1a 64 of a string (for tests and seeds). @internal */
export function fnv1a64(text: string): string {
  const h = new Fnv1a64();
  for (let i = 0; i < text.length; i++) h.byte(text.charCodeAt(i) & 0xff);
  return h.hex();
}
