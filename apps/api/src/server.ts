import { mkdirSync } from 'node:fs';
import { buildApp } from './app.ts';
import { ensureAdmin } from './auth/first-run.ts';
import { loadEnv } from './env.ts';

// Entry point of `npm start`: the one place that listens, prints and exits. Tests use buildApp instead.

/** How long a graceful close may take before the process gives up and exits anyway. */
const closeTimeoutMs = 10_000;

const config = loadEnv();
mkdirSync(config.dataDir, { recursive: true });

const app = buildApp({ config, logger: { level: 'warn' } });

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
  await app.ready();
  // First run: the admin's token exists in plaintext only here, printed this once.
  const firstRun = await ensureAdmin(app.db);
  const address = await app.listen({ port: config.port, host: config.host });
  if (firstRun !== undefined) console.log(`Admin token (shown once): ${firstRun.token}`);
  if (config.loopbackAdmin) console.log('Loopback mode: requests from this machine to a localhost URL act as the admin.');
  // Last: launchers and tests treat this line as "ready", so everything above is already out.
  console.log(`Whittle studio listening on ${address} (data: ${config.dataDir})`);
} catch (error) {
  console.error(`Whittle studio could not start on ${config.host}:${String(config.port)}:`, error instanceof Error ? error.message : error);
  process.exitCode = 1;
  await app.close().catch(() => undefined);
}
