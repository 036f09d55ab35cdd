import { afterAll, describe, expect, it } from 'vitest';
import { londonWallTimeToUtc } from '#domain/london-time';
import { setClockOffsetForTesting } from '#runtime/clock';
import { addDays, todayInLondon } from '../support/dates.ts';
import { requestsFor, startChecks } from '../support/journeys.ts';
import { useLocalStack } from '../support/local-stack.ts';
import { noInformation, notKnown, proposalBody } from '../support/proposals.ts';
import { expectNoAccessibilityViolations, expectNoAccessibilityViolationsBesideReveals, useChromium } from './support/browser.ts';
import { errorMessages, signedInContext } from './pages/staff-common.ts';
import { AdjournmentPage, HearingOutcomePage } from './pages/staff-hearing.ts';
import { ProposalPage } from './pages/staff-officer.ts';
import { CompletenessPage, CourtListPage } from './pages/staff-sentencer.ts';

const { stack, api } = useLocalStack();
const browser = useChromium();
/** `ADJOURNMENT_SCREENSHOTS=/tmp/adjourn-shots` keeps a screenshot of each page state, to look at. */
const screenshots = process.env.ADJOURNMENT_SCREENSHOTS;

afterAll(() => {
  setClockOffsetForTesting(0);
});

const longDate = (date: string) => new Date(`${date}T12:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' });

describe('recording that the hearing moved', () => {
  it('from the proposal page: the errors, then the new date, the cause and the history', async () => {
    const hearingDate = addDays(todayInLondon(), 14);
    const proposalId = await startChecks(api, proposalBody({ hearingDate }));
    await requestsFor(api, proposalId, 3);
    const officer = await signedInContext(browser(), stack.url, 'court.officer');
    const page = officer.page;
    await page.goto(`${stack.url}/proposals/${proposalId}`);
    await new ProposalPage(page, 'Sam Example').verifyOnPage();
    // Before the hearing day only the adjournment is offered.
    expect(await page.locator('[data-qa="record-outcome-link"]').count()).toBe(0);
    await page.locator('[data-qa="adjourn-link"]').click();
    const adjournment = await new AdjournmentPage(page, 'Sam Example').verifyOnPage();
    expect(await adjournment.currentHearing()).toBe(`The hearing is on ${longDate(hearingDate)}.`);
    await expectNoAccessibilityViolations(page);
    if (screenshots !== undefined) await page.screenshot({ path: `${screenshots}/adjournment.png`, fullPage: true });

    await adjournment.record({});
    expect(await errorMessages(page)).toEqual(['Enter the new hearing date', 'Choose why the hearing was adjourned']);
    await expectNoAccessibilityViolations(page);

    await adjournment.record({ date: hearingDate, cause: 'CHECKS_OUTSTANDING', note: 'Police answer promised' });
    expect(await errorMessages(page)).toEqual(['The new hearing date must be different from the current hearing date']);
    // What was typed is kept.
    expect(await page.locator('input[name="cause"][value="CHECKS_OUTSTANDING"]').isChecked()).toBe(true);
    expect(await page.locator('#note').inputValue()).toBe('Police answer promised');
    await expectNoAccessibilityViolations(page);
    if (screenshots !== undefined) await page.screenshot({ path: `${screenshots}/adjournment-error.png`, fullPage: true });

    const newDate = addDays(hearingDate, 21);
    await adjournment.record({ date: newDate, cause: 'CHECKS_OUTSTANDING', note: 'Police answer promised' });
    await new ProposalPage(page, 'Sam Example').verifyOnPage();
    expect(await page.locator('[data-qa="success-banner"]').textContent()).toContain('The adjournment has been recorded');
    expect((await page.locator('[data-qa="adjournment-history"] li').allTextContents()).map((text) => text.trim())).toEqual([
      `Adjourned from ${longDate(hearingDate)} to ${longDate(newDate)} (checks outstanding)`,
    ]);
    expect(await page.locator('[data-qa="adjournment-note"]').textContent()).toContain('Police answer promised');
    await expectNoAccessibilityViolations(page);
    if (screenshots !== undefined) await page.screenshot({ path: `${screenshots}/proposal-after-adjournment.png`, fullPage: true });
    await officer.context.close();

    // The sentencer finds it on the new date's list, saying where it came from, and not on the old date's.
    const sentencer = await signedInContext(browser(), stack.url, 'sentencer');
    await sentencer.page.goto(`${stack.url}/court-list?court=B01LY00&date=${newDate}`);
    const list = await new CourtListPage(sentencer.page).verifyOnPage();
    expect((await list.row(proposalId).locator('[data-qa="adjourned-from"]').textContent())?.trim()).toBe(`Adjourned from ${longDate(hearingDate)} to ${longDate(newDate)} (checks outstanding)`);
    expect(await sentencer.page.content()).not.toContain('Police answer promised');
    await expectNoAccessibilityViolations(sentencer.page);
    if (screenshots !== undefined) await sentencer.page.screenshot({ path: `${screenshots}/court-list-new-date.png`, fullPage: true });
    await sentencer.page.goto(`${stack.url}/court-list?court=B01LY00&date=${hearingDate}`);
    expect(await list.row(proposalId).count()).toBe(0);
    await sentencer.context.close();
  }, 120_000);
});

describe('recording what the court decided', () => {
  it('on the hearing day: the errors, "adjourned" asking for the date, a curfew imposed with a check unanswered, and what the sentencer sees', async () => {
    const hearingDate = addDays(todayInLondon(), 2);
    const proposalId = await startChecks(api, proposalBody({ hearingDate }));
    const requests = await requestsFor(api, proposalId, 3);
    await api.answer(requests.police.url ?? '', noInformation);
    // The hearing day, after court; signed in then (a session from before would have timed out).
    setClockOffsetForTesting(londonWallTimeToUtc(hearingDate, '15:00').getTime() - Date.now());
    const officer = await signedInContext(browser(), stack.url, 'court.officer');
    const page = officer.page;
    await page.goto(`${stack.url}/proposals/${proposalId}`);
    await page.locator('[data-qa="record-outcome-link"]').click();
    const outcome = await new HearingOutcomePage(page, 'Sam Example').verifyOnPage();
    expect(await outcome.unansweredWarning()).toContain('2 checks have not been answered');
    // Each sentence says what happens to the checks still open.
    expect(await page.getByText('The checks not yet answered carry on.').count()).toBe(1);
    expect(await page.getByText('The checks not yet answered are stopped, and the people asked are told no answer is needed.').count()).toBe(1);
    await expectNoAccessibilityViolationsBesideReveals(page);
    if (screenshots !== undefined) await page.screenshot({ path: `${screenshots}/outcome.png`, fullPage: true });

    await outcome.record(undefined);
    expect(await errorMessages(page)).toEqual(['Choose what the court decided']);
    await expectNoAccessibilityViolationsBesideReveals(page);

    // Adjourned reveals the new date and the cause, and needs them.
    await outcome.record('ADJOURNED');
    expect(await errorMessages(page)).toEqual(['Enter the new hearing date', 'Choose why the hearing was adjourned']);
    expect(await page.locator('#hearingDate-day').isVisible()).toBe(true);
    await expectNoAccessibilityViolationsBesideReveals(page);
    if (screenshots !== undefined) await page.screenshot({ path: `${screenshots}/outcome-adjourned-error.png`, fullPage: true });

    await outcome.record('CURFEW_IMPOSED');
    await new ProposalPage(page, 'Sam Example').verifyOnPage();
    expect(await page.locator('[data-qa="success-banner"]').textContent()).toContain('The hearing outcome has been recorded');
    expect((await page.locator('[data-qa="hearing-outcome"]').textContent())?.trim()).toBe(`Curfew imposed at this address, ${longDate(hearingDate)}`);
    expect(await page.locator('[data-qa="outcome-unanswered"]').textContent()).toContain('2 checks were not answered when the curfew was imposed.');
    // Too late to warn that the court will need to adjourn.
    expect(await page.locator('[data-qa="adjournment-likely"]').count()).toBe(0);
    // Sentenced: neither can be recorded again.
    expect(await page.locator('[data-qa="adjourn-link"], [data-qa="record-outcome-link"]').count()).toBe(0);
    await expectNoAccessibilityViolations(page);
    if (screenshots !== undefined) await page.screenshot({ path: `${screenshots}/proposal-after-outcome.png`, fullPage: true });

    // Children's services answer after the curfew was imposed: the page says it needs action.
    expect(await page.locator('[data-qa="answered-after-curfew"]').count()).toBe(0);
    expect((await api.answer(requests.childrensServices.url ?? '', notKnown)).status).toBe(200);
    await page.reload();
    const late = page.locator('[data-qa="answered-after-curfew"]');
    expect(await late.count()).toBe(1);
    expect(await late.textContent()).toContain("Children's services child safeguarding enquiry was answered after the curfew was imposed");
    expect(await late.textContent()).toContain('you must take the case back to court');
    await expectNoAccessibilityViolations(page);
    if (screenshots !== undefined) await page.screenshot({ path: `${screenshots}/proposal-answered-after-curfew.png`, fullPage: true });
    await officer.context.close();

    const sentencer = await signedInContext(browser(), stack.url, 'sentencer');
    await sentencer.page.goto(`${stack.url}/court-list/${proposalId}`);
    await new CompletenessPage(sentencer.page, 'Sam Example').verifyOnPage();
    expect(await sentencer.page.locator('[data-qa="hearing-outcome"]').textContent()).toContain('Curfew imposed at this address');
    await expectNoAccessibilityViolations(sentencer.page);
    await sentencer.context.close();
  }, 120_000);
});
