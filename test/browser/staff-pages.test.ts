import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { signIn } from '../support/sign-in.ts';
import { addDays, todayInLondon } from '../support/dates.ts';
import { requestsFor, startChecks } from '../support/journeys.ts';
import { useLocalStack } from '../support/local-stack.ts';
import { consent, informationHeld, noInformation, notKnown, proposalBody, speakToOfficer } from '../support/proposals.ts';
import { expectNoAccessibilityViolations, useChromium } from './support/browser.ts';
import { errorMessages, signedInContext } from './pages/staff-common.ts';
import { CheckSummaryPage, MyProposalsPage, ProposalPage, StartChecksPage, type StartChecksValues } from './pages/staff-officer.ts';
import { CountersignPage, QueuePage } from './pages/staff-spo.ts';
import { CompletenessPage, CourtListPage } from './pages/staff-sentencer.ts';

const { stack, api } = useLocalStack();
const browser = useChromium();

const restrictedText = informationHeld.summary;

function formValues(): StartChecksValues {
  const today = todayInLondon();
  const hearingDate = addDays(today, 14);
  const curfewStart = addDays(hearingDate, 1);
  return {
    hearingDate,
    convictionDate: today,
    curfewStart,
    curfewEnd: addDays(curfewStart, 89),
    // 21 hours on each day: one more than the law allows.
    period: { days: ['Monday', 'Tuesday', 'Wednesday'], from: '02:00', to: '23:00' },
    resident: { fullName: 'Alex Resident', relationship: 'PARTNER', email: 'alex@example.org' },
  };
}

async function check(page: Page, javaScriptEnabled: boolean): Promise<void> {
  if (javaScriptEnabled) {
    await expectNoAccessibilityViolations(page);
  }
}

/** The officer starts the checks through the form's pages: a mistake first, then success. Returns the new proposal's id. */
async function startChecksThroughTheForm(page: Page, javaScriptEnabled: boolean): Promise<{ proposalId: string; hearingDate: string }> {
  await page.goto(`${stack.url}/proposals/new`);
  const form = await new StartChecksPage(page, 'hearing').verifyOnPage();
  await check(page, javaScriptEnabled);
  const values = formValues();
  // Stops on the curfew page, which refuses 21 hours a day.
  await form.fill(values);
  await new StartChecksPage(page, 'curfew').verifyOnPage();
  expect((await errorMessages(page)).join(' ')).toContain('Curfew periods must add up to no more than 20 hours on any day');
  expect(await page.locator('#period-0-from').inputValue()).toBe('02:00');
  expect(await page.locator('#address-line1').inputValue()).toBe('1 High Street');
  expect(await page.title()).toMatch(/^Error: /);
  await check(page, javaScriptEnabled);

  await page.locator('#period-0-from').fill('19:00');
  await page.locator('#period-0-to').fill('07:00');
  await form.continue();
  await form.fill(values);
  await new StartChecksPage(page, 'check').verifyOnPage();
  expect(await form.answers('defendant')).toContain('Sam Browser');
  expect(await form.answers('adults')).toContain('alex@example.org');
  await form.submit();
  const proposalId = /\/proposals\/([0-9a-f-]{36})/.exec(page.url())?.[1];
  expect(proposalId).toBeDefined();
  const proposal = await new ProposalPage(page).verifyOnPage();
  expect(await page.locator('[data-qa="success-banner"]').textContent()).toContain('The checks have started');
  expect(await proposal.checkStatuses()).toEqual(['REQUESTED', 'REQUESTED', 'REQUESTED']);
  await check(page, javaScriptEnabled);
  return { proposalId: proposalId ?? '', hearingDate: values.hearingDate };
}

describe('the court officer, senior probation officer and sentencer pages', () => {
  it('start checks, follow them, decide suitable, countersign, and show the court complete checks without restricted text', async () => {
    const officer = await signedInContext(browser(), stack.url, 'court.officer');
    const page = officer.page;
    const { proposalId, hearingDate } = await startChecksThroughTheForm(page, true);

    // The police (information held, restricted), children's services and the resident answer through their links.
    const requests = await requestsFor(api, proposalId, 3);
    const [residentRequest] = requests.residents;
    expect((await api.answer(requests.police.url ?? '', informationHeld)).status).toBe(200);
    expect((await api.answer(requests.childrensServices.url ?? '', notKnown)).status).toBe(200);
    expect((await api.answer(residentRequest?.url ?? '', consent)).status).toBe(200);

    const proposal = new ProposalPage(page);
    await proposal.reloadUntilStatus('AWAITING_DECISION');
    await check(page, true);
    expect(await page.locator('[data-qa="restricted-marker"]').count()).toBe(1);
    expect(await page.content()).not.toContain(restrictedText);
    expect(await page.locator('[data-qa="countersign-note"]').textContent()).toContain('must countersign');
    expect(await page.locator('input[name="outcome"][value="SUITABLE"]').count()).toBe(1);

    // Restricted information needs a reason: too short first.
    await proposal.showRestricted('why');
    expect(await errorMessages(page)).toEqual(['Say in a few words why you need to see restricted information']);
    await check(page, true);
    await proposal.showRestricted('Writing the risk section of the report');
    expect(await page.locator('[data-qa="check-summary"]').first().textContent()).toContain(restrictedText);
    await check(page, true);

    // My proposals shows what it waits for.
    await page.goto(`${stack.url}/proposals`);
    const list = await new MyProposalsPage(page).verifyOnPage();
    expect(await list.row(proposalId).textContent()).toContain('Waiting for: your decision');
    await check(page, true);

    // The decision: the officer is told a high risk of serious harm would need a countersignature too.
    await page.goto(`${stack.url}/proposals/${proposalId}`);
    expect(await page.locator('[data-qa="risk-hint"]').innerText()).toContain('If it is high or very high, a senior probation officer must countersign a suitable decision.');
    expect(await proposal.countersignReasons()).toEqual(["The police or children's services told us something that is a concern."]);
    // The rationale is required; the level chosen stays chosen and is counted in the reasons.
    await proposal.recordDecision('SUITABLE', '', 'HIGH');
    expect(await errorMessages(page)).toEqual(['Enter the reasons for your decision']);
    expect(await page.locator('input[name="outcome"][value="SUITABLE"]').isChecked()).toBe(true);
    expect(await page.locator('input[name="riskOfSeriousHarm"][value="HIGH"]').isChecked()).toBe(true);
    expect(await proposal.countersignReasons()).toEqual(["The police or children's services told us something that is a concern.", 'The risk of serious harm is high or very high.']);
    await check(page, true);
    await proposal.recordDecision('SUITABLE', 'Checks answered; the police information was considered with the resident.');
    expect(await page.locator('[data-qa="success-banner"]').textContent()).toContain('Your decision has been recorded');
    expect(await proposal.status()).toBe('AWAITING_COUNTERSIGN');
    expect(await proposal.decidedRiskAndReasons()).toEqual({ risk: 'High', reasons: ["The police or children's services told us something that is a concern.", 'The risk of serious harm is high or very high.'] });
    await check(page, true);

    // The check summary for the report has no restricted (or any free) text.
    await page.goto(`${stack.url}/proposals/${proposalId}/summary`);
    await new CheckSummaryPage(page).verifyOnPage();
    const summary = await page.content();
    expect(summary).not.toContain(restrictedText);
    expect(summary).toContain('Information held');
    expect(summary).toContain('DS Pat Quinn');
    expect(await page.locator('[data-qa="print"]').isVisible()).toBe(true);
    await check(page, true);

    // The senior probation officer countersigns from the queue.
    const spo = await signedInContext(browser(), stack.url, 'spo');
    const spoPage = spo.page;
    expect(new URL(spoPage.url()).pathname).toBe('/queue');
    const queue = await new QueuePage(spoPage).verifyOnPage();
    // Why it waits, from what the decision stored: the concern by name, and the level recorded.
    expect(await queue.countersignReasons(proposalId)).toContain('The police hold information');
    expect(await queue.countersignReasons(proposalId)).toContain('Risk of serious harm recorded as high');
    await check(spoPage, true);
    await queue.countersignRow(proposalId).getByRole('link').click();
    const countersign = await new CountersignPage(spoPage).verifyOnPage();
    expect(await spoPage.content()).not.toContain(restrictedText);
    expect(await spoPage.locator('[data-qa="concern"]').textContent()).toContain('Information held');
    await check(spoPage, true);
    await countersign.countersign(false, '');
    expect(await errorMessages(spoPage)).toEqual(['Explain why you do not agree with the decision']);
    await check(spoPage, true);
    await countersign.countersign(true, '');
    await new QueuePage(spoPage).verifyOnPage();
    expect(await spoPage.locator('[data-qa="success-banner"]').textContent()).toContain('countersignature has been recorded');
    await check(spoPage, true);
    // The senior probation officer sees the proposal read only.
    await spoPage.goto(`${stack.url}/proposals/${proposalId}`);
    await new ProposalPage(spoPage).verifyOnPage();
    expect(await new ProposalPage(spoPage).status()).toBe('SUITABLE');
    expect(await spoPage.locator('[data-qa="decision-form"], [data-qa="withdraw-form"]').count()).toBe(0);
    await check(spoPage, true);
    await spo.context.close();

    // The sentencer sees complete checks and where each answer came from, never the restricted text.
    const sentencer = await signedInContext(browser(), stack.url, 'sentencer');
    const judge = sentencer.page;
    await judge.goto(`${stack.url}/court-list?court=B01LY00&date=${hearingDate}`);
    const courtList = await new CourtListPage(judge).verifyOnPage();
    const row = courtList.row(proposalId);
    expect(await row.getAttribute('data-complete')).toBe('yes');
    expect(await row.locator('[data-qa="suitability"]').textContent()).toContain('Suitable');
    await check(judge, true);
    await judge.goto(`${stack.url}/court-list?court=B01LY00&date=not-a-date`);
    expect(await errorMessages(judge)).toEqual(['Hearing date must be a real date']);
    await check(judge, true);
    await judge.goto(`${stack.url}/court-list?court=B01LY00&date=${hearingDate}`);
    await courtList.row(proposalId).getByRole('link').click();
    await new CompletenessPage(judge).verifyOnPage();
    const provenance = await judge.content();
    expect(provenance).not.toContain(restrictedText);
    expect(provenance).toContain('Wiltshire Police');
    expect(provenance).toContain('Consent given');
    await check(judge, true);
    await sentencer.context.close();

    const audit = await api.get<{ records: { action: string; actor: string }[]; courtListViews: { records: { actor: string; shown: string[] }[] } }>(`/api/proposals/${proposalId}/audit`, 'court.officer');
    // The list that showed it, and the provenance page opened from it, are each recorded.
    expect(audit.body.courtListViews.records.some((record) => record.actor === 'sentencer' && record.shown.includes(proposalId))).toBe(true);
    expect(audit.body.records.some((record) => record.action === 'DISCLOSED_TO_COURT_LIST' && record.actor === 'sentencer')).toBe(true);
    await officer.context.close();
  }, 240_000);

  it('send people who are not signed in to sign in, refuse other roles, and hide other courts\' proposals', async () => {
    const proposalId = await startChecks(api, proposalBody());
    const as = async (user: string | undefined, path: string) => {
      const headers: Record<string, string> = user === undefined ? {} : { cookie: (await signIn(stack.url, user)).cookie };
      const response = await fetch(`${stack.url}${path}`, { headers, redirect: 'manual' });
      return { status: response.status, location: response.headers.get('location'), body: await response.text() };
    };
    for (const path of ['/proposals', '/proposals/new', `/proposals/${proposalId}`, `/proposals/${proposalId}/summary`, `/proposals/${proposalId}/countersign`, '/queue', '/court-list', `/court-list/${proposalId}`]) {
      expect(await as(undefined, path), path).toMatchObject({ status: 303, location: '/auth/sign-in' });
    }
    expect((await as('sentencer', '/proposals/new')).status).toBe(403);
    expect((await as('sentencer', `/proposals/${proposalId}`)).status).toBe(403);
    expect((await as('court.officer', '/queue')).status).toBe(403);
    expect((await as('court.officer', `/proposals/${proposalId}/countersign`)).status).toBe(403);
    for (const [user, path] of [['other.officer', `/proposals/${proposalId}`], ['other.officer', `/proposals/${proposalId}/summary`], ['other.spo', `/proposals/${proposalId}/countersign`], ['other.sentencer', `/court-list/${proposalId}`], ['other.sentencer', '/court-list?court=B01LY00'], ['court.officer', '/proposals/00000000-0000-4000-8000-000000000000']] as const) {
      const response = await as(user, path);
      expect(response.status, `${user} ${path}`).toBe(404);
      expect(response.body).not.toContain('Sam Example');
    }
    // A form post without the session's CSRF token changes nothing.
    const officer = await signIn(stack.url, 'court.officer');
    const forged = await fetch(`${stack.url}/proposals/${proposalId}/withdraw`, { method: 'POST', headers: { cookie: officer.cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: 'reason=forged', redirect: 'manual' });
    expect(forged.status).toBe(403);
    expect((await as('court.officer', `/proposals/${proposalId}`)).body).toContain('data-status="CHECKS_IN_PROGRESS"');
  });

  it('start checks and decide suitable with JavaScript off', async () => {
    const officer = await signedInContext(browser(), stack.url, 'court.officer', { javaScriptEnabled: false });
    const page = officer.page;
    const { proposalId } = await startChecksThroughTheForm(page, false);
    const requests = await requestsFor(api, proposalId, 3);
    await api.answer(requests.police.url ?? '', noInformation);
    await api.answer(requests.childrensServices.url ?? '', notKnown);
    await api.answer(requests.residents[0]?.url ?? '', consent);
    const proposal = new ProposalPage(page);
    await proposal.reloadUntilStatus('AWAITING_DECISION');
    await proposal.recordDecision(undefined, 'All checks answered with no concerns.');
    expect(await errorMessages(page)).toEqual(['Choose suitable or unsuitable']);
    // Suitable needs the risk of serious harm from the assessment: a countersignature may depend on it.
    await proposal.recordDecision('SUITABLE', 'All checks answered with no concerns.');
    expect(await errorMessages(page)).toEqual(['Choose the risk of serious harm from the assessment, or that it is not yet assessed']);
    await proposal.recordDecision('SUITABLE', 'All checks answered with no concerns.', 'LOW');
    expect(await proposal.status()).toBe('SUITABLE');
    await officer.context.close();
  });

  it('explains why suitable is not yet possible, and withdraws a proposal', async () => {
    const proposalId = await startChecks(api, proposalBody());
    const officer = await signedInContext(browser(), stack.url, 'court.officer');
    const page = officer.page;
    await page.goto(`${stack.url}/proposals/${proposalId}`);
    const proposal = await new ProposalPage(page, 'Sam Example').verifyOnPage();
    expect(await page.locator('[data-qa="suitable-explanation"]').textContent()).toContain('Suitable cannot be chosen until every check is answered: waiting for police, children\'s services and resident Alex Resident');
    expect(await page.locator('input[name="outcome"][value="SUITABLE"]').count()).toBe(0);
    await proposal.withdraw('');
    expect(await errorMessages(page)).toEqual(['Enter the reason for withdrawing']);
    await check(page, true);
    await proposal.withdraw('The defendant has found another address');
    expect(await page.locator('[data-qa="success-banner"]').textContent()).toContain('withdrawn');
    expect(await proposal.status()).toBe('WITHDRAWN');
    expect(await page.locator('[data-qa="withdraw-form"]').count()).toBe(0);
    await check(page, true);
    await officer.context.close();
  });

  it("records consent taken by phone for a resident who asked to speak to someone", async () => {
    const proposalId = await startChecks(api, proposalBody());
    const requests = await requestsFor(api, proposalId, 3);
    expect((await api.answer(requests.residents[0]?.url ?? '', speakToOfficer)).status).toBe(200);
    const officer = await signedInContext(browser(), stack.url, 'court.officer');
    const page = officer.page;
    await page.goto(`${stack.url}/proposals/${proposalId}`);
    const proposal = await new ProposalPage(page, 'Sam Example').verifyOnPage();
    await proposal.reloadUntil(async () => (await page.locator('[data-qa="needs-contact"]').count()) > 0, 'the resident to ask to speak to someone');
    expect(await page.locator('[data-qa="needs-contact"]').textContent()).toContain('Alex Resident asked to speak to someone');
    await check(page, true);
    await submitEmptyConsent(page);
    expect(await errorMessages(page)).toEqual(['Choose whether the resident consents', 'Choose how you spoke to the resident', 'Say whether the resident was spoken to alone']);
    await check(page, true);
    await proposal.recordConsent('Alex Resident', { consent: true, method: 'By phone', alone: true });
    expect(await page.locator('[data-qa="success-banner"]').textContent()).toContain("The resident's answer has been recorded");
    const residentCheck = page.locator('[data-qa="check"][data-check-type="RESIDENT_CONSENT"]');
    expect(await residentCheck.getAttribute('data-status')).toBe('RESPONDED');
    expect(await residentCheck.textContent()).toContain('by phone; spoken to alone');
    await check(page, true);
    await officer.context.close();
  });
});

async function submitEmptyConsent(page: Page): Promise<void> {
  const form = page.locator('[data-qa="consent-form"]').first();
  await Promise.all([page.waitForNavigation(), form.getByRole('button').click()]);
}
