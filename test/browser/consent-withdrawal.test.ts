import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { englishResidentPhrases } from '../../functions/pages/link/translations.ts';
import { eventually } from '../support/api-client.ts';
import { requestsFor, startChecks, statusBecomes, viewOf } from '../support/journeys.ts';
import { useLocalStack } from '../support/local-stack.ts';
import { consent, noInformation, notKnown, proposalBody } from '../support/proposals.ts';
import { expectNoAccessibilityViolations, useChromium } from './support/browser.ts';
import { AlreadyWithdrawnPage, ConsentWithdrawnPage, UnusableLinkPage, WithdrawConsentPage, errorSummaryOf } from './pages/link-pages.ts';
import { signedInContext } from './pages/staff-common.ts';
import { ProposalPage, RecordConsentWithdrawalForm } from './pages/staff-officer.ts';

/**
 * Issue 17, part 3: a resident withdraws their consent through the link in their confirmation, on
 * a phone, in English and in Welsh, before and after the link is used; the officer records a
 * resident's withdrawal from the proposal page. Axe on each page state.
 */
const { stack, api } = useLocalStack({ linkRequestsPerMinute: 1000 });
const browser = useChromium();

// `WITHDRAWAL_SCREENSHOTS=/tmp/withdraw-shots` keeps a screenshot of each page state.
const screenshots = process.env.WITHDRAWAL_SCREENSHOTS;

async function newPhonePage(): Promise<Page> {
  const context = await browser().newContext({ timezoneId: 'Europe/London', locale: 'en-GB', viewport: { width: 375, height: 667 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
  return context.newPage();
}

async function bodyText(page: Page): Promise<string> {
  return (await page.locator('body').innerText()).replace(/\s+/g, ' ');
}

async function shot(page: Page, name: string): Promise<void> {
  if (screenshots !== undefined) await page.screenshot({ path: `${screenshots}/17-withdrawal-${name}.png`, fullPage: true });
}

const residents = [
  { fullName: 'Alex Resident', relationship: 'PARTNER', email: 'alex@example.org', language: 'en' },
  { fullName: 'Bryn Preswylydd', relationship: 'PARENT', email: 'bryn@example.org', language: 'cy' },
];

/** Checks started and answered, every resident consenting through their link: their confirmations carry the withdrawal links. */
async function everyoneConsented(): Promise<{ proposalId: string; withdrawalLinkOf: (email: string) => string }> {
  const body = { ...proposalBody({ residents }), defendant: { ...proposalBody().defendant, givenName: 'Sam', familyName: 'Browser' } };
  const proposalId = await startChecks(api, body);
  const requests = await requestsFor(api, proposalId, 4);
  await api.answer(requests.police.url ?? '', noInformation);
  await api.answer(requests.childrensServices.url ?? '', notKnown);
  for (const resident of requests.residents) await api.answer(resident.url ?? '', consent);
  const confirmations = await eventually(async () => {
    const found = (await api.outbox()).filter((message) => message.proposalId === proposalId && message.kind === 'CONSENT_CONFIRMED');
    return found.length === 2 ? found : undefined;
  }, 'both confirmations');
  return { proposalId, withdrawalLinkOf: (email) => confirmations.find((message) => message.to === email)?.url ?? '' };
}

describe('withdrawing consent', () => {
  it('lets a Welsh resident withdraw on a phone through their link: opening it changes nothing, the button withdraws once, and the spent link says so', async () => {
    const { proposalId, withdrawalLinkOf } = await everyoneConsented();
    await statusBecomes(api, proposalId, 'AWAITING_DECISION');

    const welsh = await newPhonePage();
    expect((await welsh.goto(withdrawalLinkOf('bryn@example.org')))?.status()).toBe(200);
    const page = await new WithdrawConsentPage(welsh, 'cy').verifyOnPage();
    expect(await welsh.locator('html').getAttribute('lang')).toBe('cy');
    const text = await bodyText(welsh);
    for (const phrase of englishResidentPhrases()) expect(text, `English left on a Welsh page: "${phrase}"`).not.toContain(phrase);
    for (const detail of ['Sam', 'Browser', 'High Street', 'Bryn']) expect(text).not.toContain(detail);
    expect(await welsh.locator('[data-qa="exit-this-page"]').count()).toBe(1);
    expect(await welsh.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(375);
    await expectNoAccessibilityViolations(welsh);
    await shot(welsh, '1-welsh');
    // Reading the page (twice) changed nothing.
    await welsh.reload();
    expect((await viewOf(api, proposalId)).status).toBe('AWAITING_DECISION');

    await page.withdraw();
    await new ConsentWithdrawnPage(welsh, 'cy').verifyOnPage();
    expect(await welsh.locator('[data-qa="confirmation"]').count()).toBe(1);
    await expectNoAccessibilityViolations(welsh);
    await shot(welsh, '2-welsh-withdrawn');
    expect((await viewOf(api, proposalId)).status).toBe('UNSUITABLE');

    // The same link again: done before, nothing changes; the English version through the language switch.
    expect((await welsh.goto(withdrawalLinkOf('bryn@example.org')))?.status()).toBe(410);
    await new AlreadyWithdrawnPage(welsh, 'cy').verifyOnPage();
    await welsh.locator('[data-qa="language-en"]').click();
    const used = await new AlreadyWithdrawnPage(welsh, 'en').verifyOnPage();
    expect((await used.lines())[0]).toMatch(/^This link was used to withdraw your consent on /);
    await expectNoAccessibilityViolations(welsh);
    await shot(welsh, '3-used-english');
    expect((await viewOf(api, proposalId)).events.filter((event) => event.type === 'CONSENT_WITHDRAWN')).toHaveLength(1);

    // An unknown link gets the page every unusable link gets.
    expect((await welsh.goto(`${stack.url}/w/${'A'.repeat(43)}`))?.status()).toBe(404);
    await new UnusableLinkPage(welsh, 'en').verifyOnPage();
  });

  it('lets an English resident withdraw on a phone, and the officer record a withdrawal from the proposal page, with an error when no resident is chosen', async () => {
    const { proposalId, withdrawalLinkOf } = await everyoneConsented();
    await statusBecomes(api, proposalId, 'AWAITING_DECISION');

    const { page: officer } = await signedInContext(browser(), stack.url, 'court.officer');
    await officer.goto(`${stack.url}/proposals/${proposalId}`);
    await new ProposalPage(officer).verifyOnPage();
    const form = new RecordConsentWithdrawalForm(officer);
    await form.record(undefined);
    expect(await errorSummaryOf(officer)).toEqual([{ text: 'Choose the resident who withdrew their consent', href: '#consent-withdrawal-checkId' }]);
    await expectNoAccessibilityViolations(officer);
    await form.record('Alex Resident');
    const proposal = await new ProposalPage(officer).verifyOnPage();
    expect(await proposal.status()).toBe('UNSUITABLE');
    expect(await form.withdrawnNotice().innerText()).toContain('Alex Resident withdrew their consent by telling the probation officer');
    await expectNoAccessibilityViolations(officer);
    if (screenshots !== undefined) await officer.screenshot({ path: `${screenshots}/17-withdrawal-4-officer.png`, fullPage: true });

    // Alex's own link now says the team already recorded it.
    const english = await newPhonePage();
    expect((await english.goto(withdrawalLinkOf('alex@example.org')))?.status()).toBe(410);
    const recorded = await new AlreadyWithdrawnPage(english, 'en').verifyOnPage();
    expect((await recorded.lines())[0]).toBe('The probation court team has already recorded that you withdrew your consent.');
    await expectNoAccessibilityViolations(english);
    await shot(english, '5-recorded-english');

    // Bryn, in English by choice, withdraws too: the proposal stays unsuitable, recorded once more.
    expect((await english.goto(withdrawalLinkOf('bryn@example.org')))?.status()).toBe(200);
    await english.locator('[data-qa="language-en"]').click();
    const page = await new WithdrawConsentPage(english, 'en').verifyOnPage();
    await expectNoAccessibilityViolations(english);
    await shot(english, '6-english');
    await page.withdraw();
    await new ConsentWithdrawnPage(english, 'en').verifyOnPage();
    await expectNoAccessibilityViolations(english);
    await shot(english, '7-english-withdrawn');
    expect((await viewOf(api, proposalId)).events.filter((event) => event.type === 'CONSENT_WITHDRAWN')).toHaveLength(2);
  });
});
