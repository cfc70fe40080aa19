import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededRandom } from '@whittle/engine';
import { errorBodySchema } from '@whittle/shared';
import { runCli, STACK_FRAME, type CliRun } from './run-cli.ts';

/** The same "random" bytes on every run: the low byte of each 32-bit draw of the engine's seeded generator. */
function seededBytes(count: number, seed: number): Uint8Array {
  const next = seededRandom(seed);
  return Uint8Array.from({ length: count }, () => Math.floor(next() * 4294967296) & 0xff);
}

const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);

interface Case {
  readonly name: string;
  /** File contents; undefined for a path that does not exist, 'folder' for a folder. */
  readonly content: Uint8Array | 'folder' | undefined;
  readonly code: string;
  readonly message: RegExp;
}

const CASES: readonly Case[] = [
  { name: 'an empty file', content: new Uint8Array(0), code: 'ENGINE_ERR_EMPTY_FILE', message: /The file is empty/ },
  { name: 'random bytes', content: seededBytes(4096, 7), code: 'ENGINE_ERR_DECODE', message: /protobuf decoding failed/ },
  { name: 'a PNG image', content: PNG, code: 'ENGINE_ERR_NOT_ONNX', message: /PNG image, not an ONNX model/ },
  { name: 'a missing file', content: undefined, code: 'CLI_ERR_FILE_NOT_FOUND', message: /No such file: '.*missing\.onnx'/ },
  { name: 'a folder', content: 'folder', code: 'CLI_ERR_FILE_UNREADABLE', message: /is a folder/ },
];

let dir: string;
const results = new Map<string, CliRun>();

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'whittle-cli-'));
  await Promise.all(
    CASES.map(async (c, i) => {
      const path = join(dir, c.content === undefined ? 'missing.onnx' : `case-${String(i)}.onnx`);
      if (c.content === 'folder') await mkdir(path);
      else if (c.content !== undefined) await writeFile(path, c.content);
      // With --json the CLI writes both: the one-line error on stderr and the JSON body on stdout.
      results.set(c.name, await runCli(['inspect', path, '--json']));
    }),
  );
}, 240_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe.each(CASES)('whittle inspect --json on $name', (c) => {
  const get = (): CliRun => {
    const r = results.get(c.name);
    if (r === undefined) throw new Error(`no result for ${c.name}`);
    return r;
  };

  it('exits 1 with one line `error CODE: message` on stderr', () => {
    const r = get();
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`^error ${c.code}: `));
    expect(r.stderr).toMatch(c.message);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  });

  it('prints the error body on stdout', () => {
    const body = errorBodySchema.parse(JSON.parse(get().stdout));
    expect(body.error.code).toBe(c.code);
    expect(body.error.message).toMatch(c.message);
  });

  it('never prints a stack trace', () => {
    const r = get();
    expect(r.stdout + r.stderr).not.toMatch(STACK_FRAME);
  });
});
