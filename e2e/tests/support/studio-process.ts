import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { childEnv } from './env.ts';

/** The repository root (this file is e2e/tests/support/studio-process.ts). */
export const repoRoot = join(import.meta.dirname, '..', '..', '..');

/**
 * A Whittle process started for real (launcher, API or worker), the way `npm start` starts it.
 * @public
 */
export interface ServiceProcess {
  readonly pid: number;
  /** The first capture group of the `ready` pattern (the URL for the API and the launcher). */
  readonly ready: string;
  /** Everything the process printed so far. */
  readonly output: () => string;
  /** Sends `signal` and resolves with how the process ended. */
  readonly stop: (signal: NodeJS.Signals) => Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Resolves when the process ends by itself. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGKILLs the process if it still runs; safe to call twice. */
  readonly kill: () => void;
}

/** @public */
export interface StartOptions {
  /** Entry module relative to the repository root, run by Node with tsx's loader (as the launcher does). */
  readonly entry: string;
  readonly env: Readonly<Record<string, string>>;
  /** Printed once the process is ready; its first capture group becomes `ready`. */
  readonly readyLine: RegExp;
  readonly timeoutMs: number;
}

/** Starts a process and waits for its ready line. @public */
export async function startService(options: StartOptions): Promise<ServiceProcess> {
  const child: ChildProcessByStdio<null, Readable, Readable> = spawn(process.execPath, ['--import', 'tsx', options.entry], {
    cwd: repoRoot,
    env: childEnv(options.env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const exited = (once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>).then(([code, signal]) => ({ code, signal }));
  const kill = (): void => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
  try {
    const ready = await waitForLine(child, () => output, options.readyLine, exited, options.timeoutMs);
    return {
      pid: child.pid ?? -1,
      ready,
      output: () => output,
      stop: async (signal) => {
        child.kill(signal);
        return exited;
      },
      exited,
      kill,
    };
  } catch (error) {
    kill();
    throw error;
  }
}

/** The API's "listening" line (the launcher passes it through). */
export const LISTENING_LINE = /Whittle studio listening on (http:\/\/\S+)/;

/**
 * `npm start` without the bootstrap: the launcher (Redis check, web build, API + worker). Resolves with the base URL
 * in `ready`.
 * @public
 */
export function startStudio(env: Readonly<Record<string, string>>, timeoutMs: number): Promise<ServiceProcess> {
  return startService({ entry: 'apps/studio/src/main.ts', env, readyLine: LISTENING_LINE, timeoutMs });
}

async function waitForLine(
  child: ChildProcessByStdio<null, Readable, Readable>,
  output: () => string,
  pattern: RegExp,
  exited: Promise<unknown>,
  timeoutMs: number,
): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      finish(new Error(`no line matching ${String(pattern)} within ${String(timeoutMs)} ms:\n${output()}`));
    }, timeoutMs);
    const onData = (): void => {
      const match = pattern.exec(output());
      if (match !== null) finish(match[1] ?? match[0]);
    };
    function finish(result: string | Error): void {
      clearTimeout(timer);
      child.stdout.off('data', onData);
      child.stderr.off('data', onData);
      if (typeof result === 'string') resolve(result);
      else reject(result);
    }
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    const onExit = (): void => {
      finish(new Error(`the process exited before printing ${String(pattern)}:\n${output()}`));
    };
    void exited.then(onExit, onExit);
  });
}
