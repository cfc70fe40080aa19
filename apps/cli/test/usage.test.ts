import { beforeAll, describe, expect, it } from 'vitest';
import { errorBodySchema } from '@whittle/shared';
import type { CliIo } from '../src/io.ts';
import { main } from '../src/main.ts';
import { modelPath } from './paddle-models.ts';
import { runCli, STACK_FRAME, type CliRun } from './run-cli.ts';

const cls = modelPath('ch_ppocr_mobile_v2.0_cls_infer.onnx');

/** Runs `main` in-process with captured output (argument handling needs no child process). */
async function inProcess(args: readonly string[]): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { out: (t) => (stdout += t), err: (t) => (stderr += t) };
  const status = await main(args, { env: { baseDir: process.cwd() }, io });
  return { status, stdout, stderr };
}

describe('whittle as a child process', () => {
  let help: CliRun;
  let bare: CliRun;
  let bogus: CliRun;
  beforeAll(async () => {
    [help, bare, bogus] = await Promise.all([runCli(['--help']), runCli([]), runCli(['inspect', cls, '--bogus', '--json'])]);
  }, 120_000);

  it('lists the commands on --help and exits 0', () => {
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^Usage: whittle <command> \[options\]/);
    expect(help.stdout).toMatch(/^ {2}inspect {2}print a model/m);
  });

  it('prints the usage on stderr and exits 2 without arguments', () => {
    expect(bare.status).toBe(2);
    expect(bare.stdout).toBe('');
    expect(bare.stderr).toMatch(/^Usage: whittle/);
  });

  it('exits 2 on an unknown option, with the JSON body under --json and no stack trace', () => {
    expect(bogus.status).toBe(2);
    expect(bogus.stderr).toBe("error CLI_ERR_USAGE: Unknown option '--bogus'. See --help.\n");
    expect(errorBodySchema.parse(JSON.parse(bogus.stdout)).error.code).toBe('CLI_ERR_USAGE');
    expect(bogus.stdout + bogus.stderr).not.toMatch(STACK_FRAME);
  });
});

describe('help', () => {
  it('prints the inspect help for `inspect --help` and `help inspect`', async () => {
    for (const args of [['inspect', '--help'], ['help', 'inspect'], ['inspect', '-h']]) {
      const r = await inProcess(args);
      expect(r.status).toBe(0);
      expect(r.stdout).toMatch(/^Usage: whittle inspect <model.onnx> \[options\]/);
      expect(r.stdout).toMatch(/--input-shape <name>=<dims>/);
    }
  });
});

describe('usage errors exit 2 with CLI_ERR_USAGE', () => {
  const cases: readonly (readonly [string, readonly string[], RegExp])[] = [
    ['an unknown command', ['frobnicate'], /Unknown command 'frobnicate'; commands: inspect/],
    ['help on an unknown command', ['help', 'frobnicate'], /Unknown command 'frobnicate'/],
    ['a missing model path', ['inspect'], /needs a model path/],
    ['two model paths', ['inspect', cls, cls], /takes one model path; also found/],
    ['--input-shape without a value', ['inspect', cls, '--input-shape'], /Option '--input-shape <value>' argument missing/],
    ['a malformed --input-shape', ['inspect', cls, '--input-shape', 'x=1,three'], /--input-shape 'x=1,three' is malformed/],
    ['--input-shape for an unknown input', ['inspect', cls, '--input-shape', 'image=1,3,48,192'], /'image', which is not an input of the model; inputs: 'x'/],
    ['--input-shape of the wrong rank', ['inspect', cls, '--input-shape', 'x=1,3,48'], /gives 3 dims for 'x'; the model declares 4/],
    ['--input-shape against a fixed dim', ['inspect', cls, '--input-shape', 'x=1,4,48,192'], /sets dim 1 of 'x' to 4; the model fixes it at 3/],
  ];
  for (const [name, args, message] of cases) {
    it(`refuses ${name}`, async () => {
      const r = await inProcess(args);
      expect(r.status).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/^error CLI_ERR_USAGE: /);
      expect(r.stderr).toMatch(message);
    });
  }
});
