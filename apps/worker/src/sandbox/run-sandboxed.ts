/**
 * Runs one task module in a fresh, killable, memory-capped Node child process: the building block every job
 * processor uses (DESIGN.md §5 and §8; reliability-catalogue §0, §1 design rule 2, rows 31–36 and 40 of a.2).
 *
 * Why a process and not a worker thread: onnxruntime can segfault, abort or hang on crafted models (catalogue §0,
 * rows 33, 36, 40) and fetching an int4 output kills the process (platform-facts §1); only a separate process
 * contains that. Why an OS cap: `--max-old-space-size` bounds the V8 heap only, not onnxruntime's native
 * allocations (rows 31, 32), so the child runs under RLIMIT_AS (see {@link SANDBOX_MIN_MEMORY_BYTES}).
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir, tmpdir } from 'node:os';
import { dirname, isAbsolute, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { OUT_OF_MEMORY_PATTERN, isChildMessage } from './protocol.ts';
import type { ChildMessage, ErrorMessage } from './protocol.ts';

const MIB = 1024 * 1024;

/**
 * The smallest address-space cap a task may ask for: 2 GiB.
 *
 * RLIMIT_AS counts reserved virtual memory, not resident memory. Measured on Node 20.20 (linux x64) with the
 * flags below, tsx loaded, onnxruntime-node 1.30 loaded and the PaddleOCR cls model run once: VmSize ≈ 1.51 GiB
 * at task start and ≈ 1.58 GiB after the run, while RSS is ≈ 110 MiB (V8's code range and heap reservations,
 * the WebAssembly memory of tsx's lexer, the 46 MB libonnxruntime, thread stacks). A job's cap is this baseline
 * plus what the job itself needs; 2 GiB leaves about 400 MiB for a small model.
 * @public
 */
export const SANDBOX_MIN_MEMORY_BYTES = 2048 * MIB;

/** Measured VmSize of the child before the task allocates anything (see {@link SANDBOX_MIN_MEMORY_BYTES}). */
const BASELINE_BYTES = 1536 * MIB;
/** Floor of the V8 heap limit: enough for the engine to decode a small model. */
const MIN_HEAP_BYTES = 256 * MIB;

/** Default wait between the polite stop (SIGTERM, or the abort message) and SIGKILL. */
export const SANDBOX_DEFAULT_KILL_GRACE_MS = 2000;

/** Stable failure codes of the sandbox; a task's own coded errors (ENGINE_ERR_*) pass through unchanged. @public */
export const SandboxErrorCode = {
  /** The process died without a result: a signal (SIGSEGV, SIGABRT…) or a non-zero exit (catalogue rows 33, 36, 40). */
  Crashed: 'SANDBOX_ERR_CRASHED',
  /** The wall-clock limit passed; the process was stopped (catalogue row 34). */
  Timeout: 'SANDBOX_ERR_TIMEOUT',
  /** The caller's AbortSignal fired. */
  Cancelled: 'SANDBOX_ERR_CANCELLED',
  /** An allocation failed under the memory cap, or V8 reported heap exhaustion (catalogue rows 31, 32). */
  OutOfMemory: 'SANDBOX_ERR_OUT_OF_MEMORY',
  /** The task threw an error without a stable code (a bug in the task, not bad input). */
  TaskFailed: 'SANDBOX_ERR_TASK_FAILED',
  /** The task module could not be loaded or exports no `run` function. */
  BadTaskModule: 'SANDBOX_ERR_BAD_TASK_MODULE',
  /** The child process could not be started. */
  SpawnFailed: 'SANDBOX_ERR_SPAWN_FAILED',
} as const;

export type SandboxErrorCode = (typeof SandboxErrorCode)[keyof typeof SandboxErrorCode];

/** A task to run: the absolute path of a module exporting `run(input, ctx)`, and its JSON-serialisable input. @public */
export interface SandboxTask {
  readonly module: string;
  readonly input: unknown;
}

export interface SandboxProgress {
  /** In [0, 1]. */
  readonly fraction: number;
  readonly message?: string;
}

/** Where a log line came from: the task's `ctx.log`, or the child's stdout/stderr (native libraries print there). */
export type SandboxLogSource = 'task' | 'stdout' | 'stderr';

/** @public */
export interface SandboxOptions {
  /** RLIMIT_AS of the child, in bytes (≥ {@link SANDBOX_MIN_MEMORY_BYTES}); the V8 heap gets half of what remains above the ~1.5 GiB baseline (≥ 256 MiB). */
  readonly memoryLimitBytes: number;
  /** Wall-clock limit from spawn; then SIGTERM, and SIGKILL after `killGraceMs`. */
  readonly timeoutMs: number;
  /** Cancels the task: the child's `ctx.signal` aborts; SIGKILL if it has not exited after `killGraceMs`. */
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: SandboxProgress) => void;
  readonly onLog?: (line: string, source: SandboxLogSource) => void;
  /** Defaults to {@link SANDBOX_DEFAULT_KILL_GRACE_MS}. */
  readonly killGraceMs?: number;
  /**
   * Extra environment variables for the child. The child never inherits the worker's environment (it holds
   * REDIS_URL, DATABASE_URL and storage credentials); only these and a fixed minimal set reach it.
   */
  readonly env?: Readonly<Record<string, string>>;
  /**
   * How the cap is applied: util-linux `prlimit` (the default when installed) or `sh -c 'ulimit -v'`. Both set
   * RLIMIT_AS and RLIMIT_CORE=0 on the same pid that then execs node.
   */
  readonly limiter?: 'prlimit' | 'ulimit';
}

export interface SandboxSuccess<Output = unknown> {
  readonly ok: true;
  readonly output: Output;
}

export type SandboxFailureReason = 'failed' | 'crashed' | 'timeout' | 'cancelled' | 'out-of-memory';

export interface SandboxFailure {
  readonly ok: false;
  readonly reason: SandboxFailureReason;
  /** SANDBOX_ERR_*, or the task's own code (ENGINE_ERR_*) when reason is 'failed'. */
  readonly code: string;
  /** For people: no stack trace, no host path. */
  readonly message: string;
  readonly exitCode?: number;
  readonly signal?: NodeJS.Signals;
}

/** @public */
export type SandboxResult<Output = unknown> = SandboxSuccess<Output> | SandboxFailure;

const PRLIMIT_CANDIDATES = ['/usr/bin/prlimit', '/bin/prlimit', '/usr/sbin/prlimit', '/sbin/prlimit'];
const SHELL = '/bin/sh';
const STDERR_TAIL_CHARS = 16_384;
const MAX_LOG_LINE_CHARS = 2000;
/** How long to wait for stdio to close after exit; a grandchild holding the pipes must not stall the result. */
const CLOSE_WAIT_MS = 200;

const here = dirname(fileURLToPath(import.meta.url));
const childEntry = join(here, 'child-entry.ts');
const repoRoot = join(here, '..', '..', '..', '..');
// Resolved once, from this package: the child then finds tsx whatever its working directory is.
const tsxLoaderUrl = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

function findPrlimit(): string | undefined {
  return PRLIMIT_CANDIDATES.find((path) => existsSync(path));
}

/** The fixed part of the child's environment. No PATH, HOME or credentials from the worker (DESIGN.md §8). */
function childEnv(extra: Readonly<Record<string, string>> | undefined): Record<string, string> {
  return {
    LANG: 'C.UTF-8',
    TZ: 'UTC',
    // glibc reserves a 64 MiB arena per thread up to 8 × cores; under RLIMIT_AS those reservations would eat
    // the cap long before the memory is used by onnxruntime's thread pool.
    MALLOC_ARENA_MAX: '2',
    ...extra,
  };
}

interface Launch {
  readonly command: string;
  readonly args: readonly string[];
}

function launchCommand(limitBytes: number, limiter: 'prlimit' | 'ulimit'): Launch {
  // The V8 heap gets half of what the cap leaves above the baseline: the JS heap and onnxruntime's native
  // buffers share the same address space, and a heap limit inside the cap makes heap exhaustion V8's clean
  // fatal report instead of a failed mmap somewhere random.
  const heapMiB = Math.floor(Math.max(MIN_HEAP_BYTES, (limitBytes - BASELINE_BYTES) / 2) / MIB);
  const nodeArgs = [
    process.execPath,
    // With the trap handler, V8 reserves ~10 GiB of guard pages per WebAssembly memory (tsx's lexer uses one),
    // which RLIMIT_AS refuses; without it V8 uses explicit bounds checks and reserves only what it needs.
    '--disable-wasm-trap-handler',
    // Without a bound V8 reserves address space up to a WebAssembly memory's declared maximum, taking whatever
    // the cap leaves (measured: VmSize at task start ≈ cap − 0.2 GiB), so native allocations would fail almost
    // at once. 1024 pages = 64 MiB per WebAssembly memory; onnxruntime-node is native and does not need more.
    '--wasm-max-mem-pages=1024',
    `--max-old-space-size=${String(heapMiB)}`,
    '--import',
    tsxLoaderUrl,
    childEntry,
  ];
  const prlimit = limiter === 'prlimit' ? findPrlimit() : undefined;
  if (prlimit) return { command: prlimit, args: [`--as=${String(limitBytes)}`, '--core=0', '--', ...nodeArgs] };
  const limitKiB = String(Math.floor(limitBytes / 1024));
  return { command: SHELL, args: ['-c', 'ulimit -v "$1" && ulimit -c 0 && shift && exec "$@"', 'sandbox', limitKiB, ...nodeArgs] };
}

/** Replaces host paths the worker knows about (repo, task folder, home, temp) so messages never carry them. */
function redactor(taskModule: string): (text: string) => string {
  const paths = [repoRoot, dirname(taskModule), homedir(), tmpdir()]
    .filter((path) => path.length > 1)
    .sort((a, b) => b.length - a.length);
  return (text) => paths.reduce((acc, path) => acc.split(path).join('<path>'), text);
}

function describeExit(exitCode: number | null, signal: NodeJS.Signals | null): string {
  if (signal) return `signal ${signal}`;
  return `exit code ${String(exitCode)}`;
}

function exitFields(exitCode: number | null, signal: NodeJS.Signals | null): { exitCode?: number; signal?: NodeJS.Signals } {
  return { ...(exitCode !== null && { exitCode }), ...(signal !== null && { signal }) };
}

function safeCall(callback: () => void): void {
  try {
    callback();
  } catch {
    // A throwing progress/log callback must not turn into an uncaught exception in the worker.
  }
}

/** Splits a stream into lines for `onLog`, keeping a bounded tail (for out-of-memory detection). */
function readLines(stream: NodeJS.ReadableStream | null, onLine: (line: string) => void, onChunk?: (chunk: string) => void): void {
  if (!stream) return;
  let pending = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    onChunk?.(chunk);
    pending += chunk;
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    if (pending.length > MAX_LOG_LINE_CHARS) {
      lines.push(pending);
      pending = '';
    }
    for (const line of lines) onLine(line.slice(0, MAX_LOG_LINE_CHARS));
  });
  stream.on('end', () => {
    if (pending) onLine(pending.slice(0, MAX_LOG_LINE_CHARS));
  });
}

function failure(reason: SandboxFailureReason, code: string, message: string, extra: { exitCode?: number; signal?: NodeJS.Signals } = {}): SandboxFailure {
  return { ok: false, reason, code, message, ...extra };
}

function checkOptions(task: SandboxTask, options: SandboxOptions): void {
  if (!isAbsolute(task.module)) throw new TypeError('runSandboxed: task.module must be an absolute path.');
  if (!Number.isFinite(options.memoryLimitBytes) || options.memoryLimitBytes < SANDBOX_MIN_MEMORY_BYTES) {
    throw new RangeError(`runSandboxed: memoryLimitBytes must be at least ${String(SANDBOX_MIN_MEMORY_BYTES)} (the Node + onnxruntime baseline).`);
  }
  if (!Number.isFinite(options.timeoutMs) || options.timeoutMs <= 0) throw new RangeError('runSandboxed: timeoutMs must be a positive number.');
  JSON.stringify(task.input);
}

/**
 * Runs `task` in a fresh child process and resolves with its output or a classified failure; never rejects for
 * anything the task does. Rejects only on a caller error (relative module path, cap below the minimum, input that
 * is not JSON-serialisable).
 *
 * Outcomes: the task's output; `failed` with the task's own code (EngineError's ENGINE_ERR_*: invalid input, which
 * a BullMQ processor turns into UnrecoverableError) or SANDBOX_ERR_TASK_FAILED / _BAD_TASK_MODULE; `crashed` with
 * the exit code or signal (rows 33, 36, 40); `timeout` (row 34); `cancelled`; `out-of-memory` (rows 31, 32).
 * The promise settles only after the child has exited and been reaped, so no zombie outlives a call.
 * @public
 */
export async function runSandboxed<Output = unknown>(task: SandboxTask, options: SandboxOptions): Promise<SandboxResult<Output>> {
  checkOptions(task, options);
  if (options.signal?.aborted) return failure('cancelled', SandboxErrorCode.Cancelled, 'The job was cancelled before it started.');

  const graceMs = options.killGraceMs ?? SANDBOX_DEFAULT_KILL_GRACE_MS;
  const redact = redactor(task.module);
  const limitMiB = Math.round(options.memoryLimitBytes / MIB);
  const launch = launchCommand(options.memoryLimitBytes, options.limiter ?? 'prlimit');

  let child: ChildProcess;
  try {
    child = spawn(launch.command, launch.args, {
      env: childEnv(options.env),
      cwd: tmpdir(),
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      serialization: 'json',
    });
  } catch (error) {
    return failure('crashed', SandboxErrorCode.SpawnFailed, `The sandbox process could not be started: ${redact(error instanceof Error ? error.message : String(error))}`);
  }

  return new Promise((resolve) => {
    let result: ChildMessage | undefined;
    let stopReason: 'timeout' | 'cancelled' | undefined;
    let stderrTail = '';
    let settled = false;
    let killTimer: NodeJS.Timeout | undefined;

    const killLater = (): void => {
      killTimer ??= setTimeout(() => child.kill('SIGKILL'), graceMs);
    };

    const timeoutTimer = setTimeout(() => {
      if (result?.type === 'output' || stopReason) return;
      stopReason = 'timeout';
      child.kill('SIGTERM');
      killLater();
    }, options.timeoutMs);

    const onAbort = (): void => {
      if (result || stopReason) return;
      stopReason = 'cancelled';
      if (child.connected) child.send({ type: 'abort' }, () => undefined);
      killLater();
    };
    options.signal?.addEventListener('abort', onAbort, { once: true });

    readLines(child.stdout, (line) => {
      safeCall(() => options.onLog?.(line, 'stdout'));
    });
    readLines(
      child.stderr,
      (line) => {
        safeCall(() => options.onLog?.(line, 'stderr'));
      },
      (chunk) => {
        stderrTail = (stderrTail + chunk).slice(-STDERR_TAIL_CHARS);
      },
    );

    child.on('message', (message: unknown) => {
      if (!isChildMessage(message) || result) return;
      switch (message.type) {
        case 'progress':
          safeCall(() => options.onProgress?.(message.message === undefined ? { fraction: message.fraction } : { fraction: message.fraction, message: message.message }));
          break;
        case 'log':
          safeCall(() => options.onLog?.(message.line, 'task'));
          break;
        default:
          result = message;
          // The child exits right after sending its result; one that lingers is killed.
          killLater();
      }
    });

    const finish = (value: SandboxResult<Output>): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timeoutTimer);
      clearTimeout(killTimer);
      options.signal?.removeEventListener('abort', onAbort);
      resolve(value);
    };

    child.on('error', (error) => {
      // Only a failed spawn leaves no pid; other 'error' events (a failed kill or send) are followed by 'exit'.
      if (child.pid === undefined) {
        finish(failure('crashed', SandboxErrorCode.SpawnFailed, `The sandbox process could not be started: ${redact(error.message)}`));
      }
    });

    child.on('exit', (exitCode, signal) => {
      let closed = false;
      const conclude = (): void => {
        if (closed) return;
        closed = true;
        finish(classify(result, stopReason, exitCode, signal));
      };
      // Wait for stdio to drain so the stderr tail is complete, but not for a grandchild that holds the pipes.
      child.once('close', conclude);
      setTimeout(conclude, CLOSE_WAIT_MS);
    });

    child.send({ type: 'start', module: task.module, input: task.input }, (error) => {
      if (error) child.kill('SIGKILL');
    });

    function classify(
      message: ChildMessage | undefined,
      stop: 'timeout' | 'cancelled' | undefined,
      exitCode: number | null,
      signal: NodeJS.Signals | null,
    ): SandboxResult<Output> {
      const exit = exitFields(exitCode, signal);
      if (message?.type === 'output') return { ok: true, output: message.output as Output };
      if (stop === 'cancelled') {
        const how = signal === 'SIGKILL' ? `did not stop within ${String(graceMs)} ms and was killed` : 'stopped';
        return failure('cancelled', SandboxErrorCode.Cancelled, `The job was cancelled; the task ${how}.`, exit);
      }
      if (stop === 'timeout') {
        return failure('timeout', SandboxErrorCode.Timeout, `The task timed out after ${formatSeconds(options.timeoutMs)} and was stopped.`, exit);
      }
      if (message?.type === 'error') return fromErrorMessage(message, exit);
      if (OUT_OF_MEMORY_PATTERN.test(stderrTail)) {
        return failure('out-of-memory', SandboxErrorCode.OutOfMemory, `The task ran out of memory (limit ${String(limitMiB)} MiB); its process stopped with ${describeExit(exitCode, signal)}.`, exit);
      }
      const what = exitCode === 0 ? 'exited without a result' : `crashed (${describeExit(exitCode, signal)})`;
      return failure('crashed', SandboxErrorCode.Crashed, `The task's process ${what}.`, exit);
    }

    function fromErrorMessage(message: ErrorMessage, exit: { exitCode?: number; signal?: NodeJS.Signals }): SandboxFailure {
      const text = redact(message.message);
      switch (message.kind) {
        case 'out-of-memory':
          return failure('out-of-memory', SandboxErrorCode.OutOfMemory, `The task ran out of memory (limit ${String(limitMiB)} MiB): ${text}`, exit);
        case 'coded':
          return failure('failed', message.code ?? SandboxErrorCode.TaskFailed, text, exit);
        case 'bad-module':
          return failure('failed', SandboxErrorCode.BadTaskModule, `The task module could not be run: ${text}`, exit);
        case 'aborted':
        case 'uncoded':
          return failure('failed', SandboxErrorCode.TaskFailed, `The task failed: ${text}`, exit);
      }
    }
  });
}

function formatSeconds(ms: number): string {
  return ms < 1000 ? `${String(ms)} ms` : `${String(Math.round(ms / 100) / 10)} s`;
}
