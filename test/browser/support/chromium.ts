import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';

/**
 * Browser tests drive the system's real Chromium (browsers cannot be downloaded here): Debian's
 * package, or the one CHROMIUM_PATH names.
 */
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(chromiumPath)) {
    throw new Error(`The browser tests need Chromium at ${chromiumPath}. Install it with: sudo apt-get install -y chromium (or set CHROMIUM_PATH)`);
  }
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    // No sandbox as root in CI; no background traffic to Google's hosts (there is no network).
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** A fresh browser profile: its own cookies, UK time, and JavaScript on or off. */
export function newContext(browser: Browser, options: { javaScriptEnabled?: boolean } = {}): Promise<BrowserContext> {
  return browser.newContext({ timezoneId: 'Europe/London', locale: 'en-GB', javaScriptEnabled: options.javaScriptEnabled ?? true });
}
