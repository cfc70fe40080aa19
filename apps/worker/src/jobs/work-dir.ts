/**
 * The per-attempt work folder `<dataDir>/work/<jobId>-<attempt>/`: inputs are streamed into it from the artifact
 * store, the sandboxed task writes its outputs there, the parent streams them back into the store. A new attempt
 * gets a new folder, so a stale attempt (or the orphaned child of a killed worker) never mixes files with it.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { ArtifactStore, PutResult } from '@whittle/store';

export function workRoot(dataDir: string): string {
  return join(dataDir, 'work');
}

/** The folder's name: job ids are UUIDs, attempts integers, so the name is safe and parseable. */
export function workDirName(jobId: string, attempt: number): string {
  return `${jobId}-${String(attempt)}`;
}

/** Parses a work folder's name back; undefined for anything else (left alone by the sweeper). */
export function parseWorkDirName(name: string): { readonly jobId: string; readonly attempt: number } | undefined {
  const match = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})-(\d{1,9})$/.exec(name);
  if (match?.[1] === undefined || match[2] === undefined) return undefined;
  return { jobId: match[1], attempt: Number(match[2]) };
}

export async function createWorkDir(dataDir: string, jobId: string, attempt: number): Promise<string> {
  const dir = join(workRoot(dataDir), workDirName(jobId, attempt));
  // A leftover of an earlier delivery at the same attempt (impossible with CAS, but cheap to rule out).
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true, mode: 0o700 });
  return dir;
}

export async function removeWorkDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true, maxRetries: 2 });
}

export async function listWorkDirs(dataDir: string): Promise<string[]> {
  try {
    return await readdir(workRoot(dataDir));
  } catch {
    return [];
  }
}

/** Streams an artifact into a new file (never buffering a model in the worker). */
export async function materialize(artifacts: ArtifactStore, key: string, path: string): Promise<void> {
  const source = await artifacts.get(key);
  await pipeline(source, createWriteStream(path, { flags: 'wx', mode: 0o600 }));
}

/** Streams a file into the artifact store; refuses more than `maxBytes`. */
export function storeFile(artifacts: ArtifactStore, path: string, maxBytes: number): Promise<PutResult> {
  return artifacts.put(createReadStream(path), { maxBytes });
}
