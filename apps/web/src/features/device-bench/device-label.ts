/**
 * The default label of "this device": the browser does not say which CPU it runs on, so the label is what it does
 * say — a short browser/OS name from the user agent and the logical core count. The user can overwrite it.
 */

function browserName(userAgent: string): string {
  const match = /(Edg|OPR|Firefox|Chrome|Chromium|Version)\/(\d+)/.exec(userAgent);
  if (match === null) return 'Browser';
  const name = match[1] === 'Version' ? 'Safari' : match[1] === 'Edg' ? 'Edge' : match[1] === 'OPR' ? 'Opera' : (match[1] ?? 'Browser');
  return `${name} ${match[2] ?? ''}`.trim();
}

function platformName(userAgent: string): string {
  for (const [needle, name] of [
    ['Android', 'Android'],
    ['iPhone', 'iOS'],
    ['iPad', 'iPadOS'],
    ['Mac OS X', 'macOS'],
    ['Windows', 'Windows'],
    ['CrOS', 'ChromeOS'],
    ['Linux', 'Linux'],
  ] as const) {
    if (userAgent.includes(needle)) return name;
  }
  return 'unknown OS';
}

/** `Chrome 156 · Linux · 16 cores (browser)`. */
export function defaultDeviceLabel(userAgent: string, logicalCores: number): string {
  const headless = userAgent.includes('Headless') ? ' headless' : '';
  return `${browserName(userAgent)}${headless} · ${platformName(userAgent)} · ${String(logicalCores)} cores (browser)`;
}
