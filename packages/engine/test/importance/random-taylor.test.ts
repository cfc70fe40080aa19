import { describe, expect, it } from 'vitest';
import { EngineErrorCode } from '../../src/errors.ts';
import { createImportanceContext } from '../../src/importance/context.ts';
import { randomImportance } from '../../src/importance/random.ts';
import { taylorImportance } from '../../src/importance/taylor.ts';
import { expectEngineError } from '../helpers/expect-engine-error.ts';
import { handGroup, handModel } from './hand-group.ts';

describe('randomImportance', () => {
  it('is reproducible from the seed and the group id, in [0, 1)', async () => {
    const group = handGroup();
    const a = await randomImportance(group, createImportanceContext(handModel(), [group], { seed: 3 }).ctx);
    const b = await randomImportance(group, createImportanceContext(handModel(), [group], { seed: 3 }).ctx);
    const c = await randomImportance(group, createImportanceContext(handModel(), [group], { seed: 4 }).ctx);
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(Array.from(a)).not.toEqual(Array.from(c));
    expect(Array.from(a).every((v) => v >= 0 && v < 1)).toBe(true);
  });

  it('does not depend on which other groups were scored first', async () => {
    const group = handGroup();
    const other = { ...handGroup(), id: 'other:1' };
    const ctx = createImportanceContext(handModel(), [other, group], { seed: 9 }).ctx;
    await randomImportance(other, ctx);
    const after = await randomImportance(group, ctx);
    const alone = await randomImportance(group, createImportanceContext(handModel(), [group], { seed: 9 }).ctx);
    expect(Array.from(after)).toEqual(Array.from(alone));
  });
});

describe('taylorImportance', () => {
  it('is reserved: it throws ENGINE_ERR_UNSUPPORTED until fine-tuning brings gradients (W6)', () => {
    const group = handGroup();
    const error = expectEngineError(() => taylorImportance(group, createImportanceContext(handModel(), [group]).ctx), EngineErrorCode.Unsupported);
    expect(error.message).toMatch(/needs gradients; it arrives with fine-tuning \(W6\)/);
  });
});
