import type { BrowserContext, Locator, Page } from 'playwright-core';
import { localDemoPassword } from '../../../infra/local/oidc-provider.ts';
import { newContext } from '../support/browser.ts';
import { signIn } from '../../support/sign-in.ts';
import type { Browser } from 'playwright-core';

/**
 * A fresh browser context signed in as a demo user, on the page the service sends them to first.
 * By default the sign-in runs over HTTP, through the same provider and callback (test/support/sign-in.ts),
 * and the browser is given the session cookie it would have got: half the time of clicking through
 * the provider's pages, for the many tests whose subject is what comes after. The sign-in pages
 * themselves are driven in the browser where they are the subject (`throughSignInPages`:
 * sign-in-and-out.test.ts, and the officer of the whole journey).
 */
export async function signedInContext(
  browser: Browser,
  stackUrl: string,
  user: string,
  options: { javaScriptEnabled?: boolean; throughSignInPages?: boolean } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await newContext(browser, options);
  const page = await context.newPage();
  if (options.throughSignInPages === true) {
    await page.goto(stackUrl);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByLabel(/username/i).fill(user);
    await page.getByLabel(/password/i).fill(localDemoPassword);
    await page.getByRole('button', { name: /sign in/i }).click();
  } else {
    const { cookie } = await signIn(stackUrl, user);
    const separator = cookie.indexOf('=');
    await context.addCookies([{ name: cookie.slice(0, separator), value: cookie.slice(separator + 1), url: stackUrl, httpOnly: true, sameSite: 'Lax' }]);
    await page.goto(stackUrl);
  }
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
