import { createHash } from 'node:crypto';

// The page is static text: nothing dynamic is interpolated, so nothing needs escaping.
const style = `
body { margin: 0; min-height: 100vh; display: grid; place-items: center; background: #f6f4ef;
  color: #1f1d1a; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; }
main { max-width: 36rem; padding: 2rem; }
h1 { margin: 0 0 .5rem; font-size: 1.75rem; }
p { margin: 0; color: #4a463f; }
`;

/**
 * The studio's holding page, served at `/` until the studio issues bring the web app.
 * @public
 */
export const studioHoldingPageHtml = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Whittle studio</title>
<style>${style}</style>
</head>
<body>
<main>
<h1>Whittle studio — coming soon</h1>
<p>This build serves the API shell; upload, graph view and jobs arrive with the studio issues.</p>
</main>
</body>
</html>
`;

/**
 * Content-Security-Policy for the holding page: `default-src 'self'` plus the hash of its one inline style,
 * so the page stays self-contained without allowing `'unsafe-inline'`.
 * @public
 */
export const studioHoldingPageCsp =
  `default-src 'self'; style-src 'sha256-${createHash('sha256').update(style).digest('base64')}'; ` +
  "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
