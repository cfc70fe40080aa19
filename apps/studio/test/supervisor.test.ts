import { describe, expect, it } from 'vitest';
import { repoRoot } from '../src/env.ts';
import { superviseServices } from '../src/supervisor.ts';

describe('supervising the API and the worker', () => {
  it('reports the first service that exits by itself, and stops the other with the signal', async () => {
    const services = superviseServices(
      repoRoot,
      [
        { name: 'steady', entry: 'apps/studio/test/fixtures/runs-until-signal.ts' },
        { name: 'flaky', entry: 'apps/studio/test/fixtures/exits-soon.ts' },
      ],
      {},
    );
    expect(await services.firstExit).toEqual({ name: 'flaky', code: 3, signal: null });
    const exits = await services.stopAll('SIGTERM', 5000);
    expect(exits).toEqual([
      { name: 'steady', code: 0, signal: null },
      { name: 'flaky', code: 3, signal: null },
    ]);
  });

  it('kills a service that ignores the signal once the grace period is over', async () => {
    const services = superviseServices(repoRoot, [{ name: 'stubborn', entry: 'apps/studio/test/fixtures/ignores-sigterm.ts' }], {});
    // Let it install its handler: a SIGTERM before that would end it the default way.
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const started = Date.now();
    const exits = await services.stopAll('SIGTERM', 500);
    expect(exits).toEqual([{ name: 'stubborn', code: null, signal: 'SIGKILL' }]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(450);
  });
});
