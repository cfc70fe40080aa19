/** The label of the machine a benchmark ran on. */
import { cpus, hostname } from 'node:os';

/** The first CPU's model name as the OS reports it (trimmed), or `unknown CPU`. */
export function cpuModel(): string {
  const model = cpus()[0]?.model.replace(/\s+/g, ' ').trim() ?? '';
  return model === '' ? 'unknown CPU' : model;
}

/**
 * `<hostname> · <CPU model> · <n> cores`: labels benchmark rows, so results from different workers stay apart.
 * @public
 */
export function deviceLabel(): string {
  const cores = cpus().length;
  return `${hostname()} · ${cpuModel()} · ${String(cores)} ${cores === 1 ? 'core' : 'cores'}`;
}
