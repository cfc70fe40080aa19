/**
 * Catalogue rows 20, 35 and 39: nesting that could exhaust a stack, call chains that protobuf nesting limits
 * cannot see, and counts or strings past their static limits (small limit overrides stand in for the 100 MB doc
 * strings and million-node graphs of the catalogue).
 */
import { create } from '@bufbuild/protobuf';
import { AttributeProto_AttributeType, AttributeProtoSchema, StringStringEntryProtoSchema } from 'onnx-buf';
import { describe, expect, it } from 'vitest';
import { EngineErrorCode } from '../../src/errors.ts';
import { GraphBuilder } from '../../src/ir/builder.ts';
import type { IrFunction, IrGraph, IrModel } from '../../src/ir/types.ts';
import { writeModel } from '../../src/onnx/codec.ts';
import { readModel } from '../../src/onnx/read.ts';
import { crafted, expectRefused, graphOf, nodeNamed } from './craft.ts';

/**
 * A graph whose If nests `levels` subgraphs deep through then_branch (else_branch is a leaf, so the file grows
 * linearly). Every level defines its own names: ONNX forbids reusing an enclosing graph's names.
 */
function nestedIf(level: number, levels: number): IrGraph {
  const b = new GraphBuilder();
  if (level === levels) {
    b.output(b.constant(`leaf_${String(level)}`, 'float32', [1], Float32Array.from([level])), 'float32', [1]);
    return b.toGraph(`level_${String(level)}`);
  }
  const otherwise = new GraphBuilder();
  otherwise.output(otherwise.constant(`else_${String(level)}`, 'float32', [1], Float32Array.from([-1])), 'float32', [1]);
  const cond = b.constant(`cond_${String(level)}`, 'bool', [], Uint8Array.from([1]));
  const out = b.op(
    'If',
    [cond],
    { then_branch: nestedIf(level + 1, levels), else_branch: otherwise.toGraph(`else_${String(level)}`) },
    { name: `if_${String(level)}`, outputs: [`if_${String(level)}_out`] },
  );
  b.output(out, 'float32', [1]);
  return b.toGraph(`level_${String(level)}`);
}

function nestedIfModel(levels: number): Uint8Array {
  const b = new GraphBuilder();
  const model = b.toModel({ opset: 17 });
  return writeModel({ ...model, graph: nestedIf(0, levels) });
}

/**
 * Hand-made protobuf: Model.graph → Graph.node → Node.attribute → Attribute.g → Graph.node → … `count` messages
 * deep, each the only field of its parent. Lengths are computed inside-out, then written in one forward pass.
 */
function nestedMessages(count: number): Uint8Array {
  const cycle = [0x0a, 0x2a, 0x32]; // GraphProto.node=1, NodeProto.attribute=5, AttributeProto.g=6 (all LEN)
  const tags = Array.from({ length: count }, (_, i) => (i === 0 ? 0x3a : (cycle[(i - 1) % 3] ?? 0x0a))); // ModelProto.graph=7
  const varintSize = (n: number): number => (n < 0x80 ? 1 : n < 0x4000 ? 2 : n < 0x200000 ? 3 : 4);
  const lengths = new Array<number>(count).fill(0);
  for (let i = count - 2; i >= 0; i--) {
    const inner = lengths[i + 1] ?? 0;
    lengths[i] = 1 + varintSize(inner) + inner;
  }
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    out.push(tags[i] ?? 0x0a);
    for (let n = lengths[i] ?? 0; ; n >>>= 7) {
      if (n < 0x80) {
        out.push(n);
        break;
      }
      out.push((n & 0x7f) | 0x80);
    }
  }
  return Uint8Array.from(out);
}

/** `count` nested wire-type-3 groups of unknown field 100 (~4 bytes each), the protobuf-es PR #1436 case. */
function nestedGroups(count: number): Uint8Array {
  const start = [0xa3, 0x06]; // (100 << 3) | 3
  const end = [0xa4, 0x06]; // (100 << 3) | 4
  const out = new Uint8Array(count * 4);
  for (let i = 0; i < count; i++) out.set(start, i * 2);
  for (let i = 0; i < count; i++) out.set(end, count * 2 + i * 2);
  return out;
}

describe('nesting', () => {
  it('refuses If subgraphs nested deeper than maxGraphDepth (16)', () => {
    const { error } = expectRefused(nestedIfModel(17), EngineErrorCode.NestingTooDeep);
    expect(error.message).toContain('nested 17 levels deep; expected at most 16');
  });

  it('accepts If subgraphs nested exactly maxGraphDepth deep', () => {
    expect(() => readModel(nestedIfModel(16))).not.toThrow();
  });

  it('follows a smaller maxGraphDepth override', () => {
    expect(() => readModel(nestedIfModel(3), { limits: { maxGraphDepth: 3 } })).not.toThrow();
    expectRefused(nestedIfModel(4), EngineErrorCode.NestingTooDeep, { limits: { maxGraphDepth: 3 } });
  });

  it('refuses 10,000 hand-nested protobuf messages without crashing', () => {
    const bytes = nestedMessages(10_000);
    expect(bytes.byteLength).toBeGreaterThan(30_000);
    expectRefused(bytes, EngineErrorCode.NestingTooDeep);
  });

  it('refuses 10,000 nested protobuf groups without crashing', () => {
    expectRefused(nestedGroups(10_000), EngineErrorCode.NestingTooDeep);
  });
});

/** A chain of `length` model-local functions in domain `local`: f0 calls f1 … the last is an Identity. */
function functionChain(length: number, loopBack = false): IrModel {
  const functions: IrFunction[] = Array.from({ length }, (_, i) => {
    const last = i === length - 1;
    const callee = last ? (loopBack ? 'f0' : undefined) : `f${String(i + 1)}`;
    return {
      name: `f${String(i)}`,
      domain: 'local',
      overload: '',
      inputs: ['a'],
      outputs: ['b'],
      attributes: [],
      attributeProtos: [],
      nodes: [
        {
          name: '',
          opType: callee ?? 'Identity',
          domain: callee === undefined ? '' : 'local',
          overload: '',
          inputs: ['a'],
          outputs: ['b'],
          attributes: [],
          docString: '',
          metadataProps: [],
          opaque: [],
        },
      ],
      opsetImports: [
        { domain: '', version: 17 },
        { domain: 'local', version: 1 },
      ],
      valueInfo: [],
      docString: '',
      metadataProps: [],
    };
  });
  const b = new GraphBuilder();
  const x = b.input('x', 'float32', [2]);
  b.output(b.op('f0', [x], {}, { domain: 'local', outputs: ['y'] }), 'float32', [2]);
  return { ...b.toModel({ opset: 17, extraOpsets: [{ domain: 'local', version: 1 }] }), functions };
}

describe('model-local functions (catalogue row 35)', () => {
  it('accepts a short chain of function calls', () => {
    expect(() => readModel(writeModel(functionChain(5)))).not.toThrow();
  });

  it('refuses a chain of 100 function calls (default limit 64)', () => {
    const { error } = expectRefused(writeModel(functionChain(100)), EngineErrorCode.NestingTooDeep);
    expect(error.message).toContain('65 functions deep; expected at most 64');
  });

  it('refuses functions that call each other in a cycle', () => {
    const { error } = expectRefused(writeModel(functionChain(3, true)), EngineErrorCode.GraphCycle);
    expect(error.message).toContain("'f0'");
  });

  it('refuses more functions than maxFunctions', () => {
    expectRefused(writeModel(functionChain(5)), EngineErrorCode.LimitExceeded, { limits: { maxFunctions: 4 } });
  });
});

describe('static limits on counts and strings', () => {
  it('refuses a node name over maxNameBytes', () => {
    const bytes = crafted((proto) => {
      nodeNamed(proto, 'relu').name = 'n'.repeat(200);
    });
    const { error } = expectRefused(bytes, EngineErrorCode.StringTooLong, { limits: { maxNameBytes: 64 } });
    expect(error.message).toContain('expected at most 64');
    expect(error.message).toContain('graph.node[3]');
  });

  it('refuses a doc string over maxDocBytes, counting UTF-8 bytes', () => {
    const bytes = crafted((proto) => {
      proto.docString = 'é'.repeat(600); // 600 characters, 1200 bytes
    });
    const { error } = expectRefused(bytes, EngineErrorCode.StringTooLong, { limits: { maxDocBytes: 1000 } });
    expect(error.message).toContain('is 1200 bytes; expected at most 1000');
  });

  it('refuses a 1 MB doc string with a small limit, quickly', () => {
    const bytes = crafted((proto) => {
      graphOf(proto).docString = 'd'.repeat(1 << 20);
    });
    expectRefused(bytes, EngineErrorCode.StringTooLong, { limits: { maxDocBytes: 4096 } });
  });

  it('refuses more metadata_props than maxMetadataEntries', () => {
    const bytes = crafted((proto) => {
      proto.metadataProps = Array.from({ length: 10 }, (_, i) => create(StringStringEntryProtoSchema, { key: `k${String(i)}`, value: 'v' }));
    });
    expectRefused(bytes, EngineErrorCode.LimitExceeded, { limits: { maxMetadataEntries: 5 } });
  });

  it('refuses more nodes than maxNodes', () => {
    const { error } = expectRefused(crafted(() => undefined), EngineErrorCode.LimitExceeded, { limits: { maxNodes: 3 } });
    expect(error.message).toContain('more than 3 nodes');
  });

  it('refuses more values than maxValues', () => {
    expectRefused(crafted(() => undefined), EngineErrorCode.LimitExceeded, { limits: { maxValues: 3 } });
  });

  it('refuses more tensors than maxTensors', () => {
    expectRefused(crafted(() => undefined), EngineErrorCode.LimitExceeded, { limits: { maxTensors: 1 } });
  });

  it('refuses a node with more inputs than maxNodeArity', () => {
    const bytes = crafted((proto) => {
      nodeNamed(proto, 'add').input = Array.from({ length: 10 }, () => 'x');
    });
    expectRefused(bytes, EngineErrorCode.LimitExceeded, { limits: { maxNodeArity: 4 } });
  });

  it('refuses an INTS attribute with more elements than maxAttributeElements', () => {
    const bytes = crafted((proto) => {
      nodeNamed(proto, 'relu').attribute.push(
        create(AttributeProtoSchema, { name: 'junk', type: AttributeProto_AttributeType.INTS, ints: Array.from({ length: 100 }, () => 1n) }),
      );
    });
    expectRefused(bytes, EngineErrorCode.LimitExceeded, { limits: { maxAttributeElements: 10 } });
  });
});
