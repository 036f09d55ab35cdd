import type { BrowserContext, Locator, Page } from 'playwright-core';
import { localDemoPassword } from '../../../infra/local/oidc-provider.ts';
import { newContext } from '../support/browser.ts';
import type { Browser } from 'playwright-core';

/** Signs a demo user in through the real sign-in pages, in a fresh browser context. */
export async function signedInContext(browser: Browser, stackUrl: string, user: string, options: { javaScriptEnabled?: boolean } = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await newContext(browser, options);
  const page = await context.newPage();
  await page.goto(stackUrl);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByLabel(/username/i).fill(user);
  await page.getByLabel(/password/i).fill(localDemoPassword);
  await page.getByRole('button', { name: /sign in/i }).click();
  await page.waitForURL((url) => url.pathname !== '/' && url.origin === new URL(stackUrl).origin);
  return { context, page };
}

/** Clicks a button that submits a form and waits for the page that comes back (after any redirect). */
export async function submit(page: Page, button: Locator): Promise<void> {
  await Promise.all([page.waitForNavigation(), button.click()]);
}

/** The error summary's messages, in order. */
export async function errorMessages(page: Page): Promise<string[]> {
  return (await page.locator('[data-qa="error-summary"] li').allTextContents()).map((text) => text.trim());
}
