import { join } from 'node:path';
import { defineConfig } from 'vitest/config';
import type { TestProjectInlineConfiguration } from 'vitest/config';
import { PlainSummaryReporter } from './tooling/vitest/plain-summary-reporter.ts';

// One Vitest project per workspace package. `vitest run` at the root runs them all; `--project engine` runs one.

interface ProjectOptions {
  /** Test files, relative to the folder. */
  readonly include?: readonly string[];
  /** Per-test timeout; engine and e2e tests run onnxruntime or start real processes. */
  readonly testTimeout?: number;
}

const defaultInclude = ['test/**/*.test.{ts,tsx}', 'src/**/*.test.{ts,tsx}'];

function project(name: string, folder: string, options: ProjectOptions = {}): TestProjectInlineConfiguration {
  const testTimeout = options.testTimeout ?? 10_000;
  return {
    extends: true,
    test: {
      name,
      root: join(import.meta.dirname, folder),
      include: [...(options.include ?? defaultInclude)],
      testTimeout,
      hookTimeout: testTimeout,
    },
  };
}

export default defineConfig({
  test: {
    reporters: ['default', new PlainSummaryReporter()],
    // Forks, not threads: onnxruntime-node is a native addon and its crashes must not take the runner down.
    pool: 'forks',
    // A package whose tests have not been written yet (web, worker) must not fail the run.
    passWithNoTests: true,
    projects: [
      project('engine', 'packages/engine', { testTimeout: 60_000 }),
      project('shared', 'packages/shared'),
      project('store', 'packages/store', { testTimeout: 30_000 }),
      project('pipeline', 'packages/pipeline', { testTimeout: 60_000 }),
      project('cli', 'apps/cli', { testTimeout: 60_000 }),
      project('api', 'apps/api', { testTimeout: 60_000 }),
      project('worker', 'apps/worker', { testTimeout: 60_000 }),
      project('studio', 'apps/studio', { testTimeout: 30_000 }),
      project('web', 'apps/web'),
      project('e2e', 'e2e', { include: ['tests/**/*.test.ts'], testTimeout: 60_000 }),
    ],
  },
});
