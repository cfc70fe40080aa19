import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createNetServer } from 'node:net';

/** `http://127.0.0.1:<port>` where nothing listens any more: connections are refused at once. */
export async function closedPortEndpoint(): Promise<string> {
  const server = createNetServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => {
    resolve();
  }));
  if (address === null || typeof address === 'string') throw new Error('expected a TCP address');
  return `http://127.0.0.1:${address.port}`;
}

/** An overloaded gateway: a real HTTP server answering every request with 503 and an S3 error body. */
export interface BusyServer {
  readonly endpoint: string;
  /** How many requests it has answered. */
  readonly requestCount: () => number;
  close(): Promise<void>;
}

export async function startBusyServer(): Promise<BusyServer> {
  let count = 0;
  const server: Server = createHttpServer((request, response) => {
    count += 1;
    // Drain the upload so the client sees the answer rather than a reset.
    request.resume();
    request.on('end', () => {
      response.writeHead(503, { 'content-type': 'application/xml' });
      response.end('<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>ServiceUnavailable</Code><Message>Busy</Message></Error>');
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('expected a TCP address');
  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    requestCount: () => count,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => {
        resolve();
      }));
    },
  };
}
