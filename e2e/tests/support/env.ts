/**
 * The environment for a child process started by a test: this process's variables (PATH above all, which
 * the pnpm `.bin` shims need) with `overrides` on top. The e2e suite's only reader of `process.env`.
 * @public
 */
export function childEnv(overrides: Readonly<Record<string, string>>): NodeJS.ProcessEnv {
  return { ...process.env, ...overrides };
}
