/**
 * The studio serves the built web app (apps/web/dist) on the API's port. `npm start` builds it when the build is
 * missing or older than the sources, so a fresh clone and a `git pull` both show the current UI.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Newest modification time (ms) among files under `path` (a file or folder); 0 when absent. */
function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/** Inputs of the web build, relative to apps/web. The shared package is included: the UI imports its schemas. */
const WEB_INPUTS = ['src', 'index.html', 'vite.config.ts', 'package.json'];

/** Whether apps/web/dist is missing or older than any input. */
export function webBuildIsStale(repoRoot: string): boolean {
  const web = join(repoRoot, 'apps', 'web');
  const built = join(web, 'dist', 'index.html');
  if (!existsSync(built)) return true;
  const inputs = Math.max(...WEB_INPUTS.map((p) => newestMtime(join(web, p))), newestMtime(join(repoRoot, 'packages', 'shared', 'src')));
  return inputs > statSync(built).mtimeMs;
}

/** Runs `vite build` in apps/web (output inherited, so its progress shows). @throws Error when the build fails. */
export function buildWeb(repoRoot: string): void {
  const web = join(repoRoot, 'apps', 'web');
  const vite = join(web, 'node_modules', 'vite', 'bin', 'vite.js');
  const result = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd: web, stdio: 'inherit' });
  if (result.error !== undefined || result.status !== 0) {
    throw new Error(`building the web app failed (${result.error?.message ?? `exit ${String(result.status)}`})`);
  }
}

/** The folder to serve at `/`, building it first when stale (unless `skipBuild`); undefined when there is no build. */
export function ensureWebBuild(repoRoot: string, options: { readonly skipBuild: boolean; readonly log: (line: string) => void }): string | undefined {
  const dist = join(repoRoot, 'apps', 'web', 'dist');
  if (!options.skipBuild && webBuildIsStale(repoRoot)) {
    options.log('building the web app (apps/web/dist)…');
    const started = Date.now();
    buildWeb(repoRoot);
    options.log(`web app built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  return existsSync(join(dist, 'index.html')) ? dist : undefined;
}
