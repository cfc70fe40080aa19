import { describe, expect, it } from 'vitest';
import { graphViewSchema } from '../src/graph-view.ts';
import { paddleClsView, scopedFixtureView } from './model-views.ts';

/** A deep copy as plain JSON, so tests can break it. */
function json(value: unknown): Record<string, unknown> {
  return JSON.parse(JSON.stringify(value)) as Record<string, unknown>;
}

function messagesOf(value: unknown): string[] {
  const result = graphViewSchema.safeParse(value);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

describe('graphViewSchema', () => {
  const paddle = paddleClsView();
  const fixture = scopedFixtureView();

  it('parses the view of a PaddleOCR model unchanged', () => {
    expect(graphViewSchema.parse(json(paddle))).toEqual(json(paddle));
  });

  it('parses the view of a PaddleOCR model at concrete shapes', () => {
    const concrete = paddleClsView({ x: [1, 3, 48, 192] });
    expect(graphViewSchema.parse(json(concrete)).summary.macs.total).toBeGreaterThan(0);
  });

  it('parses the view of a scoped fixture unchanged', () => {
    const parsed = graphViewSchema.parse(json(fixture));
    expect(parsed).toEqual(json(fixture));
    expect(parsed.blocks.map((b) => b.path)).toEqual(['/', '/block1', '/block1/fc', '/block1/act', '/block2', '/block2/fc']);
  });

  it('rejects a missing field', () => {
    const broken = json(fixture);
    delete (broken.summary as Record<string, unknown>).params;
    expect(messagesOf(broken)).toEqual(['summary.params: Invalid input: expected number, received undefined']);
  });

  it('rejects a wrong version, negative counts and fractional indices', () => {
    expect(messagesOf({ ...json(fixture), version: 2 })[0]).toMatch(/^version:/);
    const broken = json(fixture);
    const nodes = broken.nodes as Record<string, unknown>[];
    nodes[0] = { ...nodes[0], macs: -1, index: 0.5 };
    expect(messagesOf(broken).sort()).toEqual([
      'nodes.0.index: Invalid input: expected int, received number',
      'nodes.0.macs: Too small: expected number to be >=0',
    ]);
  });

  it('rejects shapes that are neither integers nor names', () => {
    const broken = json(fixture);
    const inputs = broken.inputs as Record<string, unknown>[];
    inputs[0] = { ...inputs[0], shape: [1, true] };
    expect(messagesOf(broken).length).toBeGreaterThan(0);
  });

  it('rejects edges that point at nothing and duplicate ids', () => {
    const dangling = json(fixture);
    const edges = dangling.edges as Record<string, unknown>[];
    edges[0] = { ...edges[0], target: 'no-such-node' };
    expect(messagesOf(dangling)).toEqual(["edges.0.target: unknown id 'no-such-node'"]);

    const duplicate = json(fixture);
    const nodes = duplicate.nodes as Record<string, unknown>[];
    nodes[1] = { ...nodes[1], id: nodes[0]?.id };
    expect(messagesOf(duplicate)).toContain(`nodes.1.id: duplicate id '${String(nodes[0]?.id)}'`);
  });

  it('rejects a block whose parent does not exist', () => {
    const broken = json(fixture);
    const blocks = broken.blocks as Record<string, unknown>[];
    blocks[1] = { ...blocks[1], parentId: 'block:/nowhere' };
    expect(messagesOf(broken)).toEqual(["blocks.1.parentId: unknown id 'block:/nowhere'"]);
  });
});
