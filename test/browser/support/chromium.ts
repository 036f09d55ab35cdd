import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';

/**
 * Browser tests drive the system's real Chromium (browsers cannot be downloaded here): Debian's
 * headless shell (`chromium-headless-shell`: the same Blink and V8 as the browser, without the
 * browser's own window and compositor, as Playwright itself runs headless), else Debian's full
 * `chromium`, or the one CHROMIUM_PATH names. On 2 cores the headless shell ran the link-page tests
 * in about 45 s instead of 70 s, with about half the CPU, and every test passed on both.
 */
const chromiumCandidates = process.env.CHROMIUM_PATH === undefined ? ['/usr/lib/chromium/chromium-headless-shell', '/usr/bin/chromium'] : [process.env.CHROMIUM_PATH];

export async function launchChromium(): Promise<Browser> {
  const chromiumPath = chromiumCandidates.find((candidate) => existsSync(candidate));
  if (chromiumPath === undefined) {
    throw new Error(`The browser tests need Chromium at ${chromiumCandidates.join(' or ')}. Install it with: sudo apt-get install -y chromium-headless-shell (or set CHROMIUM_PATH)`);
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
