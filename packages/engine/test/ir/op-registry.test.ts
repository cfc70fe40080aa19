import { describe, expect, it } from 'vitest';
import { EngineErrorCode } from '../../src/errors.ts';
import { OpRegistry, opsetMap, type OpHandlerKey } from '../../src/ops/registry.ts';
import { expectEngineError } from '../helpers/expect-engine-error.ts';

interface TestHandler extends OpHandlerKey {
  readonly tag: string;
}

function handler(opType: string, since: number, domain = '', tag = `${opType}@${String(since)}`): TestHandler {
  return { domain, opType, since, tag };
}

function registry(): OpRegistry<TestHandler> {
  const r = new OpRegistry<TestHandler>('test');
  r.registerAll([handler('Reshape', 5), handler('Reshape', 14), handler('Reshape', 1), handler('Gelu', 20), handler('FusedConv', 1, 'com.microsoft')]);
  return r;
}

const node = (opType: string, domain = ''): { opType: string; domain: string } => ({ opType, domain });

describe('OpRegistry', () => {
  it('throws ENGINE_ERR_DUPLICATE_HANDLER on a second handler for the same (domain, opType, since)', () => {
    const r = registry();
    const error = expectEngineError(() => { r.register(handler('Reshape', 14)); }, EngineErrorCode.DuplicateHandler);
    expect(error.message).toContain('Reshape');
    expect(error.message).toContain('14');
  });

  it("treats '' and 'ai.onnx' as the same domain when checking duplicates", () => {
    const r = registry();
    expectEngineError(() => { r.register(handler('Reshape', 5, 'ai.onnx')); }, EngineErrorCode.DuplicateHandler);
  });

  it('resolves the handler with the highest since not above the opset', () => {
    const r = registry();
    expect(r.resolve(node('Reshape'), opsetMap([{ domain: '', version: 13 }]))?.tag).toBe('Reshape@5');
    expect(r.resolve(node('Reshape'), opsetMap([{ domain: '', version: 14 }]))?.tag).toBe('Reshape@14');
    expect(r.resolve(node('Reshape'), opsetMap([{ domain: '', version: 21 }]))?.tag).toBe('Reshape@14');
    expect(r.resolve(node('Reshape'), opsetMap([{ domain: '', version: 4 }]))?.tag).toBe('Reshape@1');
  });

  it('returns undefined when every handler is newer than the opset', () => {
    expect(registry().resolve(node('Gelu'), opsetMap([{ domain: '', version: 17 }]))).toBeUndefined();
  });

  it("resolves '' and 'ai.onnx' nodes and opset imports interchangeably", () => {
    const r = registry();
    expect(r.resolve(node('Reshape', 'ai.onnx'), opsetMap([{ domain: '', version: 14 }]))?.tag).toBe('Reshape@14');
    expect(r.resolve(node('Reshape', ''), opsetMap([{ domain: 'ai.onnx', version: 14 }]))?.tag).toBe('Reshape@14');
  });

  it('resolves custom domains against their own opset import', () => {
    const r = registry();
    expect(r.resolve(node('FusedConv', 'com.microsoft'), opsetMap([{ domain: '', version: 17 }, { domain: 'com.microsoft', version: 1 }]))?.tag).toBe('FusedConv@1');
    expect(r.resolve(node('FusedConv', 'com.microsoft'), opsetMap([{ domain: '', version: 17 }]))).toBeUndefined();
    expect(r.resolve(node('FusedConv'), opsetMap([{ domain: '', version: 17 }]))).toBeUndefined();
  });

  it('returns undefined for an unknown op', () => {
    expect(registry().resolve(node('FooBar'), opsetMap([{ domain: '', version: 17 }]))).toBeUndefined();
  });

  it('lists its (domain, opType) keys sorted, domains normalised', () => {
    expect(registry().keys()).toEqual(['ai.onnx::Gelu', 'ai.onnx::Reshape', 'com.microsoft::FusedConv']);
  });
});
