/**
 * Runs the API and the worker as two child processes and keeps them together: output passes through, SIGINT/SIGTERM
 * are forwarded to both, and when one exits on its own the other is stopped, so `npm start` never leaves half a
 * studio running.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';

/** One supervised process. */
export interface ServiceSpec {
  readonly name: string;
  /** Entry module relative to the repository root, run by Node with tsx's loader. */
  readonly entry: string;
}

/** How a service ended. */
export interface ServiceExit {
  readonly name: string;
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

/** Started services and a way to stop them all. */
export interface Supervisor {
  /** Resolves when the first service exits (by itself or because it was stopped). */
  readonly firstExit: Promise<ServiceExit>;
  /** Sends `signal` to every running service and waits for all to exit; SIGKILL after `graceMs`. */
  stopAll(signal: NodeJS.Signals, graceMs: number): Promise<ServiceExit[]>;
}

function running(child: ChildProcess): boolean {
  return child.exitCode === null && child.signalCode === null;
}

/** Starts each service with `env` (stdio inherited). */
export function superviseServices(repoRoot: string, services: readonly ServiceSpec[], env: NodeJS.ProcessEnv): Supervisor {
  // `node --import tsx`, not the tsx CLI: the CLI runs Node as a grandchild, which a SIGKILL of the CLI would orphan.
  const children = services.map((service) => {
    const child = spawn(process.execPath, ['--import', 'tsx', service.entry], { cwd: repoRoot, env, stdio: 'inherit' });
    const exited = (once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>).then(
      ([code, signal]): ServiceExit => ({ name: service.name, code, signal }),
    );
    return { child, exited };
  });
  return {
    firstExit: Promise.race(children.map((c) => c.exited)),
    async stopAll(signal, graceMs) {
      for (const { child } of children) if (running(child)) child.kill(signal);
      const timer = setTimeout(() => {
        for (const { child } of children) if (running(child)) child.kill('SIGKILL');
      }, graceMs);
      try {
        return await Promise.all(children.map((c) => c.exited));
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
