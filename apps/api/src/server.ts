import { mkdirSync } from 'node:fs';
import { buildApp } from './app.ts';
import { loadEnv } from './env.ts';

// Entry point of `npm start`: the one place that listens, prints and exits. Tests use buildApp instead.

/** How long a graceful close may take before the process gives up and exits anyway. */
const closeTimeoutMs = 10_000;

const env = loadEnv();
mkdirSync(env.dataDir, { recursive: true });

const app = buildApp({ logger: { level: 'warn' } });

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  // `once`: a second Ctrl-C falls back to Node's default and stops at once.
  process.once(signal, () => {
    console.log(`Whittle studio: ${signal} received, closing`);
    setTimeout(() => {
      console.error('Whittle studio: close timed out, exiting');
      process.exit(1);
    }, closeTimeoutMs).unref();
    app.close().then(
      () => {
        console.log('Whittle studio: stopped');
      },
      (error: unknown) => {
        console.error('Whittle studio: close failed', error);
        process.exitCode = 1;
      },
    );
  });
}

try {
  const address = await app.listen({ port: env.port, host: env.host });
  console.log(`Whittle studio listening on ${address} (data: ${env.dataDir})`);
} catch (error) {
  console.error(`Whittle studio could not listen on ${env.host}:${String(env.port)}:`, error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
