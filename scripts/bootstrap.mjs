#!/usr/bin/env node
// Bootstraps a fresh machine that has only Node 20 and npm, then runs `start` or `test`.
// pnpm is installed locally into .tools/ (never globally), dependencies with a frozen lockfile.
// Plain Node on purpose: this file runs before any dependency exists.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PNPM_VERSION = '12.4.2';
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const toolsDir = join(root, '.tools');
const pnpmBin = join(toolsDir, 'node_modules', 'pnpm', 'bin', 'pnpm.mjs');

/**
 * What each task runs once dependencies are installed. `start` runs the server through tsx directly rather than
 * through `pnpm run`, so that SIGTERM/SIGINT sent to `npm start` reach the server (a shell in between would not
 * forward them and would leave the server running).
 */
const commands = {
  start: [join(root, 'node_modules', '.bin', 'tsx'), 'apps/studio/src/main.ts'],
  test: [process.execPath, pnpmBin, 'run', 'check'],
};

/**
 * Native addons (better-sqlite3) are compiled by node-gyp, which downloads Node's headers unless told where they are.
 * Node installs ship them beside the binary (<prefix>/include/node), so point node-gyp there when they exist.
 */
function nodeHeadersDir() {
  if (process.env.npm_config_nodedir) return process.env.npm_config_nodedir;
  const prefix = dirname(dirname(process.execPath));
  return existsSync(join(prefix, 'include', 'node', 'node.h')) ? prefix : undefined;
}

function childEnv() {
  // The local pnpm goes first on PATH so that scripts which call `pnpm` find it.
  const path = [join(toolsDir, 'node_modules', '.bin'), process.env.PATH].filter(Boolean).join(delimiter);
  const nodedir = nodeHeadersDir();
  return { ...process.env, PATH: path, npm_config_update_notifier: 'false', ...(nodedir !== undefined && { npm_config_nodedir: nodedir }) };
}

/**
 * Runs a command in the repository root and exits with its status when it fails.
 * @param {string} cmd
 * @param {string[]} args
 * @param {string} label - what to call the command in error messages
 */
function run(cmd, args, label) {
  const result = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: childEnv() });
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
if (task === 'test') ensureChromium();

/**
 * The browser tests drive Debian's Chromium (playwright-core downloads no browser). Installs it with apt-get when it
 * is missing and this process may (root on a Debian-like system); otherwise says how, and the browser tests fail
 * with the same advice.
 */
function ensureChromium() {
  const chromium = '/usr/bin/chromium';
  if (existsSync(chromium)) return;
  const aptGet = '/usr/bin/apt-get';
  if (process.getuid?.() !== 0 || !existsSync(aptGet)) {
    console.warn(`whittle bootstrap: ${chromium} is missing; install it (sudo apt-get install -y chromium) or the browser tests fail`);
    return;
  }
  console.log('whittle bootstrap: installing Debian chromium for the browser tests (apt-get install -y chromium)');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const install = () => spawnSync(aptGet, ['install', '-y', '--no-install-recommends', 'chromium'], { stdio: 'inherit', env }).status === 0;
  if (install()) return;
  // A fresh machine may have no package lists yet.
  run(aptGet, ['update'], 'apt-get update');
  if (!install()) {
    console.error('whittle bootstrap: apt-get install -y chromium failed');
    process.exit(1);
  }
}
/**
 * Runs the task's command, forwards SIGINT/SIGTERM to it, and exits with its status.
 * @param {string[]} command
 */
function runForwardingSignals(command) {
  const [cmd, ...args] = command;
  if (cmd === undefined) process.exit(1);
  const child = spawn(cmd, [...args, ...process.argv.slice(3)], { cwd: root, stdio: 'inherit', env: childEnv() });
  /** @param {NodeJS.Signals} signal */
  const forward = (signal) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  child.on('error', (error) => {
    console.error(`whittle bootstrap: ${task} could not start: ${error.message}`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => process.exit(code ?? (signal === null ? 1 : 128 + 15)));
}

runForwardingSignals(commands[task]);
