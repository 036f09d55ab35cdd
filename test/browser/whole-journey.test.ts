import { describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { addDays, todayInLondon } from '../support/dates.ts';
import { startChecks, viewOf } from '../support/journeys.ts';
import { useLocalStack } from '../support/local-stack.ts';
import { proposalBody } from '../support/proposals.ts';
import { expectNoAccessibilityViolations, newContext, useChromium } from './support/browser.ts';
import { AgencyEnquiryPage, LinkConfirmationPage, OutboxPage, ResidentQuestionPage, UnusableLinkPage } from './pages/link-pages.ts';
import { signedInContext } from './pages/staff-common.ts';
import { ProposalListPage } from './pages/staff-lists.ts';
import { ProposalPage, StartChecksPage, type StartChecksValues } from './pages/staff-officer.ts';
import { CountersignPage, QueuePage } from './pages/staff-spo.ts';
import { CompletenessPage, CourtListPage } from './pages/staff-sentencer.ts';

/**
 * The whole journey in the browser, as each person would make it: the officer starts the checks;
 * the police, children's services and the resident answer from the links in the outbox; the
 * officer decides; the senior probation officer countersigns; the sentencer sees completeness.
 * Once with JavaScript (and axe on every page), once without. Then, with JavaScript, the two
 * journeys the safeguarding rules change: consent recorded "not alone" that the senior probation
 * officer sends back, and a second round; and a resident's refusal that ends the checks early.
 * Those two run axe on each page state the first journey has not already checked.
 */
const { stack, api } = useLocalStack({ linkRequestsPerMinute: 1000 });
const browser = useChromium();
const restricted = 'Two call-outs to the address in 2025 (browser journey).';
const police = 'domestic-abuse-enquiries@wiltshire.police.example';
const childrensServices = 'mash@swindon.council.example';
/** Every address any page asked for: all must be this machine's (no third-party requests). */
const requestedHosts = new Set<string>();
const recordRequests = (context: BrowserContext) => context.on('request', (request) => requestedHosts.add(new URL(request.url()).hostname));
const noAxe = async () => {};

async function answerFromOutbox(javaScriptEnabled: boolean, proposalId: string, recipient: string, act: (page: Page) => Promise<void>): Promise<void> {
  const context = await newContext(browser(), { javaScriptEnabled });
  recordRequests(context);
  const page = await context.newPage();
  await page.goto(`${stack.url}/dev/outbox`);
  await new OutboxPage(page).verifyOnPage();
  await Promise.all([page.waitForNavigation(), new OutboxPage(page).linkTo(recipient, proposalId).first().click()]);
  expect(new URL(page.url()).pathname).toBe('/respond');
  await act(page);
  await context.close();
}

/** A resident's phone: small touch screen, in London. */
async function phoneContext(): Promise<BrowserContext> {
  const context = await browser().newContext({ timezoneId: 'Europe/London', locale: 'en-GB', viewport: { width: 375, height: 667 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
  recordRequests(context);
  return context;
}

/** The outbox's messages about one proposal, newest first, read in a browser of their own. */
async function outboxMessagesAbout(proposalId: string) {
  const context = await newContext(browser());
  recordRequests(context);
  const page = await context.newPage();
  await page.goto(`${stack.url}/dev/outbox`);
  const messages = await (await new OutboxPage(page).verifyOnPage()).messagesAbout(proposalId);
  await context.close();
  return messages;
}

/**
 * The officer starts the checks, one short page at a time, and sends them from "Check your
 * answers" (nothing is sent before): the proposal page shows the three requests sent.
 */
async function startChecksInBrowser(page: Page, resident: StartChecksValues['resident'], axe: (page: Page) => Promise<void>) {
  const today = todayInLondon();
  const hearingDate = addDays(today, 15);
  const curfewStart = addDays(hearingDate, 1);
  await page.goto(`${stack.url}/proposals/new`);
  const form = await new StartChecksPage(page).verifyOnPage();
  await form.fill({
    hearingDate,
    convictionDate: today,
    curfewStart,
    curfewEnd: addDays(curfewStart, 60),
    period: { days: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'], from: '19:00', to: '07:00' },
    resident,
  });
  // Nothing is sent until the officer has checked the answers.
  await new StartChecksPage(page, 'check').verifyOnPage();
  await axe(page);
  await form.submit();
  const proposal = await new ProposalPage(page).verifyOnPage();
  const proposalId = /\/proposals\/([0-9a-f-]{36})/.exec(page.url())?.[1] ?? '';
  expect(await proposal.checkStatuses()).toEqual(['REQUESTED', 'REQUESTED', 'REQUESTED']);
  await axe(page);
  return { proposal, proposalId, hearingDate };
}

/** The police and children's services answer from their links: nothing known (the enquiry pages are checked with axe in the first journey). */
async function agenciesAnswerNothingKnown(proposalId: string): Promise<void> {
  await answerFromOutbox(true, proposalId, police, async (page) => {
    const enquiry = await new AgencyEnquiryPage(page, 'Domestic abuse enquiry').verifyOnPage();
    await enquiry.answer({ outcome: 'No information held', name: 'PC Jordan Lee', role: 'Domestic abuse officer', organisation: 'Wiltshire Police' });
    await enquiry.send();
    await new LinkConfirmationPage(page, 'Answer sent').verifyOnPage();
  });
  await answerFromOutbox(true, proposalId, childrensServices, async (page) => {
    const enquiry = await new AgencyEnquiryPage(page, 'Child safeguarding enquiry').verifyOnPage();
    await enquiry.answer({ outcome: "Not known to children's services", name: 'Chris Ward', role: 'MASH social worker', organisation: 'Swindon Borough Council' });
    await enquiry.send();
    await new LinkConfirmationPage(page, 'Answer sent').verifyOnPage();
  });
}

describe('the whole journey in the browser', () => {
  it.each([true, false])('from the officer starting checks to the sentencer seeing them complete (JavaScript %s)', async (javaScriptEnabled) => {
    const axe = async (page: Page) => {
      if (javaScriptEnabled) await expectNoAccessibilityViolations(page);
    };

    // The court officer signs in through the sign-in pages and starts the checks, one short page at a time.
    const officer = await signedInContext(browser(), stack.url, 'court.officer', { javaScriptEnabled, throughSignInPages: true });
    recordRequests(officer.context);
    const { proposal, proposalId, hearingDate } = await startChecksInBrowser(officer.page, { fullName: 'Alex Journey', relationship: 'PARTNER', email: 'alex.journey@example.org' }, axe);

    // The police answer: information held, not for disclosure.
    await answerFromOutbox(javaScriptEnabled, proposalId, police, async (page) => {
      const enquiry = await new AgencyEnquiryPage(page, 'Domestic abuse enquiry').verifyOnPage();
      await axe(page);
      await enquiry.answer({ outcome: 'Information held', summary: restricted, restricted: true, name: 'DS Pat Quinn', role: 'Public protection unit', organisation: 'Wiltshire Police' });
      await enquiry.send();
      await new LinkConfirmationPage(page, 'Answer sent').verifyOnPage();
      await axe(page);
    });

    // Children's services answer: not known.
    await answerFromOutbox(javaScriptEnabled, proposalId, childrensServices, async (page) => {
      const enquiry = await new AgencyEnquiryPage(page, 'Child safeguarding enquiry').verifyOnPage();
      await enquiry.answer({ outcome: "Not known to children's services", name: 'Chris Ward', role: 'MASH social worker', organisation: 'Swindon Borough Council' });
      await enquiry.send();
      await new LinkConfirmationPage(page, 'Answer sent').verifyOnPage();
    });

    // The resident agrees.
    await answerFromOutbox(javaScriptEnabled, proposalId, 'alex.journey@example.org', async (page) => {
      const question = await new ResidentQuestionPage(page).verifyOnPage();
      await axe(page);
      await question.choose('Yes, I agree');
      await page.getByLabel('I understand what this means').check();
      await question.send();
      expect(await page.locator('[data-qa="confirmation"]').count()).toBe(1);
      await axe(page);
    });

    // The officer decides suitable; a concern was raised, so it awaits countersignature.
    await proposal.reloadUntilStatus('AWAITING_DECISION');
    await axe(officer.page);
    await proposal.recordDecision('SUITABLE', 'Curfew hours avoid the times of the call-outs; risk managed.', 'MEDIUM');
    expect(await proposal.status()).toBe('AWAITING_COUNTERSIGN');

    // The senior probation officer countersigns.
    const spo = await signedInContext(browser(), stack.url, 'spo', { javaScriptEnabled });
    recordRequests(spo.context);
    await spo.page.goto(`${stack.url}/queue`);
    const queue = await new QueuePage(spo.page).verifyOnPage();
    await axe(spo.page);
    await Promise.all([spo.page.waitForNavigation(), queue.countersignRow(proposalId).getByRole('link').first().click()]);
    const countersign = await new CountersignPage(spo.page, 'Sam Browser').verifyOnPage();
    await axe(spo.page);
    await countersign.countersign(true, 'Agreed: hours and monitoring manage the risk.');

    // The sentencer sees the checks complete and where each answer came from, never the restricted text.
    const sentencer = await signedInContext(browser(), stack.url, 'sentencer', { javaScriptEnabled });
    recordRequests(sentencer.context);
    await sentencer.page.goto(`${stack.url}/court-list?court=B01LY00&date=${hearingDate}`);
    const list = await new CourtListPage(sentencer.page).verifyOnPage();
    await axe(sentencer.page);
    expect(await list.row(proposalId).textContent()).toMatch(/Suitable/);
    await Promise.all([sentencer.page.waitForNavigation(), list.row(proposalId).getByRole('link').first().click()]);
    await new CompletenessPage(sentencer.page, 'Sam Browser').verifyOnPage();
    await axe(sentencer.page);
    const completeness = (await sentencer.page.locator('main').textContent()) ?? '';
    expect(completeness).toContain('Wiltshire Police');
    expect(completeness).not.toContain(restricted);

    await Promise.all([officer.context.close(), spo.context.close(), sentencer.context.close()]);
    expect([...requestedHosts]).toEqual(['127.0.0.1']);
  }, 240_000);

  it('consent recorded "not alone" reaches the senior probation officer, who sends the decision back; the officer takes consent again, alone, and the second decision is countersigned', async () => {
    const axe = expectNoAccessibilityViolations;
    const officer = await signedInContext(browser(), stack.url, 'court.officer');
    recordRequests(officer.context);
    const { proposal, proposalId, hearingDate } = await startChecksInBrowser(officer.page, { fullName: 'Alex Resident', relationship: 'PARTNER', email: 'alex.resident@example.org' }, noAxe);
    await agenciesAnswerNothingKnown(proposalId);

    // The officer reaches the resident by phone, with someone else in the room, and records it as said.
    await proposal.recordConsent('Alex Resident', { consent: true, method: 'By phone', alone: false });
    await proposal.reloadUntilStatus('AWAITING_DECISION');
    expect(await proposal.consentAdvice()).toEqual([expect.stringContaining('Alex Resident was not spoken to alone when their consent was recorded. Before you decide, contact Alex Resident again, alone')]);
    expect(await proposal.countersignNote()).toBe('An answer raised a concern, so a senior probation officer must countersign a suitable decision.');
    await axe(officer.page);
    await proposal.recordDecision('SUITABLE', 'Resident agreed by phone', 'MEDIUM');
    expect(await proposal.status()).toBe('AWAITING_COUNTERSIGN');

    // The senior probation officer sees why on the queue and on the countersign page, and sends the decision back.
    const spo = await signedInContext(browser(), stack.url, 'spo');
    recordRequests(spo.context);
    await spo.page.goto(`${stack.url}/queue`);
    const queue = await new QueuePage(spo.page).verifyOnPage();
    expect(await queue.countersignReasons(proposalId)).toBe('Alex Resident was not spoken to alone when their consent was recorded');
    await axe(spo.page);
    await queue.openCountersign(proposalId);
    const countersign = await new CountersignPage(spo.page).verifyOnPage();
    expect(await countersign.concernReasons()).toEqual(['Alex Resident was not spoken to alone when their consent was recorded']);
    await axe(spo.page);
    await countersign.countersign(false, 'Speak to Alex again, alone, before deciding');
    await queue.verifyOnPage();
    expect(await queue.successBanner()).toContain('sent back to the officer');
    expect(await queue.countersignRow(proposalId).count()).toBe(0);
    await axe(spo.page);
    // The officer is told.
    const returnedNotices = (await outboxMessagesAbout(proposalId)).filter((message) => message.kind === 'DECISION_RETURNED');
    expect(returnedNotices).toEqual([expect.objectContaining({ to: 'court.officer@probation.example', link: false })]);

    // The officer finds it waiting for them, sees the comment and the advice, records consent again (alone) and decides again.
    await officer.page.goto(`${stack.url}/proposals`);
    const myProposals = await new ProposalListPage(officer.page).verifyOnPage();
    await myProposals.filter('Waiting for you');
    expect(await myProposals.rows()).toContain(proposalId);
    await myProposals.open(proposalId);
    await proposal.verifyOnPage();
    expect(await proposal.status()).toBe('AWAITING_DECISION');
    expect(await proposal.returnedComments()).toEqual(['Speak to Alex again, alone, before deciding']);
    expect(await proposal.consentAdvice()).toEqual([expect.stringContaining('contact Alex Resident again, alone')]);
    expect(await officer.page.locator('[data-qa="consent-form"] h2').allInnerTexts()).toEqual(['Record consent from Alex Resident again']);
    expect(await proposal.countersignNote()).toBe('A senior probation officer sent a decision back, so they must countersign a new suitable decision.');
    await axe(officer.page);
    await proposal.recordConsent('Alex Resident', { consent: true, method: 'In person', alone: true });
    expect(await proposal.consentAdvice()).toEqual([]);
    await proposal.recordDecision('SUITABLE', 'Spoke to Alex alone; she consents', 'MEDIUM');
    await proposal.reloadUntilStatus('AWAITING_COUNTERSIGN');
    await axe(officer.page);

    // The senior probation officer sees why it is back (no concern is left, but a decision was sent back), and agrees this time.
    await spo.page.goto(`${stack.url}/queue`);
    await queue.verifyOnPage();
    expect(await queue.countersignReasons(proposalId)).toBe('A senior probation officer sent an earlier decision back');
    await queue.openCountersign(proposalId);
    await countersign.verifyOnPage();
    expect(await countersign.earlierReturns()).toEqual([expect.stringContaining('Speak to Alex again, alone, before deciding')]);
    await axe(spo.page);
    await countersign.countersign(true, 'Agreed: spoken to alone, she consents.');
    await queue.verifyOnPage();
    expect(await queue.successBanner()).toBe('Your countersignature has been recorded.');

    // The sentencer sees it suitable.
    const sentencer = await signedInContext(browser(), stack.url, 'sentencer');
    recordRequests(sentencer.context);
    await sentencer.page.goto(`${stack.url}/court-list?court=B01LY00&date=${hearingDate}`);
    const list = await new CourtListPage(sentencer.page).verifyOnPage();
    expect(await list.suitability(proposalId)).toBe('Suitable');

    // The audit trail keeps both rounds.
    const rounds = (await viewOf(api, proposalId)).events.map((event) => event.type).filter((type) => ['DECISION_SUITABLE', 'COUNTERSIGNATURE_REFUSED', 'CONSENT_RECORDED_AGAIN', 'COUNTERSIGNED'].includes(type));
    expect(rounds).toEqual(['DECISION_SUITABLE', 'COUNTERSIGNATURE_REFUSED', 'CONSENT_RECORDED_AGAIN', 'DECISION_SUITABLE', 'COUNTERSIGNED']);

    await Promise.all([officer.context.close(), spo.context.close(), sentencer.context.close()]);
    expect([...requestedHosts]).toEqual(['127.0.0.1']);
  }, 240_000);

  it("a resident's refusal on their phone ends the checks at once: the agencies are told they need not answer, and the court sees unsuitable without who refused", async () => {
    const axe = expectNoAccessibilityViolations;
    // Started as the others are, but through the API: the start pages are covered three times above.
    const body = proposalBody({ hearingDate: addDays(todayInLondon(), 15), residents: [{ fullName: 'Pat Parent', relationship: 'PARENT', email: 'pat.parent@example.org', language: 'en' }] });
    const proposalId = await startChecks(api, { ...body, defendant: { ...body.defendant, givenName: 'Sam', familyName: 'Browser' } });
    const officer = await signedInContext(browser(), stack.url, 'court.officer');
    recordRequests(officer.context);
    await officer.page.goto(`${stack.url}/proposals/${proposalId}`);
    const proposal = await new ProposalPage(officer.page).verifyOnPage();
    await proposal.reloadUntil(async () => (await proposal.checkStatuses()).join() === 'REQUESTED,REQUESTED,REQUESTED', 'the requests to be sent');

    // The resident refuses from their link, on their phone, before the police or children's services answer.
    // (The link is taken from the outbox as from their email: the outbox, a local tool, is not laid out for a phone.)
    const phone = await phoneContext();
    const page = await phone.newPage();
    await page.goto(`${stack.url}/dev/outbox`);
    await page.goto((await new OutboxPage(page).linkTo('pat.parent@example.org', proposalId).first().getAttribute('href')) ?? '');
    expect(new URL(page.url()).pathname).toBe('/respond');
    const question = await new ResidentQuestionPage(page).verifyOnPage();
    await axe(page);
    await question.choose('No, I do not agree');
    await question.send();
    const sent = await new LinkConfirmationPage(page, 'Answer sent').verifyOnPage();
    expect(await sent.panel().innerText()).toContain('You said you do not agree.');
    await axe(page);
    await phone.close();

    // The officer's page shows it unsuitable without waiting for the agencies, whose requests are stopped.
    await proposal.reloadUntilStatus('UNSUITABLE');
    expect(await proposal.checkStatuses()).toEqual(['CANCELLED', 'CANCELLED', 'RESPONDED']);
    const officerView = (await officer.page.locator('main').innerText()).replace(/\s+/g, ' ');
    expect(officerView).toContain('Unsuitable');
    expect(officerView).toContain('A resident has not given consent for this address.');
    expect(await officer.page.locator('[data-qa="waiting-for"]').count()).toBe(0);
    await axe(officer.page);

    // The police and children's services are told the enquiry is no longer needed (no link), and the link they were sent no longer works.
    const notices = (await outboxMessagesAbout(proposalId)).filter((message) => message.kind === 'NO_LONGER_NEEDED');
    expect(notices.map((message) => message.to).sort()).toEqual([childrensServices, police].sort());
    expect(notices.every((message) => !message.link)).toBe(true);
    await answerFromOutbox(true, proposalId, police, async (link) => {
      await new UnusableLinkPage(link).verifyOnPage();
      await axe(link);
    });

    // The court sees it unsuitable, and that consent was not given for the address, never who refused.
    const sentencer = await signedInContext(browser(), stack.url, 'sentencer');
    recordRequests(sentencer.context);
    await sentencer.page.goto(`${stack.url}/court-list?court=B01LY00&date=${body.hearingDate}`);
    const list = await new CourtListPage(sentencer.page).verifyOnPage();
    expect(await list.suitability(proposalId)).toBe('Unsuitable');
    await axe(sentencer.page);
    await list.open(proposalId);
    const completeness = await new CompletenessPage(sentencer.page).verifyOnPage();
    const residentCard = await completeness.cards('RESIDENT_CONSENT').innerText();
    expect(residentCard).toContain('Consent not given for this address');
    expect(residentCard).not.toContain('Cancelled');
    const courtView = (await sentencer.page.locator('body').innerText()).replace(/\s+/g, ' ');
    for (const telltale of ['Pat Parent', 'pat.parent@example.org', 'parent', 'You said you do not agree']) {
      expect(courtView, `the court can tell who refused from "${telltale}"`).not.toContain(telltale);
    }
    await axe(sentencer.page);

    await Promise.all([officer.context.close(), sentencer.context.close()]);
    expect([...requestedHosts]).toEqual(['127.0.0.1']);
  }, 240_000);
});
