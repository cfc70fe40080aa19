/**
 * Catalogue rows 36–38: graphs onnxruntime would refuse or mis-run (cycles, undefined and doubly defined values),
 * unsupported IR versions and opsets, and operators from domains no built-in runtime provides.
 */
import { create } from '@bufbuild/protobuf';
import { OperatorSetIdProtoSchema } from 'onnx-buf';
import { describe, expect, it } from 'vitest';
import { EngineErrorCode } from '../../src/errors.ts';
import { crafted, expectRefused, nodeNamed } from './craft.ts';

describe('graph structure', () => {
  it('refuses two nodes feeding each other and names a node on the cycle', () => {
    // add reads mul's output; mul reads add's output.
    const bytes = crafted((proto) => {
      nodeNamed(proto, 'add').input = ['x', 'mul_out'];
    });
    const { error } = expectRefused(bytes, EngineErrorCode.GraphCycle);
    expect(error.message).toMatch(/form a cycle: '(add|mul)' → '(add|mul)' → '(add|mul)'/);
  });

  it('refuses a node that reads its own output', () => {
    const bytes = crafted((proto) => {
      nodeNamed(proto, 'relu').input = ['y'];
    });
    expectRefused(bytes, EngineErrorCode.GraphCycle);
  });

  it('refuses an input that nothing defines and names the node and value', () => {
    const bytes = crafted((proto) => {
      nodeNamed(proto, 'mul').input = ['add_out', 'ghost'];
    });
    const { error } = expectRefused(bytes, EngineErrorCode.UndefinedValue);
    expect(error.message).toContain("Mul node 'mul' (graph.node[2]) reads 'ghost'");
  });

  it('refuses a graph output that nothing produces', () => {
    const bytes = crafted((proto) => {
      const output = proto.graph?.output[0];
      if (output) output.name = 'nowhere';
    });
    expectRefused(bytes, EngineErrorCode.UndefinedValue);
  });

  it('refuses two producers of one name', () => {
    const bytes = crafted((proto) => {
      nodeNamed(proto, 'mul').output = ['add_out'];
      nodeNamed(proto, 'relu').input = ['add_out'];
    });
    const { error } = expectRefused(bytes, EngineErrorCode.DuplicateValue);
    expect(error.message).toContain("'add_out'");
  });

  it('refuses a node output that overwrites an initializer', () => {
    const bytes = crafted((proto) => {
      nodeNamed(proto, 'relu').output = ['w'];
    });
    expectRefused(bytes, EngineErrorCode.DuplicateValue);
  });
});

describe('IR version and opsets', () => {
  it('refuses a model without opset_import', () => {
    const bytes = crafted((proto) => {
      proto.opsetImport = [];
    });
    const { error } = expectRefused(bytes, EngineErrorCode.MissingOpset);
    expect(error.message).toContain('found none');
  });

  it('refuses opset 99 (too new) and says the supported range', () => {
    const bytes = crafted((proto) => {
      proto.opsetImport = [create(OperatorSetIdProtoSchema, { domain: '', version: 99n })];
    });
    const { error } = expectRefused(bytes, EngineErrorCode.UnsupportedOpset);
    expect(error.message).toContain('expected 7–25, found 99');
  });

  it('refuses opset 6 (too old)', () => {
    const bytes = crafted((proto) => {
      proto.opsetImport = [create(OperatorSetIdProtoSchema, { domain: 'ai.onnx', version: 6n })];
    });
    expectRefused(bytes, EngineErrorCode.UnsupportedOpset);
  });

  it("refuses two imports of the default domain ('' and 'ai.onnx')", () => {
    const bytes = crafted((proto) => {
      proto.opsetImport.push(create(OperatorSetIdProtoSchema, { domain: 'ai.onnx', version: 13n }));
    });
    expectRefused(bytes, EngineErrorCode.UnsupportedOpset);
  });

  it('refuses IR version 99 and IR version 0', () => {
    for (const irVersion of [99n, 0n]) {
      const bytes = crafted((proto) => {
        proto.irVersion = irVersion;
      });
      const { error } = expectRefused(bytes, EngineErrorCode.UnsupportedIrVersion);
      expect(error.message).toContain(`expected 3–13, found ${String(irVersion)}`);
    }
  });
});

describe('operator domains', () => {
  it('refuses an operator from an unknown domain, even with an opset import for it', () => {
    const bytes = crafted((proto) => {
      nodeNamed(proto, 'relu').domain = 'ai.onnx.contrib';
      proto.opsetImport.push(create(OperatorSetIdProtoSchema, { domain: 'ai.onnx.contrib', version: 1n }));
    });
    const { error } = expectRefused(bytes, EngineErrorCode.UnknownDomain);
    expect(error.message).toContain('Unsupported operator Relu in domain ai.onnx.contrib');
  });

  it('refuses com.microsoft:PyOp, which would run Python', () => {
    const bytes = crafted((proto) => {
      const relu = nodeNamed(proto, 'relu');
      relu.domain = 'com.microsoft';
      relu.opType = 'PyOp';
      proto.opsetImport.push(create(OperatorSetIdProtoSchema, { domain: 'com.microsoft', version: 1n }));
    });
    expectRefused(bytes, EngineErrorCode.UnknownDomain);
  });

  it('refuses a known domain that the model does not import', () => {
    const bytes = crafted((proto) => {
      const relu = nodeNamed(proto, 'relu');
      relu.domain = 'com.microsoft';
      relu.opType = 'FusedGelu';
    });
    const { error } = expectRefused(bytes, EngineErrorCode.MissingOpset);
    expect(error.message).toContain("uses domain 'com.microsoft'");
  });
});
