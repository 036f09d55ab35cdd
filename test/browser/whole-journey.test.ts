import { describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { addDays, todayInLondon } from '../support/dates.ts';
import { useLocalStack } from '../support/local-stack.ts';
import { expectNoAccessibilityViolations, newContext, useChromium } from './support/browser.ts';
import { AgencyEnquiryPage, LinkConfirmationPage, OutboxPage, ResidentQuestionPage } from './pages/link-pages.ts';
import { signedInContext } from './pages/staff-common.ts';
import { ProposalPage, StartChecksPage } from './pages/staff-officer.ts';
import { CountersignPage, QueuePage } from './pages/staff-spo.ts';
import { CompletenessPage, CourtListPage } from './pages/staff-sentencer.ts';

/**
 * The whole journey in the browser, as each person would make it: the officer starts the checks;
 * the police, children's services and the resident answer from the links in the outbox; the
 * officer decides; the senior probation officer countersigns; the sentencer sees completeness.
 * Once with JavaScript (and axe on every page), once without.
 */
const { stack } = useLocalStack({ linkRequestsPerMinute: 1000 });
const browser = useChromium();
const restricted = 'Two call-outs to the address in 2025 (browser journey).';
/** Every address any page asked for: all must be this machine's (no third-party requests). */
const requestedHosts = new Set<string>();
const recordRequests = (context: BrowserContext) => context.on('request', (request) => requestedHosts.add(new URL(request.url()).hostname));

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

describe('the whole journey in the browser', () => {
  it.each([true, false])('from the officer starting checks to the sentencer seeing them complete (JavaScript %s)', async (javaScriptEnabled) => {
    const axe = async (page: Page) => {
      if (javaScriptEnabled) await expectNoAccessibilityViolations(page);
    };
    const today = todayInLondon();
    const hearingDate = addDays(today, 15);
    const curfewStart = addDays(hearingDate, 1);

    // The court officer starts the checks, one short page at a time.
    const officer = await signedInContext(browser(), stack.url, 'court.officer', { javaScriptEnabled });
    recordRequests(officer.context);
    await officer.page.goto(`${stack.url}/proposals/new`);
    const form = await new StartChecksPage(officer.page).verifyOnPage();
    await form.fill({
      hearingDate,
      convictionDate: today,
      curfewStart,
      curfewEnd: addDays(curfewStart, 60),
      period: { days: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'], from: '19:00', to: '07:00' },
      resident: { fullName: 'Alex Journey', relationship: 'PARTNER', email: 'alex.journey@example.org' },
    });
    // Nothing is sent until the officer has checked the answers.
    await new StartChecksPage(officer.page, 'check').verifyOnPage();
    await axe(officer.page);
    await form.submit();
    const proposal = await new ProposalPage(officer.page).verifyOnPage();
    const proposalId = /\/proposals\/([0-9a-f-]{36})/.exec(officer.page.url())?.[1] ?? '';
    expect(await proposal.checkStatuses()).toEqual(['REQUESTED', 'REQUESTED', 'REQUESTED']);
    await axe(officer.page);

    // The police answer: information held, not for disclosure.
    await answerFromOutbox(javaScriptEnabled, proposalId, 'domestic-abuse-enquiries@wiltshire.police.example', async (page) => {
      const enquiry = await new AgencyEnquiryPage(page, 'Domestic abuse enquiry').verifyOnPage();
      await axe(page);
      await enquiry.answer({ outcome: 'Information held', summary: restricted, restricted: true, name: 'DS Pat Quinn', role: 'Public protection unit', organisation: 'Wiltshire Police' });
      await enquiry.send();
      await new LinkConfirmationPage(page, 'Answer sent').verifyOnPage();
      await axe(page);
    });

    // Children's services answer: not known.
    await answerFromOutbox(javaScriptEnabled, proposalId, 'mash@swindon.council.example', async (page) => {
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
    await proposal.recordDecision('SUITABLE', 'Curfew hours avoid the times of the call-outs; risk managed.');
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
});
