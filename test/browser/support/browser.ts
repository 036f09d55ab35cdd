import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { launchChromium } from './chromium.ts';
export { launchChromium, newContext } from './chromium.ts';

/**
 * Chromium for one test file: launched in \`beforeAll\`, closed in \`afterAll\`. Called after
 * \`useLocalStack()\`, it launches once the stack runs and closes before the stack stops.
 */
export function useChromium(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => {
    if (browser === undefined) throw new Error('Chromium is not running: use it inside a test or a later hook');
    return browser;
  };
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
 * Every rule runs on the whole page; two settings only make it about three times faster (1.1 s a
 * page instead of 3.2 s on 2 cores): `axe.run` in the page itself (legacy mode) rather than a
 * partial run per frame finished in a new blank page (our pages have no frames, and legacy mode
 * still checks same-origin ones), and details kept only for violations, the one result asserted.
 */
export async function expectNoAccessibilityViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).options({ resultTypes: ['violations'] }).setLegacyMode().withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa']).analyze();
  const violations = results.violations.map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`);
  expect(violations, `accessibility violations on ${page.url()}`).toEqual([]);
}
