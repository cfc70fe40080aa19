import { readFileSync } from 'node:fs';
import { basename, join, relative, sep } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { NotFoundFallback } from '../http/error-handlers.ts';
import { studioHoldingPageCsp, studioHoldingPageHtml } from '../pages/studio-holding-page.ts';

/**
 * The web app's CSP: its own scripts, WebAssembly compilation (onnxruntime-web benchmarks in the browser), blob
 * workers, data/blob images; nothing inline, nothing from elsewhere.
 */
const WEB_APP_CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self' blob:; img-src 'self' data: blob:; " +
  "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/**
 * Cross-origin isolation for the web app's document and files: with COOP `same-origin` and COEP `require-corp` the
 * page is `crossOriginIsolated`, which gives SharedArrayBuffer (onnxruntime-web's wasm threads) and 5 µs timers
 * (in-browser benchmarks measure sub-millisecond runs). CORP `same-origin` on every file lets the isolated page and
 * its workers load them while refusing them to other origins; the runtime's worker script needs the same COEP.
 */
const ISOLATION_HEADERS: Readonly<Record<string, string>> = {
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-embedder-policy': 'require-corp',
  'cross-origin-resource-policy': 'same-origin',
};

/** Vite's content-hashed asset names (`index-L757POU1.js`): safe to cache forever. */
const HASHED_ASSET = /[-.][A-Za-z0-9_-]{8,}\.[A-Za-z0-9]+$/;

/** @public */
export interface WebAppOptions {
  /** Folder of the built web app; undefined serves the holding page. */
  readonly webRoot: string | undefined;
}

function sendIndex(reply: FastifyReply, html: Buffer): FastifyReply {
  return reply
    .type('text/html; charset=utf-8')
    .header('content-security-policy', WEB_APP_CSP)
    .header('cache-control', 'no-cache')
    .headers(ISOLATION_HEADERS)
    .send(html);
}

/**
 * `/` and the web app's files: the built SPA when a web root is configured (hashed assets cached for a year, the
 * rest revalidated), otherwise the holding page. Public: static files carry no data.
 * @public
 */
export const webAppRoutes: FastifyPluginAsync<WebAppOptions> = async (app, options) => {
  const { webRoot } = options;
  if (webRoot === undefined) {
    app.get('/', { schema: { hide: true } }, (_request, reply) =>
      reply.type('text/html; charset=utf-8').header('content-security-policy', studioHoldingPageCsp).header('cache-control', 'no-cache').send(studioHoldingPageHtml),
    );
    return;
  }
  const index = readWebIndex(webRoot);
  app.get('/', { schema: { hide: true } }, (_request, reply) => sendIndex(reply, index));
  await app.register(fastifyStatic, {
    root: webRoot,
    prefix: '/',
    index: false,
    wildcard: true,
    decorateReply: false,
    cacheControl: false,
    dotfiles: 'ignore',
    setHeaders: (reply: FastifyReply, path: string) => {
      const inAssets = relative(webRoot, path).split(sep)[0] === 'assets';
      reply.header('cache-control', inAssets && HASHED_ASSET.test(basename(path)) ? 'public, max-age=31536000, immutable' : 'no-cache');
      reply.header('content-security-policy', WEB_APP_CSP);
      reply.headers(ISOLATION_HEADERS);
    },
  });
};

/** The SPA's index.html, read once at start-up; a configured web root without one is a deployment error. @public */
export function readWebIndex(webRoot: string): Buffer {
  try {
    return readFileSync(join(webRoot, 'index.html'));
  } catch {
    throw new Error('WHITTLE_WEB_ROOT has no index.html: build the web app first (pnpm --filter @whittle/web build)');
  }
}

/**
 * The SPA fallback: a browser navigation (GET or HEAD asking for HTML) to a path the app routes itself gets
 * index.html; `/api/…` and asset requests keep their JSON 404.
 * @public
 */
export function spaFallback(index: Buffer): NotFoundFallback {
  return (request: FastifyRequest, reply: FastifyReply) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return false;
    const path = request.url.split('?', 1)[0] ?? '/';
    if (path === '/api' || path.startsWith('/api/') || /\.[A-Za-z0-9]+$/.test(path)) return false;
    if (!(request.headers.accept ?? '').includes('text/html')) return false;
    void sendIndex(reply, index);
    return true;
  };
}
