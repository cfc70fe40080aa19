/**
 * Upload benchmark (W3): one large model upload streamed to the API while 50 small requests run in parallel. The API
 * must stream to disk (never buffer the file), so its resident memory grows by little more than a few buffers, and
 * small requests stay fast. Prints figures for docs/benchmarks.md.
 *
 *   pnpm --filter @whittle/e2e bench:upload [--mb 1024]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ADMIN_TOKEN_LINE, StudioClient } from '../tests/support/studio-client.ts';
import { LISTENING_LINE, startService } from '../tests/support/studio-process.ts';
import { mib, percentile, rssBytes } from './measure.ts';

const { values } = parseArgs({ options: { mb: { type: 'string', default: '1024' } } });
const totalBytes = Number(values.mb) * 2 ** 20;
const CHUNK = 1 << 20;

const dataDir = mkdtempSync(join(tmpdir(), 'whittle-bench-upload-'));
const api = await startService({
  entry: 'apps/api/src/server.ts',
  env: {
    PORT: '0',
    WHITTLE_DATA_DIR: dataDir,
    WHITTLE_QUEUE_PREFIX: `bench-${randomUUID()}`,
    WHITTLE_MAX_MODEL_MB: String(Number(values.mb) + 16),
    WHITTLE_RATE_LIMIT_PER_MIN: '1000000',
  },
  readyLine: LISTENING_LINE,
  timeoutMs: 60_000,
});

/** Streams a multipart body of `totalBytes` (an ONNX-looking first byte, then zeros) without holding it in memory. */
function upload(url: URL, token: string): Promise<number> {
  const boundary = `----whittle-bench-${randomUUID()}`;
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.onnx"\r\nContent-Type: application/octet-stream\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return new Promise((resolve, reject) => {
    const req = request(url, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': `multipart/form-data; boundary=${boundary}`,
        'content-length': String(head.length + totalBytes + tail.length),
      },
    });
    req.on('response', (res) => {
      res.resume();
      res.on('end', () => { resolve(res.statusCode ?? 0); });
    });
    req.on('error', reject);
    req.write(head);
    const chunk = Buffer.alloc(CHUNK);
    chunk[0] = 0x08; // field 1 (ir_version), varint: what ONNX files start with
    let sent = 0;
    const pump = (): void => {
      while (sent < totalBytes) {
        const size = Math.min(CHUNK, totalBytes - sent);
        const ok = req.write(size === CHUNK ? chunk : chunk.subarray(0, size));
        sent += size;
        if (sent > CHUNK) chunk[0] = 0;
        if (!ok) {
          req.once('drain', pump);
          return;
        }
      }
      req.end(tail);
    };
    pump();
  });
}

try {
  const token = ADMIN_TOKEN_LINE.exec(api.output())?.[1];
  if (token === undefined) throw new Error('no admin token printed');
  const client = new StudioClient(api.ready, token);
  const project = await client.createProject('upload bench');
  // Warm the routes and the allocator a little before taking the baseline.
  for (let i = 0; i < 200; i += 1) await client.request('GET', `/api/projects/${project.id}`).then((r) => r.arrayBuffer());
  const baseline = rssBytes(api.pid);
  let peak = baseline;
  const sampler = setInterval(() => {
    peak = Math.max(peak, rssBytes(api.pid));
  }, 50);

  let uploading = true;
  const latencies: number[] = [];
  const small = Array.from({ length: 50 }, async () => {
    while (uploading) {
      const started = performance.now();
      const response = await client.request('GET', `/api/projects/${project.id}`);
      await response.arrayBuffer();
      latencies.push(performance.now() - started);
    }
  });
  const started = performance.now();
  const status = await upload(new URL(`${api.ready}/api/projects/${project.id}/models`), token);
  const seconds = (performance.now() - started) / 1000;
  uploading = false;
  await Promise.all(small);
  clearInterval(sampler);

  console.log(
    [
      `Upload of ${mib(totalBytes)} (HTTP ${String(status)}) in ${seconds.toFixed(1)} s (${(totalBytes / 2 ** 20 / seconds).toFixed(0)} MiB/s) with 50 small requests in parallel:`,
      `  API RSS baseline ${mib(baseline)}, peak ${mib(peak)}, growth ${mib(peak - baseline)}`,
      `  small requests during the upload: ${String(latencies.length)}, p50 ${percentile(latencies, 50).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms`,
    ].join('\n'),
  );
} finally {
  await api.stop('SIGTERM');
  rmSync(dataDir, { recursive: true, force: true });
}
