import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
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

/** The WCAG 2.0, 2.1 and 2.2 A and AA rules: every page state is checked against all of them. */
const wcagTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];
/** axe-core's script, read once per test file and put into each page that is checked. */
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** A rule the page breaks, and where (each node's CSS selector). */
export interface AxeViolation {
  readonly id: string;
  readonly help: string;
  readonly targets: string[];
}

/**
 * Runs axe for WCAG 2.0, 2.1 and 2.2 A and AA on the page as it is now and returns the violations.
 * axe is a script, so it runs in contexts with JavaScript on; the no-JavaScript journeys check behaviour.
 * Every rule runs on the whole page. axe-core's own `axe.run` in the page, with details kept only for
 * violations (the one result asserted), rather than @axe-core/playwright's builder: the builder's
 * extra round trips (configuring, checking each frame, serializing every result) took about as long
 * again as axe's own rules. Our pages have no frames; a page that has one is refused here, so a frame
 * can never go unchecked.
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  expect(page.frames(), `a frame on ${page.url()}: axe here checks the top document only`).toHaveLength(1);
  // Expressions as text: this file's types know Node, not the browser's DOM.
  if (!(await page.evaluate("typeof axe !== 'undefined'"))) await page.evaluate(axeSource);
  const options = { runOnly: { type: 'tag', values: wcagTags }, resultTypes: ['violations'] };
  return page.evaluate<AxeViolation[]>(
    `axe.run(document, ${JSON.stringify(options)}).then((results) => results.violations.map((violation) => ({ id: violation.id, help: violation.help, targets: violation.nodes.map((node) => node.target.join(' ')) })))`,
  );
}

/** Axe on the page as it is now: there must be no violations. */
export async function expectNoAccessibilityViolations(page: Page): Promise<void> {
  const violations = (await axeViolations(page)).map((violation) => `${violation.id}: ${violation.help} (${violation.targets.join(', ')})`);
  expect(violations, `accessibility violations on ${page.url()}`).toEqual([]);
}

/**
 * Axe as everywhere else, except one finding GOV.UK Frontend keeps on purpose: `aria-expanded` on a
 * radio that reveals a question (govuk-frontend issues 979 and 1280: screen readers announce it,
 * and research found it helps). Only that rule, and only on such radios, is let through.
 */
export async function expectNoAccessibilityViolationsBesideReveals(page: Page): Promise<void> {
  const found = await axeViolations(page);
  const reveals = await page.locator('input[type="radio"][aria-controls]').evaluateAll((inputs) => inputs.map((input) => `#${input.id}`));
  const violations = found
    .map((violation) => ({ ...violation, targets: violation.id === 'aria-allowed-attr' ? violation.targets.filter((target) => !reveals.includes(target)) : violation.targets }))
    .filter((violation) => violation.targets.length > 0)
    .map((violation) => `${violation.id}: ${violation.help} (${violation.targets.join(', ')})`);
  expect(violations, `accessibility violations on ${page.url()}`).toEqual([]);
}
