import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorBodySchema } from '@whittle/shared';
import { resnetStyleBytes } from './fixture-models.ts';
import { runInProcess } from './in-process.ts';
import { STACK_FRAME } from './run-cli.ts';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'whittle-prune-usage-'));
  await writeFile(join(dir, 'm.onnx'), resnetStyleBytes());
  await writeFile(join(dir, 'not-json.json'), '{ nope');
  await writeFile(join(dir, 'two-modes.json'), JSON.stringify({ version: 1, ratio: 0.5, groups: [] }));
  await writeFile(join(dir, 'bad-group.json'), JSON.stringify({ version: 1, groups: [{ group: '/head/Conv_output_0:1', remove: [99] }] }));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('whittle prune: usage errors exit 2 with CLI_ERR_USAGE', () => {
  const cases: readonly (readonly [string, readonly string[], RegExp])[] = [
    ['a missing model path', ['prune'], /needs a model path/],
    ['a missing output', ['prune', 'm.onnx', '--ratio', '0.5'], /needs an output path: -o <out.onnx>/],
    ['neither --ratio nor --plan', ['prune', 'm.onnx', '-o', 'o.onnx'], /exactly one of --ratio <r> or --plan/],
    ['both --ratio and --plan', ['prune', 'm.onnx', '-o', 'o.onnx', '--ratio', '0.5', '--plan', 'p.json'], /exactly one of --ratio <r> or --plan/],
    ['ratio 1', ['prune', 'm.onnx', '-o', 'o.onnx', '--ratio', '1'], /--ratio '1' is not a number in \[0, 1\)/],
    ['a ratio that is not a number', ['prune', 'm.onnx', '-o', 'o.onnx', '--ratio', 'half'], /--ratio 'half'/],
    ['--global without --ratio', ['prune', 'm.onnx', '-o', 'o.onnx', '--plan', 'p.json', '--global'], /--global applies only with --ratio/],
    ['an unknown criterion', ['prune', 'm.onnx', '-o', 'o.onnx', '--ratio', '0.5', '--criterion', 'fisher'], /'fisher' is not one of l1, l2, bn, activation, random/],
    ['taylor, reserved for W6', ['prune', 'm.onnx', '-o', 'o.onnx', '--ratio', '0.5', '--criterion', 'taylor'], /taylor needs gradients; it arrives with fine-tuning, W6/],
    ['--round-to 0', ['prune', 'm.onnx', '-o', 'o.onnx', '--ratio', '0.5', '--round-to', '0'], /--round-to '0' is not an integer ≥ 1/],
    ['--calib without the activation criterion', ['prune', 'm.onnx', '-o', 'o.onnx', '--ratio', '0.5', '--calib', 'c'], /--calib is used only with --criterion activation/],
    ['--plan with --criterion', ['prune', 'm.onnx', '-o', 'o.onnx', '--plan', 'p.json', '--criterion', 'l2'], /--criterion cannot be combined with --plan/],
    ['an unknown option', ['prune', 'm.onnx', '-o', 'o.onnx', '--ratio', '0.5', '--ratios', '1'], /Unknown option '--ratios'/],
    ['--input-shape for an unknown input', ['prune', 'm.onnx', '-o', 'o.onnx', '--ratio', '0.5', '--input-shape', 'x=1,3,16,16'], /not an input of the model/],
  ];
  for (const [name, args, message] of cases) {
    it(`refuses ${name}`, async () => {
      const r = await runInProcess(args, dir);
      expect(r.status).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/^error CLI_ERR_USAGE: /);
      expect(r.stderr).toMatch(message);
    });
  }
});

describe('whittle prune: bad plans and data exit 1 with stable codes, and write nothing', () => {
  const cases: readonly (readonly [string, readonly string[], string, RegExp])[] = [
    ['a plan file that is not JSON', ['--plan', 'not-json.json'], 'ENGINE_ERR_PLAN_INVALID', /'not-json.json' is not JSON/],
    ['a plan with two modes', ['--plan', 'two-modes.json'], 'ENGINE_ERR_PLAN_INVALID', /exactly one of groups, layerRatios or ratio; found groups and ratio/],
    ['a plan removing a channel out of range', ['--plan', 'bad-group.json'], 'ENGINE_ERR_PLAN_INVALID', /has 24 channels; the plan removes channel 99/],
    ['a missing plan file', ['--plan', 'missing.json'], 'CLI_ERR_FILE_NOT_FOUND', /No such file: 'missing.json'/],
    ['an unknown excluded node', ['--ratio', '0.5', '--exclude', '/nope'], 'ENGINE_ERR_PLAN_INVALID', /'\/nope', which is not a node of this model/],
    ['an unknown block', ['--ratio', '0.5', '--drop-blocks', 'block:/x'], 'ENGINE_ERR_PLAN_INVALID', /'block:\/x', which is not a residual block of this model; expected one of 'block:\/block\/Add'/],
    ['a missing calibration folder', ['--ratio', '0.5', '--criterion', 'activation', '--calib', 'nowhere'], 'CLI_ERR_FILE_NOT_FOUND', /No such file or folder: 'nowhere'/],
  ];
  for (const [name, extra, code, message] of cases) {
    it(`refuses ${name} with ${code}`, async () => {
      const r = await runInProcess(['prune', 'm.onnx', '-o', 'out.onnx', '--json', ...extra], dir);
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(new RegExp(`^error ${code}: `));
      expect(r.stderr).toMatch(message);
      expect(errorBodySchema.parse(JSON.parse(r.stdout)).error.code).toBe(code);
      expect(r.stdout + r.stderr).not.toMatch(STACK_FRAME);
      expect(await readdir(dir)).not.toContain('out.onnx');
    });
  }
});

describe('help', () => {
  it('prints the prune and groups help', async () => {
    const prune = await runInProcess(['prune', '--help']);
    expect(prune.status).toBe(0);
    expect(prune.stdout).toMatch(/^Usage: whittle prune <model.onnx> -o <out.onnx> \(--ratio <r> \[--global\] \| --plan <plan.json>\)/);
    const groups = await runInProcess(['help', 'groups']);
    expect(groups.stdout).toMatch(/^Usage: whittle groups <model.onnx> \[options\]/);
    const all = await runInProcess(['--help']);
    expect(all.stdout).toMatch(/^ {2}groups {3}list the dependency groups/m);
    expect(all.stdout).toMatch(/^ {2}prune {4}remove channels/m);
  });
});
