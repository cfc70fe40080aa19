/**
 * A real worker process (`node --import tsx apps/worker/src/main.ts`), for the fault tests: it can be SIGKILLed or
 * SIGTERMed like production's. Its output is kept for assertions and for failure messages.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { baseChildEnv } from './env.ts';

const mainPath = fileURLToPath(new URL('../../src/main.ts', import.meta.url));
const tsxLoaderUrl = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

export interface Exit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

export class WorkerProcess {
  readonly output: string[] = [];
  readonly exited: Promise<Exit>;
  /** The worker id from its start-up line. */
  id = '';
  readonly #child: ChildProcess;

  private constructor(env: Readonly<Record<string, string>>) {
    this.#child = spawn(process.execPath, ['--import', tsxLoaderUrl, mainPath], { env: { ...baseChildEnv(), ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    this.exited = new Promise((resolve) => {
      this.#child.on('exit', (code, signal) => {
        resolve({ code, signal });
      });
    });
    for (const stream of [this.#child.stdout, this.#child.stderr]) {
      stream?.setEncoding('utf8');
      stream?.on('data', (chunk: string) => {
        this.output.push(...chunk.split('\n').filter((line) => line !== ''));
      });
    }
  }

  /** Starts a worker and waits for its start-up line. */
  static async start(env: Readonly<Record<string, string>>, timeoutMs = 20_000): Promise<WorkerProcess> {
    const worker = new WorkerProcess(env);
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const line = worker.output.find((l) => l.startsWith('Whittle worker '));
      const match = line === undefined ? null : /^Whittle worker (\S+) started/.exec(line);
      if (match?.[1] !== undefined) {
        worker.id = match[1];
        return worker;
      }
      if (worker.#child.exitCode !== null || Date.now() > deadline) {
        worker.kill('SIGKILL');
        throw new Error(`the worker did not start:\n${worker.output.join('\n')}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  get pid(): number | undefined {
    return this.#child.pid;
  }

  get alive(): boolean {
    return this.#child.exitCode === null && this.#child.signalCode === null;
  }

  kill(signal: NodeJS.Signals): void {
    if (this.alive) this.#child.kill(signal);
  }
}
