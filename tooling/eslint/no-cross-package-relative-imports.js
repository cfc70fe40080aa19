// ESLint rule: a relative import must stay inside the workspace package of the importing file
// (`../../packages/engine/src/x.ts` from an app is a deep import in disguise; use `@whittle/engine`).
// Plain JS: ESLint loads this file before any TypeScript tooling runs.
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

/**
 * Absolute folders of the workspace packages under `repoRoot` (apps/*, packages/*, e2e), longest first so
 * that the first prefix match is the innermost package.
 * @param {string} repoRoot
 * @returns {string[]}
 */
export function workspacePackageDirs(repoRoot) {
  const dirs = [join(repoRoot, 'e2e')];
  for (const parent of ['apps', 'packages']) {
    const parentDir = join(repoRoot, parent);
    if (!existsSync(parentDir)) continue;
    for (const entry of readdirSync(parentDir, { withFileTypes: true })) {
      if (entry.isDirectory()) dirs.push(join(parentDir, entry.name));
    }
  }
  return dirs.sort((a, b) => b.length - a.length);
}

/**
 * @param {string} repoRoot
 * @returns {import('eslint').Rule.RuleModule}
 */
export function noCrossPackageRelativeImports(repoRoot) {
  const packageDirs = workspacePackageDirs(repoRoot);
  /** The package folder that holds `file`, or the repo root for root files (scripts/, configs). */
  const ownerOf = (/** @type {string} */ file) =>
    packageDirs.find((dir) => file === dir || file.startsWith(dir + sep)) ?? repoRoot;

  return {
    meta: {
      type: 'problem',
      docs: { description: 'Relative imports may not reach into another workspace package or app.' },
      schema: [],
      messages: {
        crossPackage:
          "'{{source}}' reaches into {{target}}; import the package by its name (@whittle/…) and its public entry point.",
      },
    },
    create(context) {
      const owner = ownerOf(context.filename);
      /** @param {import('estree').Node | null | undefined} node */
      const check = (node) => {
        if (node?.type !== 'Literal' || typeof node.value !== 'string' || !node.value.startsWith('.')) return;
        const target = resolve(dirname(context.filename), node.value);
        const targetOwner = ownerOf(target);
        if (targetOwner !== owner) {
          context.report({
            node,
            messageId: 'crossPackage',
            data: { source: node.value, target: relative(repoRoot, targetOwner) || 'the repository root' },
          });
        }
      };
      return {
        ImportDeclaration: (node) => check(node.source),
        ExportNamedDeclaration: (node) => check(node.source),
        ExportAllDeclaration: (node) => check(node.source),
        ImportExpression: (node) => check(node.source),
      };
    },
  };
}
