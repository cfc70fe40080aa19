/** Version strings recorded with every variant and benchmark (lineage, DESIGN.md §5). */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as ort from 'onnxruntime-node';

const require = createRequire(import.meta.url);

/** `version` of package `name`: its package.json, found by walking up from the resolved entry file. */
function packageVersion(name: string): string {
  let dir = dirname(require.resolve(name));
  for (;;) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: unknown; version?: unknown };
      if (pkg.name === name && typeof pkg.version === 'string') return pkg.version;
    } catch {
      // No package.json here: keep climbing.
    }
    const parent = dirname(dir);
    if (parent === dir) return 'unknown';
    dir = parent;
  }
}

let engine: string | undefined;

/**
 * The engine that made a variant, e.g. `@whittle/engine 0.1.0` (read once from its package.json).
 * @public
 */
export function engineVersion(): string {
  engine ??= `@whittle/engine ${packageVersion('@whittle/engine')}`;
  return engine;
}

/** onnxruntime-node's version, as the native binding reports it (`1.30.0`). */
export function onnxruntimeVersion(): string {
  return ort.env.versions.node ?? ort.env.versions.common;
}
