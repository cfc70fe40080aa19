import { describe, expect, it } from 'vitest';
import { prunePlanSchema, type PrunePlanDocument } from '../src/prune-plan.ts';

const fingerprint = 'fnv1a64:0123456789abcdef';

describe('prunePlanSchema', () => {
  const valid: readonly (readonly [string, PrunePlanDocument])[] = [
    ['an empty explicit plan', { version: 1, groups: [] }],
    ['explicit removals with a fingerprint', { version: 1, model: { fingerprint }, criterion: 'l1', groups: [{ group: '/conv1/Conv_output_0:1', remove: [0, 3] }] }],
    ['per-layer ratios keyed by group id or root node', { version: 1, layerRatios: { '/conv1/Conv': 0.5, 'x:1': 0 }, roundTo: 8 }],
    ['a global ratio with every option', { version: 1, ratio: 0.5, global: true, criterion: 'activation', seed: 3, roundTo: 8, protect: ['/fc/Gemm'], dropBlocks: ['block:/layer1/Add'] }],
  ];
  for (const [name, plan] of valid) {
    it(`accepts ${name}`, () => {
      expect(prunePlanSchema.parse(plan)).toEqual(plan);
    });
  }

  const invalid: readonly (readonly [string, unknown, RegExp])[] = [
    ['no mode', { version: 1 }, /exactly one of groups, layerRatios or ratio; found none/],
    ['two modes', { version: 1, ratio: 0.5, layerRatios: {} }, /found layerRatios and ratio/],
    ['version 2', { version: 2, ratio: 0.5 }, /expected 1/],
    ['ratio 1', { version: 1, ratio: 1 }, /less than 1|<1/],
    ['a negative index', { version: 1, groups: [{ group: 'a:1', remove: [-1] }] }, /greater than or equal to 0|>=0/],
    ['a fractional roundTo', { version: 1, ratio: 0.5, roundTo: 2.5 }, /expected int/],
    ['taylor (reserved for W6)', { version: 1, ratio: 0.5, criterion: 'taylor' }, /Invalid option/],
    ['a misspelt key', { version: 1, ratio: 0.5, roundto: 8 }, /Unrecognized key/],
    ['global without ratio', { version: 1, groups: [], global: true }, /"global" applies only with "ratio"/],
    ['a malformed fingerprint', { version: 1, ratio: 0.5, model: { fingerprint: 'md5:abc' } }, /Invalid string/],
    ['an explicit undefined', { version: 1, ratio: 0.5, seed: undefined }, /expected number/],
  ];
  for (const [name, plan, message] of invalid) {
    it(`refuses ${name}`, () => {
      const result = prunePlanSchema.safeParse(plan);
      expect(result.success).toBe(false);
      expect(result.error?.issues.map((i) => i.message).join('\n')).toMatch(message);
    });
  }
});
