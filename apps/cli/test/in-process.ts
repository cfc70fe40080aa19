/** Runs `whittle` in the test process with captured output: for cases where a child process adds nothing. */
import type { CliIo } from '../src/io.ts';
import { main } from '../src/main.ts';
import type { CliRun } from './run-cli.ts';

export async function runInProcess(args: readonly string[], baseDir: string = process.cwd()): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    out: (t) => {
      stdout += t;
    },
    err: (t) => {
      stderr += t;
    },
  };
  const status = await main(args, { env: { baseDir }, io });
  return { status, stdout, stderr };
}
