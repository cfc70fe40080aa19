/**
 * `ByteSource` over a folder on the local disk, for external-data files next to a model. Exported as the
 * `@whittle/engine/node-byte-source` subpath so engine `src/` stays platform-free.
 *
 * The location has passed `checkExternalLocation` (plain relative names), but the disk is checked too, because a
 * plain name can still lead outside through a link (CVE-2026-27489, CVE-2026-34447; ONNX Security.md hard-link
 * rule; catalogue row 25 and §d.3):
 * - every path component below the folder is `lstat`ed: symbolic links are refused, folders must be folders;
 * - the file must be a regular file with exactly one link (a hard link shares the inode of a file elsewhere);
 * - the real path must lie inside the folder's real path (compared by path segments, not string prefix);
 * - the file is opened with O_NOFOLLOW and the opened inode must be the one that was checked (no swap between
 *   check and open);
 * - only the requested range is read (`read` at an offset), never the whole file.
 * Errors name the model's location string, never the host folder.
 */
import { constants, type Stats } from 'node:fs';
import { lstat, open, realpath } from 'node:fs/promises';
import { isAbsolute, join, relative, sep } from 'node:path';
import { EngineError, EngineErrorCode } from '../src/errors.ts';
import type { ByteSource } from '../src/onnx/external-data.ts';
import { checkExternalLocation } from '../src/validate/external-location.ts';

/** Reads external data from files inside `folder` (the folder itself is trusted: the server chose it). @public */
export function fileByteSource(folder: string): ByteSource {
  let root: Promise<string> | undefined;
  return {
    async read(location: string, offset: number, length: number | undefined): Promise<Uint8Array> {
      checkExternalLocation(location, `external data file '${location}'`);
      if (!Number.isSafeInteger(offset) || offset < 0 || (length !== undefined && (!Number.isSafeInteger(length) || length < 0))) {
        throw new EngineError(
          EngineErrorCode.ExternalDataInvalid,
          `External data '${location}': offset ${String(offset)} and length ${String(length)}; expected non-negative integers below 2^53.`,
          location,
        );
      }
      root ??= realpath(folder);
      let base: string;
      try {
        base = await root;
      } catch (error) {
        throw unavailable(location, `cannot be looked up: the model folder is unavailable${codeOf(error)}`);
      }
      const checked = await checkedPath(base, location);
      return readRange(checked, location, offset, length);
    },
  };
}

/** Walks the location one component at a time from the real folder, refusing links, and checks containment. */
async function checkedPath(base: string, location: string): Promise<{ path: string; stats: Stats }> {
  const segments = location.split('/');
  let path = base;
  let stats: Stats | undefined;
  for (const [i, segment] of segments.entries()) {
    path = join(path, segment);
    stats = await lstatOrFail(path, location);
    const last = i === segments.length - 1;
    if (stats.isSymbolicLink()) {
      throw link(location, last ? 'is a symbolic link' : `goes through the symbolic link '${segments.slice(0, i + 1).join('/')}'`);
    }
    if (!last && !stats.isDirectory()) {
      throw unavailable(location, `'${segments.slice(0, i + 1).join('/')}' is not a folder`);
    }
  }
  if (stats === undefined || !stats.isFile()) throw unavailable(location, 'is not a regular file');
  if (stats.nlink !== 1) throw link(location, `has ${String(stats.nlink)} hard links`);
  const real = await realpath(path);
  const rel = relative(base, real);
  if (rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) {
    throw link(location, 'resolves outside the model folder');
  }
  return { path, stats };
}

async function readRange(
  checked: { path: string; stats: Stats },
  location: string,
  offset: number,
  length: number | undefined,
): Promise<Uint8Array> {
  let handle;
  try {
    // O_NOFOLLOW does not exist on Windows; the lstat walk above is the check there.
    const noFollow = 'O_NOFOLLOW' in constants ? constants.O_NOFOLLOW : 0;
    handle = await open(checked.path, constants.O_RDONLY | noFollow);
  } catch (error) {
    throw unavailable(location, `cannot be opened${codeOf(error)}`);
  }
  try {
    const opened = await handle.stat();
    if (opened.ino !== checked.stats.ino || opened.dev !== checked.stats.dev || opened.nlink !== 1 || !opened.isFile()) {
      throw link(location, 'changed between the check and the open');
    }
    const size = opened.size;
    const want = length ?? Math.max(0, size - offset);
    if (offset + want > size) {
      throw unavailable(location, `is ${String(size)} bytes; expected at least ${String(offset + want)} (offset ${String(offset)} + length ${String(want)})`);
    }
    const out = new Uint8Array(want);
    let done = 0;
    while (done < want) {
      const { bytesRead } = await handle.read(out, done, want - done, offset + done);
      if (bytesRead === 0) break;
      done += bytesRead;
    }
    return done === want ? out : out.subarray(0, done);
  } catch (error) {
    if (error instanceof EngineError) throw error;
    throw unavailable(location, `could not be read${codeOf(error)}`);
  } finally {
    await handle.close();
  }
}

async function lstatOrFail(path: string, location: string): Promise<Stats> {
  try {
    return await lstat(path);
  } catch (error) {
    throw unavailable(location, `does not exist or cannot be inspected${codeOf(error)}`);
  }
}

function link(location: string, what: string): EngineError {
  return new EngineError(
    EngineErrorCode.ExternalDataLink,
    `External data file '${location}' ${what}; expected a plain file inside the model folder.`,
    location,
  );
}

function unavailable(location: string, what: string): EngineError {
  return new EngineError(EngineErrorCode.ExternalDataUnavailable, `External data file '${location}' ${what}.`, location);
}

/** ` (ENOENT)`: the errno code only; Node's messages include the host path. */
function codeOf(error: unknown): string {
  if (typeof error !== 'object' || error === null || !('code' in error)) return '';
  const code = error.code;
  return typeof code === 'string' && /^E[A-Z0-9_]{1,30}$/.test(code) ? ` (${code})` : '';
}
