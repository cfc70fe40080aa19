import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { childEnv } from './env.ts';

/** The repository root (this file is e2e/tests/support/studio-process.ts). */
export const repoRoot = join(import.meta.dirname, '..', '..', '..');

/**
 * A studio server started as a real process, the way `npm start` ends up starting it.
 * @public
 */
export interface StudioProcess {
  /** The base URL from the server's "listening" line, e.g. `http://127.0.0.1:41234`. */
  readonly url: string;
  /** Everything the server printed so far. */
  readonly output: () => string;
  /** Sends `signal` and resolves with how the process ended. */
  readonly stop: (signal: NodeJS.Signals) => Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Kills the process if it still runs; safe to call twice. */
  readonly kill: () => void;
}

const listeningLine = /Whittle studio listening on (http:\/\/\S+)/;

/**
 * Starts `node_modules/.bin/tsx apps/api/src/server.ts` from the repository root with `env` on top of this
 * process's environment, and waits up to `timeoutMs` for its "listening" line.
 * @public
 */
export async function startStudio(env: Readonly<Record<string, string>>, timeoutMs: number): Promise<StudioProcess> {
  const child: ChildProcessByStdio<null, Readable, Readable> = spawn(
    join(repoRoot, 'node_modules', '.bin', 'tsx'),
    ['apps/api/src/server.ts'],
    { cwd: repoRoot, env: childEnv(env), stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  const kill = (): void => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };

  try {
    const url = await waitForListening(child, () => output, exited, timeoutMs);
    return {
      url,
      output: () => output,
      stop: async (signal) => {
        child.kill(signal);
        const [code, endSignal] = await exited;
        return { code, signal: endSignal };
      },
      kill,
    };
  } catch (error) {
    kill();
    throw error;
  }
}

async function waitForListening(
  child: ChildProcessByStdio<null, Readable, Readable>,
  output: () => string,
  exited: Promise<unknown>,
  timeoutMs: number,
): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      finish(new Error(`the studio printed no "listening" line within ${String(timeoutMs)} ms:\n${output()}`));
    }, timeoutMs);
    const onData = (): void => {
      const match = listeningLine.exec(output());
      if (match?.[1] !== undefined) finish(match[1]);
    };
    function finish(result: string | Error): void {
      clearTimeout(timer);
      child.stdout.off('data', onData);
      if (typeof result === 'string') resolve(result);
      else reject(result);
    }
    child.stdout.on('data', onData);
    const onExit = (): void => {
      finish(new Error(`the studio exited before listening:\n${output()}`));
    };
    // A failed spawn rejects `exited`; either way the wait is over.
    void exited.then(onExit, onExit);
  });
}
