#!/usr/bin/env node
// The `whittle` executable: runs src/main.ts through tsx (the workspace runs TypeScript sources directly).
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const tsxCli = join(dirname(require.resolve('tsx/package.json')), 'dist', 'cli.mjs');
const main = join(dirname(fileURLToPath(import.meta.url)), '..', 'src', 'main.ts');
const result = spawnSync(process.execPath, [tsxCli, main, ...process.argv.slice(2)], { stdio: 'inherit' });
process.exitCode = result.status ?? 1;
