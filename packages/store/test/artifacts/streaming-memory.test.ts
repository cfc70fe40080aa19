import { createHash } from 'node:crypto';
import { expect, it } from 'vitest';
import { createLocalArtifactStore, localArtifactLayout } from '../../src/index.ts';
import { listFiles, nextTurn, tempDataDir } from './helpers.ts';

// Its own file, so Vitest runs it in its own process and the RSS figures are not other tests' garbage.

const mebibyte = 1024 * 1024;

it('streams a 200 MB put with small RSS growth', async () => {
  const dataDir = await tempDataDir();
  const store = createLocalArtifactStore(dataDir);
  const expected = createHash('sha256');
  const before = process.memoryUsage().rss;
  let peak = before;

  // A fresh 1 MiB chunk each time, as a network source delivers: the store must let each go once written.
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

  const result = await store.put(source());
  const after = process.memoryUsage().rss;

  expect(result.size).toBe(200 * mebibyte);
  expect(result.sha256).toBe(expected.digest('hex'));
  expect(await store.stat(result.key)).toEqual({ size: 200 * mebibyte });
  expect(await listFiles(localArtifactLayout(dataDir).tmp)).toEqual([]);
  expect(after - before).toBeLessThan(64 * mebibyte);
  expect(peak - before).toBeLessThan(64 * mebibyte);
});
