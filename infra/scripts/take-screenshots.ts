import path from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { startLocalStack } from '../local/local-stack.ts';
import { apiClient } from '../../test/support/api-client.ts';
import { signIn } from '../../test/support/sign-in.ts';
import { requestsFor, startChecks, statusBecomes } from '../../test/support/journeys.ts';
import { informationHeld, notKnown, proposalBody } from '../../test/support/proposals.ts';
import { launchChromium } from '../../test/browser/support/chromium.ts';

/**
 * `npm run screenshots`: drives a journey on a fresh in-memory local stack and saves the main pages
 * to docs/screenshots/, which the README shows. Needs Chromium, like the browser tests.
 */
const folder = path.resolve(import.meta.dirname, '..', '..', 'docs', 'screenshots');
const stack = await startLocalStack({ logLevel: 'SILENT', linkRequestsPerMinute: 1000 });
const browser = await launchChromium();
try {
  const api = apiClient(stack.url);
  const body = proposalBody();
  const proposalId = await startChecks(api, body);
  const requests = await requestsFor(api, proposalId, 3);

  const shoot = async (context: BrowserContext, url: string, name: string) => {
    const page = await context.newPage();
    await page.setViewportSize({ width: 1024, height: 800 });
    await page.goto(url);
    await page.screenshot({ path: path.join(folder, `${name}.png`), fullPage: true });
    await page.close();
  };
  const asStaff = async (user: string) => {
    const context = await browser.newContext({ timezoneId: 'Europe/London', locale: 'en-GB' });
    const { cookie } = await signIn(stack.url, user);
    const [name = '', value = ''] = cookie.split('=');
    await context.addCookies([{ name, value, url: stack.url }]);
    return context;
  };
  const anonymous = await browser.newContext({ timezoneId: 'Europe/London', locale: 'en-GB' });

  await shoot(anonymous, stack.url, '01-start');
  const officer = await asStaff('court.officer');
  await shoot(officer, `${stack.url}/proposals/new`, '02-start-checks');
  await shoot(anonymous, requests.police.url ?? '', '03-police-enquiry');
  await shoot(anonymous, requests.residents[0]?.url ?? '', '04-resident-consent');
  const welsh = await browser.newContext({ timezoneId: 'Europe/London', locale: 'cy-GB' });
  const welshPage = await welsh.newPage();
  await welshPage.goto(requests.residents[0]?.url ?? '');
  await welshPage.goto(`${stack.url}/respond?lang=cy`);
  await welshPage.screenshot({ path: path.join(folder, '05-resident-consent-welsh.png'), fullPage: true });
  await shoot(officer, `${stack.url}/proposals/${proposalId}`, '06-proposal-checks-outstanding');

  await api.answer(requests.police.url ?? '', informationHeld);
  await api.answer(requests.childrensServices.url ?? '', notKnown);
  await api.answer(requests.residents[0]?.url ?? '', { decision: 'CONSENT', understood: true });
  await statusBecomes(api, proposalId, 'AWAITING_DECISION');
  await shoot(officer, `${stack.url}/proposals/${proposalId}`, '07-proposal-awaiting-decision');
  await shoot(officer, `${stack.url}/proposals/${proposalId}/summary`, '08-check-summary-for-report');
  const sentencer = await asStaff('sentencer');
  await shoot(sentencer, `${stack.url}/court-list?court=B01LY00&date=${body.hearingDate}`, '09-court-list');
  await shoot(sentencer, `${stack.url}/court-list/${proposalId}`, '10-completeness');
  process.stdout.write(`Screenshots saved in ${folder}\n`);
} finally {
  await browser.close();
  await stack.stop();
}
