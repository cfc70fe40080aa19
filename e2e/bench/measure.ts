/** Small measuring helpers shared by the server benchmarks (not tests: they print figures, they assert nothing). */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** Nearest-rank percentile of `values` (p in 0..100). */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] ?? Number.NaN;
}

/** Resident set size of a process in bytes, from /proc (Linux). */
export function rssBytes(pid: number): number {
  const status = readFileSync(`/proc/${String(pid)}/status`, 'utf8');
  const kib = /VmRSS:\s+(\d+) kB/.exec(status)?.[1];
  if (kib === undefined) throw new Error(`no VmRSS for pid ${String(pid)}`);
  return Number(kib) * 1024;
}

/** What autocannon reports that we record. Latencies in milliseconds. */
export interface LoadResult {
  readonly requests: number;
  readonly non2xx: number;
  readonly errors: number;
  readonly rps: number;
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
  readonly max: number;
}

/** Runs the autocannon CLI (its JSON output) against one URL with `connections` for `seconds`. */
export async function autocannon(url: string, options: { connections: number; seconds: number; headers: Record<string, string> }): Promise<LoadResult> {
  const cli = require.resolve('autocannon/autocannon.js');
  const args = [cli, '--json', '-c', String(options.connections), '-d', String(options.seconds)];
  for (const [name, value] of Object.entries(options.headers)) args.push('-H', `${name}=${value}`);
  args.push(url);
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  if (code !== 0) throw new Error(`autocannon exited with ${String(code)}`);
  const json = JSON.parse(out) as {
    requests: { total: number; average: number };
    non2xx: number;
    errors: number;
    latency: { p50: number; p90: number; p99: number; max: number };
  };
  return {
    requests: json.requests.total,
    non2xx: json.non2xx,
    errors: json.errors,
    rps: json.requests.average,
    p50: json.latency.p50,
    p90: json.latency.p90,
    p99: json.latency.p99,
    max: json.latency.max,
  };
}

/** Formats bytes as MiB with one decimal. */
export function mib(bytes: number): string {
  return `${(bytes / 2 ** 20).toFixed(1)} MiB`;
}
