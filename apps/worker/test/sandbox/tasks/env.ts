/** Returns the names of the environment variables the child received. */
export function run(): string[] {
  return Object.keys(process.env).sort();
}
