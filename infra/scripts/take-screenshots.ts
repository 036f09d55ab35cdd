import path from 'node:path';
import { readdir, rm } from 'node:fs/promises';
import type { BrowserContext, Page } from 'playwright-core';
import { startLocalStack } from '../local/local-stack.ts';
import { apiClient } from '../../test/support/api-client.ts';
import { signIn } from '../../test/support/sign-in.ts';
import { addDays, todayInLondon } from '../../test/support/dates.ts';
import { requestsFor, startChecks, statusBecomes } from '../../test/support/journeys.ts';
import { consent, informationHeld, noInformation, notKnown, proposalBody, refusal } from '../../test/support/proposals.ts';
import { nextWorkingDayAfter } from '#domain/working-days';
import { launchChromium } from '../../test/browser/support/chromium.ts';
import { syntheticCounters } from '../../test/support/performance-seed.ts';

/**
 * `npm run screenshots`: drives a journey on a fresh in-memory local stack and saves the main pages
 * to docs/screenshots/, which the README shows. Needs Chromium, like the browser tests.
 *
 * The start form is filled with plain Playwright calls: the browser tests' page objects assert with
 * vitest's `expect`, which cannot be loaded outside a vitest run.
 */
const folder = path.resolve(import.meta.dirname, '..', '..', 'docs', 'screenshots');
const stack = await startLocalStack({ logLevel: 'SILENT', linkRequestsPerMinute: 1000 });
const browser = await launchChromium();
const saved: string[] = [];

/** Clicks a button that submits a form and waits for the page that comes back. */
async function press(page: Page, selector: string): Promise<void> {
  await Promise.all([page.waitForNavigation(), page.locator(selector).click()]);
}

async function fillDate(page: Page, prefix: string, date: string): Promise<void> {
  const [year = '', month = '', day = ''] = date.split('-');
  await page.locator(`#${prefix}-day`).fill(String(Number(day)));
  await page.locator(`#${prefix}-month`).fill(String(Number(month)));
  await page.locator(`#${prefix}-year`).fill(year);
}

/** Answers the start form's question pages as an officer would, stopping on "Check your answers". */
async function fillStartForm(page: Page, beforeContinue: (step: string) => Promise<void>): Promise<void> {
  const hearingDate = addDays(todayInLondon(), 14);
  const curfewStart = addDays(hearingDate, 1);
  const answers: Record<string, () => Promise<void>> = {
    hearing: async () => {
      await page.locator('#courtCode').selectOption('B01LY00');
      await fillDate(page, 'hearingDate', hearingDate);
      await page.getByLabel('Short-format (fast delivery) report').check();
      await fillDate(page, 'convictionDate', todayInLondon());
    },
    defendant: async () => {
      await page.locator('#defendant-givenName').fill('Sam');
      await page.locator('#defendant-familyName').fill('Example');
      await fillDate(page, 'defendant-dateOfBirth', '1990-04-01');
      await page.locator('#defendant-crn').fill('X123456');
    },
    curfew: async () => {
      await page.locator('#address-line1').fill('1 High Street');
      await page.locator('#address-town').fill('Swindon');
      await page.locator('#address-postcode').fill('SN1 1AA');
      await fillDate(page, 'curfewStart', curfewStart);
      await fillDate(page, 'curfewEnd', addDays(curfewStart, 89));
      for (const day of ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']) {
        await page.locator('[data-qa="period-0"]').getByLabel(day, { exact: true }).check();
      }
      await page.locator('#period-0-from').fill('19:00');
      await page.locator('#period-0-to').fill('07:00');
    },
    adults: async () => {
      await page.locator('#resident-0-fullName').fill('Alex Resident');
      await page.locator('#resident-0-relationship').selectOption('PARTNER');
      await page.locator('#resident-0-email').fill('alex@example.org');
      await page.locator('[data-qa="resident-0"]').getByLabel('English').check();
    },
    children: async () => {
      await page.locator('#children-any').check();
      await page.locator('#children-count').fill('2');
    },
    agencies: async () => {
      await page.locator('#policeForce').selectOption('WILTSHIRE');
      await page.locator('#localAuthority').selectOption('SWINDON');
    },
  };
  while ((await page.locator('[data-qa="check-answers-form"]').count()) === 0) {
    const step = (await page.locator('[data-qa="start-checks-form"]').getAttribute('data-step')) ?? '';
    const answer = answers[step];
    if (answer === undefined) throw new Error(`The start form showed a page it did not expect: ${step}`);
    await answer();
    await beforeContinue(step);
    await press(page, '[data-qa="continue"]');
    if ((await page.locator('[data-qa="error-summary"]').count()) > 0) throw new Error(`The start form refused the ${step} page`);
  }
}

try {
  const api = apiClient(stack.url);
  const shot = async (page: Page, name: string) => {
    await page.screenshot({ path: path.join(folder, `${name}.png`), fullPage: true });
    saved.push(`${name}.png`);
  };
  const shoot = async (context: BrowserContext, url: string, name: string) => {
    const page = await context.newPage();
    await page.setViewportSize({ width: 1024, height: 800 });
    await page.goto(url);
    await shot(page, name);
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

  // The officer starts the checks through the form: one question page, then "Check your answers".
  const officer = await asStaff('court.officer');
  const form = await officer.newPage();
  await form.setViewportSize({ width: 1024, height: 800 });
  await form.goto(`${stack.url}/proposals/new`);
  await fillStartForm(form, async (step) => {
    if (step !== 'adults') return;
    await form.locator('input:focus').blur(); // no focus ring in the picture
    await shot(form, '02-start-question-adults');
  });
  await shot(form, '03-check-your-answers');
  await press(form, '[data-qa="start-checks"]');
  const proposalId = new URL(form.url()).pathname.split('/').pop() ?? '';
  await form.close();
  const requests = await requestsFor(api, proposalId, 3);

  await shoot(anonymous, requests.police.url ?? '', '04-police-enquiry');
  await shoot(anonymous, requests.residents[0]?.url ?? '', '05-resident-consent');
  const welsh = await browser.newContext({ timezoneId: 'Europe/London', locale: 'cy-GB' });
  const welshPage = await welsh.newPage();
  await welshPage.setViewportSize({ width: 1024, height: 800 });
  await welshPage.goto(requests.residents[0]?.url ?? '');
  await welshPage.goto(`${stack.url}/respond?lang=cy`);
  await shot(welshPage, '06-resident-consent-welsh');
  await shoot(officer, `${stack.url}/proposals/${proposalId}`, '07-proposal-checks-outstanding');

  await api.answer(requests.police.url ?? '', informationHeld);
  await api.answer(requests.childrensServices.url ?? '', notKnown);
  await api.answer(requests.residents[0]?.url ?? '', consent);
  await statusBecomes(api, proposalId, 'AWAITING_DECISION');

  // The police link opened again after its answer: when it was used, and whom to contact.
  const police = await browser.newContext({ timezoneId: 'Europe/London', locale: 'en-GB' });
  const usedLink = await police.newPage();
  await usedLink.setViewportSize({ width: 1024, height: 800 });
  await usedLink.goto(requests.police.url ?? '');
  await shot(usedLink, '08-link-already-used');

  await shoot(officer, `${stack.url}/proposals/${proposalId}`, '09-proposal-awaiting-decision');
  await api.post(`/api/proposals/${proposalId}/decision`, { outcome: 'SUITABLE', riskOfSeriousHarm: 'MEDIUM', rationale: 'The police information is historic; the partner consents' }, 'court.officer');
  await statusBecomes(api, proposalId, 'AWAITING_COUNTERSIGN');
  const spo = await asStaff('spo');
  await shoot(spo, `${stack.url}/proposals/${proposalId}/countersign`, '10-countersign-with-reasons');

  // A second proposal, refused by its resident: unsuitable at once, the other checks stopped.
  const refused = proposalBody();
  const refusedId = await startChecks(api, { ...refused, defendant: { ...refused.defendant, givenName: 'Robin', familyName: 'Refused', crn: 'R200002' } });
  const refusedRequests = await requestsFor(api, refusedId, 3);
  await api.answer(refusedRequests.residents[0]?.url ?? '', refusal);
  await statusBecomes(api, refusedId, 'UNSUITABLE');
  await shoot(officer, `${stack.url}/proposals/${refusedId}`, '11-proposal-refused');
  await shoot(officer, `${stack.url}/proposals?show=all`, '12-my-proposals');

  const sentencer = await asStaff('sentencer');
  await shoot(sentencer, `${stack.url}/court-list?court=B01LY00&date=${refused.hearingDate}`, '13-court-list');
  await shoot(sentencer, `${stack.url}/court-list/${proposalId}`, '14-completeness');

  // The team's morning check-in: a hearing today and one on the next working day, one answer in.
  const today = todayInLondon();
  const forToday = proposalBody({ hearingDate: today });
  const todayId = await startChecks(api, { ...forToday, defendant: { ...forToday.defendant, givenName: 'Tess', familyName: 'Today', crn: 'T300003' } });
  const forNextDay = proposalBody({ hearingDate: nextWorkingDayAfter(today) });
  await startChecks(api, { ...forNextDay, defendant: { ...forNextDay.defendant, givenName: 'Nat', familyName: 'Nextday', crn: 'N400004' } });
  await api.answer((await requestsFor(api, todayId, 3)).police.url ?? '', noInformation);
  await shoot(officer, `${stack.url}/morning-check-in`, '15-morning-check-in');

  // Performance and quality: the counters 600 proposals of two South West courts over four months
  // leave behind (test/support/performance-seed.ts), as the browser test seeds them. The store reads
  // its table's name from the environment the stack has set: imported here, not above.
  const { addToCounters } = await import('#store/performance-counts');
  await addToCounters(syntheticCounters({ courts: ['B01LY00', 'B01CN00'], proposals: 600, days: 120, until: new Date(), region: 'SOUTH_WEST' }).counters);
  await shoot(spo, `${stack.url}/performance`, '16-performance');

  // Screenshots this script no longer takes would linger in the README's folder: remove them. The
  // asking-for-a-new-link ones are the browser test's (test/browser/new-link-request.test.ts, with
  // NEW_LINK_REQUEST_SCREENSHOTS=docs/screenshots): they stay.
  for (const file of await readdir(folder)) {
    if (file.endsWith('.png') && !saved.includes(file) && !file.startsWith('16-new-link-request-')) await rm(path.join(folder, file));
  }
  process.stdout.write(`Screenshots saved in ${folder}\n`);
} finally {
  await browser.close();
  await stack.stop();
}
