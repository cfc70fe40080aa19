import { createHash } from 'node:crypto';
import { expect, it } from 'vitest';
import { nextTurn } from './helpers.ts';
import { useS3Server } from './s3/s3-test-server.ts';

// Its own file, so Vitest runs it in its own process. The s3rver runs in this process too, so the figures include
// the server's buffers: the bound (128 MiB for 200 MiB of content) catches a put that holds the whole content, not
// a few parts more or less. Measured: about 65 MiB peak with 8 MiB parts and a queue of 2.

const s3 = useS3Server();
const mebibyte = 1024 * 1024;

it('streams a 200 MB put through a multipart upload with bounded RSS growth', async () => {
  const { store, spoolFiles } = await s3.newStore({ partSizeBytes: 8 * mebibyte, queueSize: 2 });
  const expected = createHash('sha256');
  const before = process.memoryUsage().rss;
  let peak = before;
  // Sampled on a timer too: the upload phase yields no chunks to sample at.
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 5);

  // A fresh 1 MiB chunk each time, as a network source delivers: the store must let each go once spooled.
  async function* source(): AsyncGenerator<Uint8Array> {
    for (let index = 0; index < 200; index += 1) {
      const chunk = new Uint8Array(mebibyte).fill(index & 0xff);
      chunk[0] = index >> 8;
      expected.update(chunk);
      peak = Math.max(peak, process.memoryUsage().rss);
      await nextTurn();
      yield chunk;
    }
  }

  let result;
  try {
    result = await store.put(source());
  } finally {
    clearInterval(sampler);
  }

  expect(result.sha256).toBe(expected.digest('hex'));
  expect(await store.stat(result.key)).toEqual({ size: 200 * mebibyte });
  expect(await spoolFiles()).toEqual([]);
  expect(peak - before).toBeLessThan(128 * mebibyte);
}, 120_000);
