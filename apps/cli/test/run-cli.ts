/** Runs the real CLI as a child process, the way `pnpm whittle …` does (tsx on src/main.ts from the repo root). */
import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const tsx = join(repoRoot, 'node_modules', '.bin', 'tsx');

export interface CliRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunOptions {
  /** Extra environment variables (e.g. INIT_CWD). */
  readonly env?: Readonly<Record<string, string>>;
}

let running = 0;
const waiting: (() => void)[] = [];
const limit = Math.max(2, availableParallelism());

async function slot(): Promise<() => void> {
  if (running >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  return () => {
    running--;
    waiting.shift()?.();
  };
}

/** Runs `whittle <args>`; at most one child per CPU at a time, so concurrent calls do not starve each other. */
export async function runCli(args: readonly string[], options: RunOptions = {}): Promise<CliRun> {
  const release = await slot();
  try {
    return await new Promise<CliRun>((resolve, reject) => {
      // The child gets the runner's environment, as a shell would pass it, plus the test's variables.
      // eslint-disable-next-line no-restricted-properties -- a test harness, not configuration: env.ts is the app's reader
      const env: NodeJS.ProcessEnv = { ...process.env, ...options.env };
      if (options.env?.INIT_CWD === undefined) delete env.INIT_CWD;
      const child = spawn(tsx, ['apps/cli/src/main.ts', ...args], { cwd: repoRoot, env });
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      child.stdout.on('data', (b: Buffer) => out.push(b));
      child.stderr.on('data', (b: Buffer) => err.push(b));
      child.on('error', reject);
      child.on('close', (status) => {
        resolve({ status, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') });
      });
    });
  } finally {
    release();
  }
}

/** Matches the frames of a JavaScript stack trace. */
export const STACK_FRAME = /^\s+at .+[:(]/m;
