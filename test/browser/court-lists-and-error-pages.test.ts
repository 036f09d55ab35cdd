import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { addDays, todayInLondon } from '../support/dates.ts';
import { requestsFor, startChecks, statusBecomes } from '../support/journeys.ts';
import { useLocalStack } from '../support/local-stack.ts';
import { consent, informationHeld, proposalBody, refusal, speakToOfficer } from '../support/proposals.ts';
import { expectNoAccessibilityViolations, newContext, useChromium } from './support/browser.ts';
import { errorMessages, signedInContext, submit } from './pages/staff-common.ts';
import { ProposalPage } from './pages/staff-officer.ts';
import { CompletenessPage, CourtListPage, ErrorPage } from './pages/staff-sentencer.ts';
import { ProposalListPage } from './pages/staff-lists.ts';
import { ResidentQuestionPage } from './pages/link-pages.ts';

/**
 * Issue 14, points 4, 5, 9 and 11: what the court sees of a refusal, restricted answers shown only
 * after a POST, "My proposals" with decided proposals, filters and search, the court list's date,
 * and the error pages. Forms are used with JavaScript off; axe runs on each new page state.
 */
const { stack, api } = useLocalStack({ linkRequestsPerMinute: 1000 });
const browser = useChromium();

const restrictedText = informationHeld.summary;

/** A proposal body with its own defendant, so a search can find it among the others. */
function proposalFor(givenName: string, familyName: string, crn: string, residents?: unknown[]) {
  const body = proposalBody(residents === undefined ? {} : { residents });
  return { ...body, defendant: { ...body.defendant, givenName, familyName, crn } };
}

/** A GET refused with 400 and its error summary's messages; axe on that state. */
async function expectRefusal(page: Page, path: string, messages: string[]): Promise<void> {
  const response = await page.goto(`${stack.url}${path}`);
  expect(response?.status()).toBe(400);
  expect(await errorMessages(page)).toEqual(messages);
  await expectNoAccessibilityViolations(page);
}

/** The example date in a date input's hint ("For example, 17 12 2026") as YYYY-MM-DD. */
async function exampleDateIn(page: Page, hint: string): Promise<string> {
  const [day = 0, month = 0, year = 0] = ((await page.locator(hint).innerText()).match(/(\d+) (\d+) (\d{4})/) ?? []).slice(1).map(Number);
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

async function bodyText(page: Page): Promise<string> {
  return (await page.locator('body').innerText()).replace(/\s+/g, ' ');
}

describe("the court's view of a refusal", () => {
  it('says consent was not given for the address, never which resident refused or what the others said', async () => {
    const residents = [
      { fullName: 'Alex Resident', relationship: 'PARTNER', email: 'alex@example.org', language: 'en' },
      { fullName: 'Pat Parent', relationship: 'PARENT', email: 'pat@example.org', language: 'en' },
    ];
    const proposalId = await startChecks(api, proposalFor('Sam', 'Example', 'X123456', residents));
    const requests = await requestsFor(api, proposalId, 4);
    const linkOf = (email: string) => requests.residents.find((message) => message.to === email)?.url ?? '';
    expect((await api.answer(linkOf('alex@example.org'), consent)).status).toBe(200);
    expect((await api.answer(linkOf('pat@example.org'), refusal)).status).toBe(200);
    await statusBecomes(api, proposalId, 'UNSUITABLE');

    const sentencer = await signedInContext(browser(), stack.url, 'sentencer');
    const page = sentencer.page;
    await page.goto(`${stack.url}/court-list/${proposalId}`);
    const completeness = await new CompletenessPage(page, 'Sam Example').verifyOnPage();
    expect(await completeness.cards('RESIDENT_CONSENT').count()).toBe(1);
    const residentCard = await completeness.cards('RESIDENT_CONSENT').innerText();
    expect(residentCard).toContain('Consent not given for this address');
    const text = await bodyText(page);
    for (const telltale of ['Alex', 'Pat Parent', 'parent', 'partner', 'Consent given', 'own secure link']) {
      expect(text, `the court can tell who refused from "${telltale}"`).not.toContain(telltale);
    }
    // The other resident's check was stopped by the refusal: saying so would point at who refused.
    expect(residentCard).not.toContain('Cancelled');
    await expectNoAccessibilityViolations(page);
    await sentencer.context.close();
  }, 120_000);
});

describe('restricted answers', () => {
  it('are shown only after a POST with a reason (JavaScript off), never from a reason in the address, and Back does not show them again', async () => {
    const proposalId = await startChecks(api, proposalBody());
    const requests = await requestsFor(api, proposalId, 3);
    expect((await api.answer(requests.police.url ?? '', informationHeld)).status).toBe(200);

    const officer = await signedInContext(browser(), stack.url, 'court.officer', { javaScriptEnabled: false });
    const page = officer.page;
    const proposal = new ProposalPage(page, 'Sam Example');
    await page.goto(`${stack.url}/proposals/${proposalId}`);
    await proposal.reloadUntil(async () => (await page.locator('[data-qa="restricted-form"]').count()) > 0, 'the police answer');

    // An old bookmark or history entry with a reason in it shows nothing restricted.
    await page.goto(`${stack.url}/proposals/${proposalId}?reason=${encodeURIComponent('Writing the risk section of the report')}`);
    expect(await page.content()).not.toContain(restrictedText);
    expect(await page.locator('[data-qa="summary-withheld"]').count()).toBe(1);

    const form = page.locator('[data-qa="restricted-form"]');
    expect(await form.getAttribute('method')).toBe('post');
    await form.locator('#restricted-reason').fill('why');
    await submit(page, form.getByRole('button', { name: 'Show restricted information' }));
    expect(await errorMessages(page)).toEqual(['Say in a few words why you need to see restricted information']);
    expect(await page.content()).not.toContain(restrictedText);

    // From the page as a GET shows it, so that Back returns to it.
    await page.goto(`${stack.url}/proposals/${proposalId}`);
    await page.locator('#restricted-reason').fill('Writing the risk section of the report');
    const [response] = await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Show restricted information' }).click()]);
    expect(response?.headers()['cache-control']).toBe('no-store');
    expect(await page.locator('[data-qa="check-summary"]').first().innerText()).toContain(restrictedText);
    expect(page.url()).not.toContain('reason');
    expect(page.url()).not.toContain('risk');

    await page.goBack();
    expect(await page.content()).not.toContain(restrictedText);

    const audit = await api.get<{ records: { action: string; actor: string; reason?: string }[] }>(`/api/proposals/${proposalId}/audit`, 'court.officer');
    const viewed = audit.body.records.filter((record) => record.action === 'RESTRICTED_ANSWERS_VIEWED');
    expect(viewed).toEqual([expect.objectContaining({ actor: 'court.officer', reason: 'Writing the risk section of the report' })]);
    await officer.context.close();

    // The same with JavaScript on, for axe: the error and the revealed page.
    const withScript = await signedInContext(browser(), stack.url, 'court.officer');
    const scripted = withScript.page;
    await scripted.goto(`${stack.url}/proposals/${proposalId}`);
    await new ProposalPage(scripted, 'Sam Example').showRestricted('');
    expect(await errorMessages(scripted)).toEqual(['Say in a few words why you need to see restricted information']);
    await expectNoAccessibilityViolations(scripted);
    await new ProposalPage(scripted, 'Sam Example').showRestricted('Checking the risk section');
    expect(await scripted.content()).toContain(restrictedText);
    await expectNoAccessibilityViolations(scripted);
    await withScript.context.close();
  }, 120_000);
});

describe('"My proposals"', () => {
  it('lists open and decided proposals newest first, filters them and searches by name or case reference (JavaScript off)', async () => {
    const withdrawn = await startChecks(api, proposalFor('Wren', 'Withdrawn', 'W100001'));
    expect((await api.post(`/api/proposals/${withdrawn}/withdraw`, { reason: 'The defendant found another address' }, 'court.officer')).status).toBe(200);
    await statusBecomes(api, withdrawn, 'WITHDRAWN');
    const waiting = await startChecks(api, proposalFor('Robin', 'Searchable', 'S100002'));
    const requests = await requestsFor(api, waiting, 3);
    expect((await api.answer(requests.residents[0]?.url ?? '', speakToOfficer)).status).toBe(200);
    const open = await startChecks(api, proposalFor('Olive', 'Open', 'O100003'));

    const officer = await signedInContext(browser(), stack.url, 'court.officer', { javaScriptEnabled: false });
    const page = officer.page;
    await page.goto(`${stack.url}/proposals`);
    const list = await new ProposalListPage(page).verifyOnPage();
    const mine = (ids: string[]) => ids.filter((id) => [withdrawn, waiting, open].includes(id));
    // Newest first, the withdrawn one too.
    expect(mine(await list.rows())).toEqual([open, waiting, withdrawn]);
    expect(await list.row(withdrawn).innerText()).toContain('Withdrawn');

    await list.filter('Decided or withdrawn');
    expect(mine(await list.rows())).toEqual([withdrawn]);
    expect(new URL(page.url()).searchParams.get('show')).toBe('decided');
    await list.filter('Open');
    expect(mine(await list.rows())).toEqual([open, waiting]);
    await list.filter('Waiting for you');
    expect(mine(await list.rows())).toEqual([waiting]);
    await list.filter('All', 'searchable');
    expect(await list.rows()).toEqual([waiting]);
    await list.filter('All', 'w100001');
    expect(await list.rows()).toEqual([withdrawn]);
    await list.filter('Open', 'Withdrawn');
    expect(await list.rows()).toEqual([]);
    expect(await page.locator('[data-qa="no-proposals"]').innerText()).toContain('No proposals match');
    await officer.context.close();

    const withScript = await signedInContext(browser(), stack.url, 'court.officer');
    const scripted = withScript.page;
    await scripted.goto(`${stack.url}/proposals`);
    await expectNoAccessibilityViolations(scripted);
    await scripted.goto(`${stack.url}/proposals?show=decided&search=Withdrawn`);
    expect(await new ProposalListPage(scripted).rows()).toEqual([withdrawn]);
    await expectNoAccessibilityViolations(scripted);
    await expectRefusal(scripted, '/proposals?show=everything', ['Choose which proposals to show']);
    await withScript.context.close();
  }, 120_000);
});

describe('the court list date', () => {
  it('is typed in three boxes and moves a day at a time (JavaScript off), with a hint that is not in the past', async () => {
    const hearingDate = addDays(todayInLondon(), 14);
    const proposalId = await startChecks(api, proposalBody({ hearingDate }));
    const sentencer = await signedInContext(browser(), stack.url, 'sentencer', { javaScriptEnabled: false });
    const page = sentencer.page;
    await page.goto(`${stack.url}/court-list`);
    const courtList = await new CourtListPage(page).verifyOnPage();
    expect(await page.locator('input[type="date"]').count()).toBe(0);
    expect(await exampleDateIn(page, '#date-hint') >= todayInLondon()).toBe(true);

    await courtList.showDate(hearingDate);
    expect(await courtList.row(proposalId).count()).toBe(1);
    await courtList.otherDay('next-day');
    expect(await courtList.row(proposalId).count()).toBe(0);
    expect(await page.getByLabel('Day').inputValue()).toBe(String(Number(addDays(hearingDate, 1).slice(8))));
    await courtList.otherDay('previous-day');
    expect(await courtList.row(proposalId).count()).toBe(1);

    await courtList.showTyped('31', '2', hearingDate.slice(0, 4));
    expect(await errorMessages(page)).toEqual(['Hearing date must be a real date']);
    expect(await page.getByLabel('Day').inputValue()).toBe('31');
    await sentencer.context.close();

    const withScript = await signedInContext(browser(), stack.url, 'sentencer');
    const scripted = withScript.page;
    await scripted.goto(`${stack.url}/court-list?court=B01LY00&date=${hearingDate}`);
    expect(await new CourtListPage(scripted).row(proposalId).count()).toBe(1);
    await expectNoAccessibilityViolations(scripted);
    await expectRefusal(scripted, '/court-list?court=B01LY00&date-day=3&date-month=&date-year=2026', ['Hearing date must include a month']);
    await withScript.context.close();
  }, 120_000);
});

describe("the start of the checks' hearing date", () => {
  it('has an example in its hint that is not in the past', async () => {
    const officer = await signedInContext(browser(), stack.url, 'court.officer', { javaScriptEnabled: false });
    await officer.page.goto(`${stack.url}/proposals/new`);
    expect(await exampleDateIn(officer.page, '#hearingDate-hint') > todayInLondon()).toBe(true);
    await officer.context.close();
  });
});

describe('the error pages', () => {
  it('show GOV.UK "Page not found" (or "This link cannot be used" for a cut-short link) with the service header and a way back; programs get JSON', async () => {
    const context = await newContext(browser(), {});
    const page = await context.newPage();
    for (const path of ['/no-such-page', '/proposals/abc/nothing-here']) {
      const response = await page.goto(`${stack.url}${path}`);
      expect(response?.status(), path).toBe(404);
      await new ErrorPage(page, 'Page not found').verifyOnPage();
      expect(await page.locator('.govuk-service-navigation__service-name').innerText()).toBe('Curfew safeguarding checks');
      expect(await new ErrorPage(page, 'Page not found').wayBack().getAttribute('href')).toBe('/');
      await expectNoAccessibilityViolations(page);
    }
    for (const path of ['/r', '/r/', '/r/abc/def']) {
      const response = await page.goto(`${stack.url}${path}`);
      expect(response?.status(), path).toBe(404);
      await new ErrorPage(page, 'This link cannot be used').verifyOnPage();
    }
    await expectNoAccessibilityViolations(page);
    const program = await fetch(`${stack.url}/api/no-such-thing`);
    expect(program.status).toBe(404);
    expect(await program.json()).toEqual({ error: 'NOT_FOUND', message: 'Not found' });
    await context.close();
  });

  it("offer staff a way to their own pages from an address nothing answers, without reading the session (JavaScript off)", async () => {
    const officer = await signedInContext(browser(), stack.url, 'court.officer', { javaScriptEnabled: false });
    const page = officer.page;
    const response = await page.goto(`${stack.url}/proposals/abc/nothing-here`);
    expect(response?.status()).toBe(404);
    const notFound = await new ErrorPage(page, 'Page not found').verifyOnPage();
    const starts = page.locator('[data-qa="staff-starts"] a');
    expect(await starts.allInnerTexts()).toEqual(['My proposals', 'Countersigning and overdue checks', 'Court list']);
    expect(await starts.evaluateAll((links) => links.map((link) => link.getAttribute('href')))).toEqual(['/proposals', '/queue', '/court-list']);
    // The start page sends a signed-in member of staff on to their own first page.
    await submit(page, notFound.wayBack());
    await new ProposalListPage(page).verifyOnPage();
    await page.goBack();
    await submit(page, starts.filter({ hasText: 'My proposals' }));
    await new ProposalListPage(page).verifyOnPage();
    await officer.context.close();

    const withScript = await signedInContext(browser(), stack.url, 'court.officer');
    await withScript.page.goto(`${stack.url}/no-such-page`);
    await new ErrorPage(withScript.page, 'Page not found').verifyOnPage();
    await expectNoAccessibilityViolations(withScript.page);
    await withScript.context.close();
  });

  it("give a signed-in user's 403 and 404 pages their navigation and a way back to where they start", async () => {
    const proposalId = await startChecks(api, proposalBody());
    const sentencer = await signedInContext(browser(), stack.url, 'sentencer');
    const page = sentencer.page;
    const forbidden = await page.goto(`${stack.url}/proposals/new`);
    expect(forbidden?.status()).toBe(403);
    const refusedPage = await new ErrorPage(page, 'You cannot see this page').verifyOnPage();
    expect(await refusedPage.navigation()).toEqual(['Court list']);
    expect(await refusedPage.wayBack().getAttribute('href')).toBe('/court-list');
    expect(await page.locator('[data-qa="sign-out"]').count()).toBe(1);
    await expectNoAccessibilityViolations(page);
    const missing = await page.goto(`${stack.url}/court-list/00000000-0000-4000-8000-000000000000`);
    expect(missing?.status()).toBe(404);
    expect(await new ErrorPage(page, 'Page not found').navigation()).toEqual(['Court list']);
    await expectNoAccessibilityViolations(page);
    await sentencer.context.close();

    const other = await signedInContext(browser(), stack.url, 'other.sentencer');
    const response = await other.page.goto(`${stack.url}/court-list/${proposalId}`);
    expect(response?.status()).toBe(404);
    expect(await bodyText(other.page)).not.toContain('Sam Example');
    expect(await new ErrorPage(other.page, 'Page not found').navigation()).toEqual(['Court list']);
    await other.context.close();
  });
});

describe('Welsh pages', () => {
  it('say "Gwall:", not "Error:", before each error message', async () => {
    const residents = [{ fullName: 'Bryn Preswylydd', relationship: 'PARENT', email: 'bryn@example.org', language: 'cy' }];
    const proposalId = await startChecks(api, proposalBody({ residents }));
    const requests = await requestsFor(api, proposalId, 3);
    const context = await newContext(browser(), {});
    const page = await context.newPage();
    await page.goto(requests.residents[0]?.url ?? '');
    const question = await new ResidentQuestionPage(page, 'cy').verifyOnPage();
    await question.send();
    const prefixes = await page.locator('.govuk-error-message .govuk-visually-hidden').allInnerTexts();
    expect(prefixes.length).toBeGreaterThan(0);
    expect(prefixes.map((prefix) => prefix.trim())).toEqual(prefixes.map(() => 'Gwall:'));
    expect(await page.title()).toMatch(/^Gwall: /);
    await expectNoAccessibilityViolations(page);
    await context.close();
  });
});
