import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COVERAGE_DOC, pruningCoverageMarkdown, reasonKind } from '../../scripts/pruning-coverage.ts';

describe('docs/pruning-coverage.md', () => {
  it('is current: regenerating the PaddleOCR coverage table gives the committed file', () => {
    const committed = readFileSync(COVERAGE_DOC, 'utf8');
    // On failure: run `pnpm --filter @whittle/engine coverage:prune` and commit docs/pruning-coverage.md.
    expect(pruningCoverageMarkdown()).toBe(committed);
  });

  it('groups reasons by cause, with names elided', () => {
    expect(reasonKind('unknown op Foo (ai.onnx v17) at node /blk3/foo has no pruning rule')).toBe('no pruning rule for Foo (ai.onnx)');
    expect(reasonKind("'y' is a graph output: the model's interface does not change")).toBe("… is a graph output: the model's interface does not change");
    expect(reasonKind("Softmax at node p2o.Softmax.0 normalizes over axis 1 of 'p2o.Add.87'")).toBe('Softmax at a node normalizes over axis 1');
  });
});
