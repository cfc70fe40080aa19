import { randomBytes } from 'node:crypto';

/** One part of a hand-built multipart body. */
export interface Part {
  readonly name: string;
  /** Present for file parts. */
  readonly filename?: string;
  readonly content: Uint8Array | string;
  readonly contentType?: string;
}

/**
 * A multipart/form-data body built byte by byte, so tests control names, file names and boundaries exactly (a
 * FormData would normalize what the bad-input tests need to send).
 */
export function multipartBody(parts: readonly Part[], boundary = `whittle${randomBytes(8).toString('hex')}`): { body: Buffer; contentType: string } {
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const disposition =
      part.filename === undefined ? `form-data; name="${part.name}"` : `form-data; name="${part.name}"; filename="${part.filename}"`;
    const type = part.contentType ?? (part.filename === undefined ? undefined : 'application/octet-stream');
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}\r\n${type === undefined ? '' : `Content-Type: ${type}\r\n`}\r\n`));
    chunks.push(typeof part.content === 'string' ? Buffer.from(part.content) : Buffer.from(part.content));
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** One file part named `file`. */
export function fileUpload(content: Uint8Array | string, filename = 'model.onnx'): { body: Buffer; contentType: string } {
  return multipartBody([{ name: 'file', filename, content }]);
}
