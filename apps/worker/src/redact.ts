/**
 * Replaces host paths in text meant for users: job errors and log lines never carry a server path (DESIGN.md §8).
 * `alreadyRedacted` are prefixes another redactor may have replaced by `<path>` first (the sandbox redacts the temp
 * and home folders), so a path under them is recognised in that form too.
 */
export function pathRedactor(paths: readonly string[], alreadyRedacted: readonly string[] = []): (text: string) => string {
  const forms = paths.flatMap((path) => [path, ...alreadyRedacted.filter((prefix) => prefix.length > 1 && path.startsWith(prefix)).map((prefix) => `<path>${path.slice(prefix.length)}`)]);
  const sorted = forms.filter((path) => path.length > 1).sort((a, b) => b.length - a.length);
  return (text) => sorted.reduce((acc, path) => acc.split(path).join('<path>'), text);
}
