import { describe, expect, it } from 'vitest';
import { localDemoPassword } from '../../infra/local/oidc-provider.ts';
import { useLocalStack } from '../support/local-stack.ts';
import { BasePage, axeViolations, expectNoAccessibilityViolations, newContext, useChromium } from './support/browser.ts';

const { stack } = useLocalStack();
const browser = useChromium();

class StartPage extends BasePage {
  constructor(page: BasePage['page']) {
    super(page, 'Curfew safeguarding checks');
  }
}

describe('the start page', () => {
  it.each([true, false])('says what the service is, signs a court officer in, and signs them out for good (JavaScript %s; axe runs where scripts can)', async (javaScriptEnabled) => {
    const context = await newContext(browser(), { javaScriptEnabled });
    const page = await context.newPage();
    await page.goto(stack.url);
    await new StartPage(page).verifyOnPage();
    if (javaScriptEnabled) {
      await expectNoAccessibilityViolations(page);
    }

    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByLabel(/username/i).fill('court.officer');
    await page.getByLabel(/password/i).fill(localDemoPassword);
    await page.getByRole('button', { name: /sign in/i }).click();
    await page.waitForURL(`${stack.url}/proposals`);
    expect(new URL(page.url()).pathname).toBe('/proposals');

    // Signing out ends the provider's sign-in too: on a shared court PC, neither Back nor "Sign in"
    // lets the next person in as this officer without the password.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(`${stack.url}/`);
    await page.goBack();
    await page.getByLabel(/password/i).waitFor();
    expect(await page.getByText('Signed in as').count()).toBe(0);
    await page.goto(stack.url);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByLabel(/password/i).waitFor();
    expect(new URL(page.url()).origin).toBe(stack.oidcIssuer);
    await context.close();
  });

  it('is checked by an axe that finds what it should: an image without a text alternative put on the start page', async () => {
    const context = await newContext(browser());
    const page = await context.newPage();
    await page.goto(stack.url);
    await page.locator('main').evaluate((main) => main.insertAdjacentHTML('afterbegin', '<img src="/assets/images/favicon.ico">'));
    expect((await axeViolations(page)).map((violation) => violation.id)).toEqual(expect.arrayContaining(['image-alt']));
    await context.close();
  });
});
