import { existsSync } from 'node:fs';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect } from 'vitest';

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

/** Page objects check they are on the page they think they are by its main heading. */
export abstract class BasePage {
  constructor(
    readonly page: Page,
    readonly heading: string | RegExp,
  ) {}

  async verifyOnPage(): Promise<this> {
    const heading = (await this.page.locator('h1').first().textContent())?.trim() ?? '';
    if (typeof this.heading === 'string') {
      expect(heading).toBe(this.heading);
    } else {
      expect(heading).toMatch(this.heading);
    }
    return this;
  }
}

/**
 * Runs axe for WCAG 2.0, 2.1 and 2.2 A and AA on the page as it is now: there must be no violations.
 * axe is a script, so it runs in contexts with JavaScript on; the no-JavaScript journeys check behaviour.
 */
export async function expectNoAccessibilityViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa']).analyze();
  const violations = results.violations.map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`);
  expect(violations, `accessibility violations on ${page.url()}`).toEqual([]);
}
