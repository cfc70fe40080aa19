import { describe, expect, it } from 'vitest';
import { COST_HANDLERS, costRuleTable, registerCostHandlers } from '../../src/cost/cost-handlers.ts';
import { computeCost } from '../../src/cost/cost-model.ts';
import { EngineErrorCode } from '../../src/errors.ts';
import { GraphBuilder } from '../../src/ir/builder.ts';
import { opsetMap } from '../../src/ops/registry.ts';
import { createCostRegistry, defaultCostRegistry } from '../../src/register-all.ts';
import { handShapes } from './hand-shapes.ts';

describe('cost rules', () => {
  it('has one rule per (op, since), each with a description', () => {
    const table = costRuleTable();
    expect(table).toHaveLength(COST_HANDLERS.length);
    expect(new Set(table.map((r) => `${r.op}@${String(r.since)}`)).size).toBe(table.length);
    expect(table.every((r) => r.rule.length > 10)).toBe(true);
    expect(table.find((r) => r.op === 'Conv')?.rule).toMatch(/N·Cout·prod\(out spatial\)·\(Cin\/group\)·prod\(kernel\)/);
  });

  it('refuses to register the handlers twice', () => {
    const registry = createCostRegistry();
    expect(() => { registerCostHandlers(registry); }).toThrow(expect.objectContaining({ code: EngineErrorCode.DuplicateHandler }));
  });

  it('resolves by opset: a handler applies only from its `since`', () => {
    const registry = defaultCostRegistry();
    expect(registry.resolve({ domain: '', opType: 'HardSwish' }, opsetMap([{ domain: '', version: 14 }]))?.since).toBe(14);
    expect(registry.resolve({ domain: '', opType: 'HardSwish' }, opsetMap([{ domain: '', version: 13 }]))).toBeUndefined();
    expect(registry.resolve({ domain: 'ai.onnx', opType: 'Conv' }, opsetMap([{ domain: '', version: 9 }]))?.opType).toBe('Conv');
  });

  it('uses a registry given in the options instead of the default', () => {
    const b = new GraphBuilder();
    b.output(b.op('Relu', [b.input('x', 'float32', [2])], {}, { outputs: ['y'] }), 'float32');
    const shapes = handShapes({ x: ['float32', [2]], y: ['float32', [2]] });
    const custom = createCostRegistry();
    custom.register({ domain: 'com.example', opType: 'Relu', since: 1, rule: 'unused here', count: () => ({ macs: 7, otherOps: 7, reason: undefined }) });
    expect(computeCost(b.toModel(), shapes, { registry: custom }).nodes[0]).toMatchObject({ macs: 0, otherOps: 2 });
  });

  it('reports an invalid attribute as a reason instead of throwing', () => {
    const b = new GraphBuilder();
    const a = b.input('a', 'float32', [2, 3]);
    const w = b.input('w', 'float32', [3, 4]);
    b.output(b.op('Gemm', [a, w], { transA: 'yes' }, { outputs: ['y'] }), 'float32');
    const node = computeCost(b.toModel(), handShapes({ a: ['float32', [2, 3]], w: ['float32', [3, 4]] })).nodes[0];
    expect(node?.macs).toBeUndefined();
    expect(node?.reason).toMatch(/transA.*STRING; expected INT/);
  });
});
