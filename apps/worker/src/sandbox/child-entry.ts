/**
 * The child side of the sandbox: the entry point of every sandboxed process (started by run-sandboxed.ts
 * under an address-space cap, with tsx as its loader). It waits for one `start` message, imports the task
 * module, runs it with an AbortSignal the parent controls, streams progress and logs, sends one result and
 * exits. One process per task: nothing a task (or onnxruntime) leaves behind survives to the next job
 * (catalogue §1, child-pool bugs #4283).
 *
 * It installs no SIGTERM handler on purpose: the parent's timeout relies on SIGTERM's default action to stop
 * a task stuck in a loop or inside a native call.
 */
import { pathToFileURL } from 'node:url';
import { OUT_OF_MEMORY_PATTERN, isParentMessage } from './protocol.ts';
import type { ChildMessage, ErrorMessage } from './protocol.ts';
import type { SandboxTaskContext } from './task.ts';

const MAX_MESSAGE_CHARS = 500;

const abortController = new AbortController();
let started = false;

function send(message: ChildMessage): Promise<void> {
  return new Promise((resolve) => {
    // A send to a parent that has gone away fails; the 'disconnect' handler below ends the process then.
    if (!process.connected || !process.send) {
      resolve();
      return;
    }
    process.send(message, undefined, {}, () => {
      resolve();
    });
  });
}

/** The first line of an error's message only: stacks stay in the child (DESIGN.md §8). */
function firstLine(text: string): string {
  const line = text.split('\n', 1)[0] ?? '';
  return line.length > MAX_MESSAGE_CHARS ? `${line.slice(0, MAX_MESSAGE_CHARS)}…` : line;
}

function classify(error: unknown): ErrorMessage {
  const message = firstLine(error instanceof Error ? error.message : String(error));
  if (OUT_OF_MEMORY_PATTERN.test(message)) return { type: 'error', kind: 'out-of-memory', message };
  if (abortController.signal.aborted) return { type: 'error', kind: 'aborted', message };
  const code: unknown = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  // Node's own errors carry codes too (ERR_*, ENOENT); only upper-case codes with a prefix count as a task's stable code.
  if (typeof code === 'string' && /^[A-Z][A-Z0-9]*_ERR_[A-Z0-9_]+$/.test(code)) return { type: 'error', kind: 'coded', code, message };
  return { type: 'error', kind: 'uncoded', message };
}

async function runTask(modulePath: string, input: unknown): Promise<void> {
  let run: unknown;
  try {
    const loaded = (await import(pathToFileURL(modulePath).href)) as { run?: unknown };
    run = loaded.run;
  } catch (error) {
    await send({ type: 'error', kind: 'bad-module', message: firstLine(error instanceof Error ? error.message : String(error)) });
    return;
  }
  if (typeof run !== 'function') {
    await send({ type: 'error', kind: 'bad-module', message: 'The task module does not export a run(input, ctx) function.' });
    return;
  }
  const ctx: SandboxTaskContext = {
    signal: abortController.signal,
    progress(fraction, message) {
      const clamped = Number.isFinite(fraction) ? Math.min(1, Math.max(0, fraction)) : 0;
      void send(message === undefined ? { type: 'progress', fraction: clamped } : { type: 'progress', fraction: clamped, message });
    },
    log(line) {
      void send({ type: 'log', line });
    },
  };
  let output: unknown;
  try {
    output = await (run as (input: unknown, ctx: SandboxTaskContext) => unknown)(input, ctx);
  } catch (error) {
    await send(classify(error));
    return;
  }
  try {
    // Check serialisability here: a send that throws would otherwise surface as a crash without a message.
    JSON.stringify(output);
  } catch {
    await send({ type: 'error', kind: 'uncoded', message: 'The task returned an output that is not JSON-serialisable.' });
    return;
  }
  await send({ type: 'output', output });
}

process.on('message', (message: unknown) => {
  if (!isParentMessage(message)) return;
  if (message.type === 'abort') {
    // The default reason is a DOMException named AbortError, what `signal.throwIfAborted()` throws in the engine.
    abortController.abort();
    return;
  }
  if (started) return;
  started = true;
  void runTask(message.module, message.input).then(() => {
    // Exit even if the task left timers or sockets open: the process exists for this one task.
    process.exit(0);
  });
});

// The parent died or closed the channel: nobody will read a result, so stop instead of becoming an orphan.
process.on('disconnect', () => {
  process.exit(0);
});
