import type { FastifyReply } from 'fastify';
import type { ArtifactStore } from '@whittle/store';
import { attachmentFileName } from '../uploads/display-name.ts';

/**
 * Streams an artifact as a download: `Content-Disposition: attachment` with a safe ASCII file name, the length, the
 * sha256 as a strong ETag, and no sniffing (the security headers set `X-Content-Type-Options: nosniff` everywhere).
 * Fastify destroys the file stream if the client goes away.
 * @public
 */
export async function sendArtifact(
  reply: FastifyReply,
  store: ArtifactStore,
  artifact: { readonly key: string; readonly sha256: string },
  download: { readonly name: string; readonly extension: string; readonly contentType: string },
): Promise<FastifyReply> {
  const stream = await store.get(artifact.key);
  const stat = await store.stat(artifact.key);
  if (stat !== undefined) reply.header('content-length', String(stat.size));
  return reply
    .header('content-type', download.contentType)
    .header('content-disposition', `attachment; filename="${attachmentFileName(download.name, download.extension)}"`)
    .header('etag', `"${artifact.sha256}"`)
    .header('cache-control', 'private, no-cache')
    .send(stream);
}
