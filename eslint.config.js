// ESLint flat config for the whole workspace: typed strict rules, naming, and the dependency boundaries of
// DESIGN.md §2 and style-anchors §8.2. Flat config replaces a rule's options per matching block (it never
// merges them), so each boundary block below repeats the workspace-wide import bans it builds on.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import unicorn from 'eslint-plugin-unicorn';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { noCrossPackageRelativeImports } from './tooling/eslint/no-cross-package-relative-imports.js';

const repoRoot = import.meta.dirname;

/** Files linted without type information: plain JS and tool configs live outside the TS projects' sources. */
const untypedFiles = ['**/*.{js,mjs,cjs}', '**/*.config.{ts,mts,cts,js,mjs,cjs}'];
/** Files allowed to print: command-line entry points, scripts and benchmarks. */
const consoleFiles = [
  'apps/cli/**',
  '**/scripts/**',
  '**/bench/**',
  'apps/*/src/server.ts',
  'apps/*/src/main.ts',
];
/** Files allowed to read `process.env`: each app's env.ts, scripts, benchmarks, test-runner configs. */
const envFiles = ['**/env.ts', 'scripts/**/*.mjs', '**/bench/**', '**/vitest.config.*'];

const nodeBuiltins = [...new Set(builtinModules.filter((name) => !name.startsWith('_')).map((name) => name.split('/')[0]))];
const escapeRegex = (/** @type {string} */ text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Import bans that hold in every file. */
const everywherePatterns = [
  {
    regex: String.raw`^@whittle/[^/]+/(?:src|adapters)(?:/|$)`,
    message: 'No deep imports: use the package name and its `exports` entry points (e.g. @whittle/engine/ort-node).',
  },
  {
    regex: String.raw`^@whittle/(?:api|web|worker|cli|e2e)(?:/|$)`,
    message: 'Nothing imports an app (DESIGN.md §2).',
  },
];

/** Extra bans for packages/engine/src: the platform-free core (DESIGN.md §2, style rule 1). */
const engineCorePatterns = [
  {
    regex: String.raw`^(?:node:|(?:${nodeBuiltins.map(escapeRegex).join('|')})(?:/|$))`,
    message: 'Engine src is platform-free: no Node builtins. Take the service through an interface (runtime/, byte sources).',
  },
  {
    regex: '^onnxruntime-',
    message: 'Engine src reaches onnxruntime only through InferenceRuntime; the adapters/ folder imports onnxruntime-*.',
  },
  { regex: String.raw`^react`, message: 'Engine src is platform-free: no React.' },
  { regex: '^@whittle/', message: 'Engine src imports no workspace package (dependencies point apps → shared → engine).' },
];

/** Extra bans for the rest of packages/engine (adapters, test, bench, scripts). */
const engineRestPatterns = [
  { regex: String.raw`^@whittle/(?!engine(?:/|$))`, message: 'The engine imports no other workspace package.' },
];

/** Extra bans for packages/shared/src: the engine is reachable for types only. */
const sharedPatterns = [
  {
    regex: String.raw`^@whittle/engine(?:/|$)`,
    allowTypeImports: true,
    message: 'Shared may use the engine for types only: write `import type`.',
  },
];

/** @param {object[]} patterns */
const restrictImports = (...patterns) => [
  'error',
  { patterns: [...everywherePatterns, ...patterns] },
];

export default defineConfig(
  globalIgnores([
    '**/node_modules/',
    '.tools/',
    '**/.tsbuild/',
    '**/dist/',
    '**/coverage/',
    '.whittle-data/',
    'bench-out/',
  ]),

  { linterOptions: { reportUnusedDisableDirectives: 'error' } },

  js.configs.recommended,
  tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: 'module',
      parserOptions: {
        projectService: true,
        tsconfigRootDir: repoRoot,
      },
    },
    plugins: {
      unicorn,
      whittle: { rules: { 'no-cross-package-relative-imports': noCrossPackageRelativeImports(repoRoot) } },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { prefer: 'type-imports', fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-floating-promises': 'error',
      // A `default` is a deliberate fallback ("every other dtype is exact"); a switch without one must list all cases.
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      'unicorn/filename-case': ['error', { case: 'kebabCase' }],
      'no-console': 'error',
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-restricted-imports': restrictImports(),
      'whittle/no-cross-package-relative-imports': 'error',
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Read process.env only in env.ts (DESIGN.md §2).' },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "ImportDeclaration[source.value=/^(node:)?process$/] ImportSpecifier[imported.name='env']",
          message: 'Read process.env only in env.ts (DESIGN.md §2).',
        },
      ],
    },
  },

  // Plain JS and tool configs are not part of any tsconfig's sources: lint them without type information.
  { files: untypedFiles, extends: [tseslint.configs.disableTypeChecked] },

  // React components are PascalCase files.
  {
    files: ['**/*.tsx'],
    rules: { 'unicorn/filename-case': ['error', { cases: { kebabCase: true, pascalCase: true } }] },
  },

  { files: consoleFiles, rules: { 'no-console': 'off' } },
  { files: envFiles, rules: { 'no-restricted-properties': 'off', 'no-restricted-syntax': 'off' } },

  // TypeScript resolves globals in .ts files; plain JS (scripts, configs) runs on Node.
  { files: ['**/*.{js,mjs,cjs}'], languageOptions: { globals: { ...globals.node } } },

  // packages/engine: adapters, tests, benchmarks and scripts import no other workspace package.
  {
    files: ['packages/engine/**'],
    rules: { '@typescript-eslint/no-restricted-imports': restrictImports(...engineRestPatterns) },
  },
  // packages/engine/src: platform-free (DESIGN.md §2). The tsconfig's `types: []` catches globals too; lint
  // names the rule in the editor.
  {
    files: ['packages/engine/src/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': restrictImports(...engineCorePatterns),
      'no-restricted-globals': [
        'error',
        ...['process', 'Buffer', 'window', 'document', 'global', 'require', '__dirname', '__filename'].map((name) => ({
          name,
          message: `Engine src is platform-free: no \`${name}\`. Take the service through an interface.`,
        })),
      ],
      'no-restricted-properties': [
        'error',
        ...['process', 'Buffer', 'window', 'document'].map((property) => ({
          object: 'globalThis',
          property,
          message: `Engine src is platform-free: no \`globalThis.${property}\`.`,
        })),
      ],
    },
  },
  {
    files: ['packages/shared/src/**'],
    rules: { '@typescript-eslint/no-restricted-imports': restrictImports(...sharedPatterns) },
  },
);
