/**
 * The messages the sandbox parent and its child exchange over the Node IPC channel. One channel carries
 * progress, logs and the result, so they arrive in the order the task produced them.
 */

/** Parent → child: what to run. Sent once, right after spawn (input travels here, not on the command line). */
export interface StartMessage {
  readonly type: 'start';
  readonly module: string;
  readonly input: unknown;
}

/** Parent → child: the job was cancelled; the child aborts the task's AbortSignal. */
export interface AbortMessage {
  readonly type: 'abort';
}

export type ParentMessage = StartMessage | AbortMessage;

export interface ProgressMessage {
  readonly type: 'progress';
  readonly fraction: number;
  readonly message?: string;
}

export interface LogMessage {
  readonly type: 'log';
  readonly line: string;
}

/** The task resolved: its output, already JSON-serialised by the IPC channel. */
export interface OutputMessage {
  readonly type: 'output';
  readonly output: unknown;
}

/**
 * The task threw. `code` is the error's own stable code when it had one (EngineError's ENGINE_ERR_*);
 * `kind` says how the child classified it.
 */
export interface ErrorMessage {
  readonly type: 'error';
  readonly kind: 'coded' | 'uncoded' | 'aborted' | 'out-of-memory' | 'bad-module';
  readonly code?: string;
  readonly message: string;
}

export type ChildMessage = ProgressMessage | LogMessage | OutputMessage | ErrorMessage;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** Narrows an IPC payload from the child; anything malformed is ignored by the parent, never trusted. */
export function isChildMessage(value: unknown): value is ChildMessage {
  if (!isRecord(value)) return false;
  switch (value['type']) {
    case 'progress':
      return typeof value['fraction'] === 'number' && (value['message'] === undefined || typeof value['message'] === 'string');
    case 'log':
      return typeof value['line'] === 'string';
    case 'output':
      return true;
    case 'error':
      return typeof value['kind'] === 'string' && typeof value['message'] === 'string';
    default:
      return false;
  }
}

/** Narrows an IPC payload from the parent. */
export function isParentMessage(value: unknown): value is ParentMessage {
  if (!isRecord(value)) return false;
  if (value['type'] === 'abort') return true;
  return value['type'] === 'start' && typeof value['module'] === 'string';
}

/**
 * Messages of allocation failures that a task can catch as ordinary exceptions once the address-space cap
 * refuses an mmap: ArrayBuffer/Buffer, WebAssembly memory, and C++ `std::bad_alloc` surfaced by a native addon.
 * "Maximum memory size exceeded" is a WebAssembly memory reaching the sandbox's `--wasm-max-mem-pages` bound.
 * The same patterns recognise V8's fatal "heap out of memory" report in the child's stderr.
 */
export const OUT_OF_MEMORY_PATTERN =
  /Array buffer allocation failed|Out of memory|out of memory|Cannot allocate (?:Wasm )?memory|bad_alloc|Allocation failed|WebAssembly\.Memory\.grow\(\): (?:Unable to grow|Maximum memory size exceeded)/;
