import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { groupsReportSchema, type GroupsReport } from '@whittle/shared';
import { resnetStyleBytes } from './fixture-models.ts';
import { runInProcess } from './in-process.ts';
import { modelPath } from './paddle-models.ts';
import { runCli, STACK_FRAME, type CliRun } from './run-cli.ts';

let dir: string;
let fixtureJson: CliRun;
let fixtureText: CliRun;
let cls: CliRun;
let det: CliRun;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'whittle-groups-'));
  const fixture = join(dir, 'resnet-style.onnx');
  await writeFile(fixture, resnetStyleBytes());
  fixtureText = await runInProcess(['groups', 'resnet-style.onnx', '--members'], dir);
  [fixtureJson, cls, det] = await Promise.all([
    runCli(['groups', fixture, '--json']),
    runCli(['groups', modelPath('ch_ppocr_mobile_v2.0_cls_infer.onnx'), '--json']),
    runCli(['groups', modelPath('ch_PP-OCRv4_det_infer.onnx'), '--json', '--input-shape', 'x=1,3,320,320']),
  ]);
}, 120_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function parse(run: CliRun): GroupsReport {
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  return groupsReportSchema.parse(JSON.parse(run.stdout));
}

describe('whittle groups --json', () => {
  it('lists every group with id, root, members (node, side, value, axis), channel count and status', () => {
    const r = parse(fixtureJson);
    expect(r.file).toBe('resnet-style.onnx');
    expect(r.fingerprint).toMatch(/^fnv1a64:[0-9a-f]{16}$/);
    expect(r.summary).toEqual({ groups: r.groups.length, prunable: 3, blocked: r.groups.length - 3, blocks: 1 });
    const stem = r.groups.find((g) => g.root === '/stem/Conv');
    expect(stem).toMatchObject({ id: '/stem/Conv_output_0:1', channels: 16, prunable: true, blockedBy: [] });
    // The stem's channels run through the residual Add: its BN, the block's second conv, and every reader.
    expect(stem?.members).toContainEqual({ node: '/stem/Conv', side: 'out', value: '/stem/Conv_output_0', axis: 1 });
    expect(stem?.members).toContainEqual({ node: '/stem/Conv', side: 'param', value: 'stem.weight', axis: 0 });
    expect(stem?.members).toContainEqual({ node: '/block/Add', side: 'in', value: '/block/conv2/BatchNormalization_output_0', axis: 1 });
    expect(stem?.members).toContainEqual({ node: '/head/Conv', side: 'param', value: 'head.weight', axis: 1 });
    const logits = r.groups.find((g) => g.id === 'logits:1');
    expect(logits?.prunable).toBe(false);
    expect(logits?.blockedBy.join(' ')).toMatch(/graph output/);
  });

  it('lists residual blocks with their estimated cost', () => {
    const r = parse(fixtureJson);
    expect(r.blocks).toEqual([
      expect.objectContaining({ id: 'block:/block/Add', add: '/block/Add', entry: '/stem/Relu_output_0', params: expect.any(Number) as number, macs: expect.any(Number) as number }),
    ]);
    expect(r.blocks[0]?.nodes).toContain('/block/conv1/Conv');
  });

  it('covers the PaddleOCR cls and det models', () => {
    for (const run of [cls, det]) {
      const r = parse(run);
      expect(r.summary.groups).toBeGreaterThan(5);
      expect(r.summary.prunable).toBeGreaterThan(0);
      for (const g of r.groups.filter((x) => !x.prunable)) expect(g.blockedBy.length, g.id).toBeGreaterThan(0);
    }
    expect(parse(det).inputShapes).toEqual({ x: [1, 3, 320, 320] });
  });
});

describe('whittle groups (text)', () => {
  it('prints the groups table, the members and the blocks', () => {
    expect(fixtureText.status).toBe(0);
    expect(fixtureText.stdout).toMatch(/^groups {5}4 \(3 prunable, 1 blocked\); 1 residual block$/m);
    expect(fixtureText.stdout).toMatch(/\/stem\/Conv_output_0:1 +\/stem\/Conv +16 +\d+ +prunable/);
    expect(fixtureText.stdout).toMatch(/logits:1 .* blocked: 'logits' is a graph output/);
    expect(fixtureText.stdout).toMatch(/block:\/block\/Add/);
    expect(fixtureText.stdout).toMatch(/ {4}\/head\/Conv +param +head\.weight +1/);
    expect(fixtureText.stdout + fixtureText.stderr).not.toMatch(STACK_FRAME);
  });
});
