#!/usr/bin/env node
// Bootstraps a fresh machine that has only Node 20 and npm, then runs `start` or `test`.
// pnpm is installed locally into .tools/ (never globally), dependencies with a frozen lockfile.
// Plain Node on purpose: this file runs before any dependency exists.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PNPM_VERSION = '12.4.2';
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const toolsDir = join(root, '.tools');
const pnpmBin = join(toolsDir, 'node_modules', 'pnpm', 'bin', 'pnpm.mjs');

const commands = {
  start: ['run', 'studio'],
  test: ['run', 'check'],
};

/**
 * Runs a command in the repository root and exits with its status when it fails.
 * @param {string} cmd
 * @param {string[]} args
 * @param {string} label - what to call the command in error messages
 */
function run(cmd, args, label) {
  // The local pnpm goes first on PATH so that scripts which call `pnpm` find it.
  const path = [join(toolsDir, 'node_modules', '.bin'), process.env.PATH].filter(Boolean).join(delimiter);
  const env = { ...process.env, PATH: path, npm_config_update_notifier: 'false' };
  const result = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env });
  if (result.error) {
    console.error(`whittle bootstrap: ${label} could not start: ${result.error.message}`);
    process.exit(1);
  }
  if (result.status !== 0) {
    if (result.signal) console.error(`whittle bootstrap: ${label} was stopped by ${result.signal}`);
    process.exit(result.status ?? 1);
  }
}

function installedPnpmVersion() {
  try {
    return JSON.parse(readFileSync(join(toolsDir, 'node_modules', 'pnpm', 'package.json'), 'utf8')).version;
  } catch {
    return undefined;
  }
}

/** @type {(name: string | undefined) => name is keyof typeof commands} */
const isTask = (name) => name !== undefined && Object.hasOwn(commands, name);

const task = process.argv[2];
if (!isTask(task)) {
  console.error(`usage: node scripts/bootstrap.mjs <${Object.keys(commands).join('|')}>`);
  process.exit(2);
}

if (installedPnpmVersion() !== PNPM_VERSION) {
  console.log(`whittle bootstrap: installing pnpm ${PNPM_VERSION} into .tools/ (local, not global)`);
  run('npm', ['install', '--prefix', toolsDir, '--no-audit', '--no-fund', '--no-save', `pnpm@${PNPM_VERSION}`], 'npm install pnpm');
}
if (!existsSync(pnpmBin)) {
  console.error(`whittle bootstrap: pnpm was installed but ${pnpmBin} is missing`);
  process.exit(1);
}

run(process.execPath, [pnpmBin, 'install', '--frozen-lockfile'], 'pnpm install');
run(process.execPath, [pnpmBin, ...commands[task], ...process.argv.slice(3)], `pnpm ${commands[task].join(' ')}`);
