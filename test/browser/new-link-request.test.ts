import { afterAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { englishResidentPhrases } from '../../functions/pages/link/translations.ts';
import { setClockOffsetForTesting } from '#runtime/clock';
import { isWorkingDay } from '#domain/working-days';
import { addDays, todayInLondon } from '../support/dates.ts';
import { requestsFor, startChecks } from '../support/journeys.ts';
import { useLocalStack } from '../support/local-stack.ts';
import { consent, proposalBody } from '../support/proposals.ts';
import { expectNoAccessibilityViolations, useChromium } from './support/browser.ts';
import { NewLinkRequestedPage, OutboxPage, UnusableLinkPage } from './pages/link-pages.ts';
import { signedInContext } from './pages/staff-common.ts';
import { ProposalPage } from './pages/staff-officer.ts';

/**
 * Issue 16, section 4: a resident whose link expired asks for a new one from the link page, on a
 * phone, in English and in Welsh; the officer sees the request and sends the new link with one
 * click; the old link stops. Axe on each page state.
 */
const { stack, api } = useLocalStack({ linkRequestsPerMinute: 1000 });
const browser = useChromium();

// `NEW_LINK_REQUEST_SCREENSHOTS=docs/screenshots` takes the README's screenshots as it goes.
const screenshots = process.env.NEW_LINK_REQUEST_SCREENSHOTS;

afterAll(() => {
  setClockOffsetForTesting(0);
});

/** A resident's phone: small touch screen, in London. */
async function newPhonePage(): Promise<Page> {
  const context = await browser().newContext({ timezoneId: 'Europe/London', locale: 'en-GB', viewport: { width: 375, height: 667 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
  return context.newPage();
}

async function bodyText(page: Page): Promise<string> {
  return (await page.locator('body').innerText()).replace(/\s+/g, ' ');
}

/** A phone's whole page; the officer's long proposal page as its window shows it (the banners are at the top). */
async function shot(page: Page, name: string, fullPage = true): Promise<void> {
  if (screenshots !== undefined) await page.screenshot({ path: `${screenshots}/16-new-link-request-${name}.png`, fullPage });
}

const residents = [
  { fullName: 'Alex Resident', relationship: 'PARTNER', email: 'alex@example.org', language: 'en' },
  { fullName: 'Bryn Preswylydd', relationship: 'PARENT', email: 'bryn@example.org', language: 'cy' },
];

describe('asking for a new link', () => {
  it('lets residents whose links expired ask for new ones on a phone, in English and Welsh, and the officer send one with one click; the police mailbox gets its morning digest', async () => {
    // Prepare: checks started; eight or more days later (a working day, for the agencies' digest
    // below) the residents' seven-day links have expired and their checks still wait.
    const body = { ...proposalBody({ residents }), defendant: { ...proposalBody().defendant, givenName: 'Sam', familyName: 'Browser' } };
    const proposalId = await startChecks(api, body);
    const requests = await requestsFor(api, proposalId, 4);
    const linkOf = (email: string) => requests.residents.find((message) => message.to === email)?.url ?? '';
    let daysLater = 8;
    while (!isWorkingDay(addDays(todayInLondon(), daysLater))) daysLater += 1;
    setClockOffsetForTesting(daysLater * 24 * 3600_000);

    // The Welsh resident's expired link: the page, in Welsh, offers a new link.
    const welsh = await newPhonePage();
    expect((await welsh.goto(linkOf('bryn@example.org')))?.status()).toBe(410);
    const welshUnusable = await new UnusableLinkPage(welsh, 'cy').verifyOnPage();
    expect(await welshUnusable.askForNewLinkButton().innerText()).toBe('Gofyn am ddolen newydd');
    await expectNoAccessibilityViolations(welsh);
    await shot(welsh, '1-expired-welsh');
    await welshUnusable.askForNewLink();
    await new NewLinkRequestedPage(welsh, 'ASKED', 'cy').verifyOnPage();
    expect(await welsh.locator('html').getAttribute('lang')).toBe('cy');
    const welshText = await bodyText(welsh);
    for (const phrase of englishResidentPhrases()) expect(welshText, `English left on a Welsh page: "${phrase}"`).not.toContain(phrase);
    expect(welshText).toContain('swindon.court.team@probation.example');
    expect(await welsh.locator('[data-qa="exit-this-page"]').count()).toBe(1);
    await expectNoAccessibilityViolations(welsh);
    await shot(welsh, '2-asked-welsh');

    // The English resident asks, then asks again from the same page (back, and the button again).
    const english = await newPhonePage();
    await english.goto(linkOf('alex@example.org'));
    const englishUnusable = await new UnusableLinkPage(english).verifyOnPage();
    await expectNoAccessibilityViolations(english);
    await englishUnusable.askForNewLink();
    await new NewLinkRequestedPage(english, 'ASKED').verifyOnPage();
    // No case details: not the defendant, not the address, not the curfew.
    expect(await bodyText(english)).not.toMatch(/Sam|Browser|High Street|SN1 1AA|7pm/);
    await expectNoAccessibilityViolations(english);
    await shot(english, '3-asked');
    await english.goBack();
    await new UnusableLinkPage(english).askForNewLink();
    await new NewLinkRequestedPage(english, 'ALREADY_ASKED').verifyOnPage();
    await expectNoAccessibilityViolations(english);

    // The officer sees both requests at the top of the proposal page and sends Alex a new link with one click.
    const { page: officer } = await signedInContext(browser(), stack.url, 'court.officer');
    await officer.goto(`${stack.url}/proposals/${proposalId}`);
    const proposal = await new ProposalPage(officer).verifyOnPage();
    expect((await proposal.newLinkRequests()).sort()).toEqual(['Alex Resident asked for a new link', 'Bryn Preswylydd asked for a new link']);
    await expectNoAccessibilityViolations(officer);
    await shot(officer, '4-officer-told', false);
    await proposal.sendNewLink('Alex Resident');
    expect(await proposal.newLinkRequests()).toEqual(['Bryn Preswylydd asked for a new link']);
    expect(await officer.locator('[data-qa="success-banner"]').count()).toBe(1);
    await expectNoAccessibilityViolations(officer);
    await shot(officer, '5-officer-sent', false);

    // Assess: Alex's old link answers nothing; the new one does.
    const newLink = (await api.outbox()).find((message) => message.proposalId === proposalId && message.id.startsWith('RESEND#') && message.to === 'alex@example.org')?.url ?? '';
    expect((await api.answer(linkOf('alex@example.org'), consent)).status).toBe(410);
    expect((await api.answer(newLink, consent)).status).toBe(200);

    // That working morning the police's enquiry still waits: their mailbox gets one digest, which
    // the local outbox page lists with how many enquiries it names (and no link: digests carry none).
    expect(await stack.runScheduledFunction('send-agency-digests')).toMatchObject({ workingDay: true });
    await officer.goto(`${stack.url}/dev/outbox`);
    await new OutboxPage(officer).verifyOnPage();
    const digest = officer.locator('[data-qa="outbox-message"]').filter({ hasText: "Agency's morning digest of outstanding enquiries" }).filter({ hasText: 'domestic-abuse-enquiries@wiltshire.police.example' });
    expect(await digest.count()).toBe(1);
    expect(await digest.innerText()).toMatch(/1 outstanding/);
    expect(await digest.locator('[data-qa="outbox-link"]').count()).toBe(0);
    await expectNoAccessibilityViolations(officer);
  });
});
