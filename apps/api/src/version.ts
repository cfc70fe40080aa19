import { readFileSync } from 'node:fs';

/**
 * The version of `@whittle/api`, read once from its package.json so the health check cannot drift from it.
 * @public
 */
export const apiVersion: string = readVersion(new URL('../package.json', import.meta.url));

function readVersion(packageJson: URL): string {
  const parsed: unknown = JSON.parse(readFileSync(packageJson, 'utf8'));
  if (typeof parsed === 'object' && parsed !== null && 'version' in parsed && typeof parsed.version === 'string') {
    return parsed.version;
  }
  throw new Error(`${packageJson.pathname} has no "version" string`);
}
