import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's Chromium (`apt-get install -y chromium`; `npm test` installs it when missing and allowed). */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/**
 * Launches headless Debian Chromium through playwright-core (no bundled browser download: nothing may be fetched at
 * run time). Fails with a message saying how to install it.
 * @public
 */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`${CHROMIUM_PATH} is missing: install it with 'apt-get install -y chromium' (npm test does this when run as root).`);
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-dev-shm-usage'],
  });
}

/**
 * A page that fails the test on any uncaught page error or console error (a broken UI must not pass quietly);
 * `errors()` lists what was seen.
 * @public
 */
export async function strictPage(browser: Browser): Promise<{ page: Page; errors: () => string[] }> {
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  return { page, errors: () => [...errors] };
}
