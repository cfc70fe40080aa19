/** Longest display name kept (the shared display-name schema's limit). */
const MAX_LENGTH = 200;

/**
 * A display name from a client's file name: the last path segment (no `../`, no drive letter, no folders), control
 * and format characters (NUL, RTL override) removed, trimmed and capped. It is metadata only: storage paths come from
 * content hashes and server ids, never from this (catalogue a.1 row 11).
 * @public
 */
export function displayNameFromFileName(fileName: string | undefined, fallback: string): string {
  const base = (fileName ?? '').split(/[/\\]/).pop() ?? '';
  const clean = base
    .replace(/[\p{Cc}\p{Cf}]/gu, '')
    .trim()
    .slice(0, MAX_LENGTH)
    .trim();
  return clean === '' || clean === '.' || clean === '..' ? fallback : clean;
}

/**
 * A file name safe in a Content-Disposition header: ASCII letters, digits, `.`, `_` and `-` only, at most 100
 * characters, ending in `extension`.
 * @public
 */
export function attachmentFileName(name: string, extension: string): string {
  const stem = name
    .replace(new RegExp(`${extension.replace('.', '\\.')}$`, 'i'), '')
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .replace(/^[._]+/, '')
    .slice(0, 100 - extension.length);
  return `${stem === '' ? 'download' : stem}${extension}`;
}
