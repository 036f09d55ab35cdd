import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { nextWorkingDayAfter } from '#domain/working-days';
import { todayInLondon } from '../support/dates.ts';
import { requestsFor, startChecks } from '../support/journeys.ts';
import { useLocalStack } from '../support/local-stack.ts';
import { informationHeld, proposalBody } from '../support/proposals.ts';
import { expectNoAccessibilityViolations, useChromium } from './support/browser.ts';
import { signedInContext } from './pages/staff-common.ts';
import { MorningCheckInPage } from './pages/staff-check-in.ts';

/**
 * Issue 16, section 3: the court team's morning check-in. Today's and the next working day's
 * hearings with each check's state and whom it waits on, the answers since yesterday's meeting,
 * the team's own courts only, nothing restricted, printable; axe on each state. Against the local
 * stack, whose permission checks hold the page's function to its synthesized role.
 */
const { stack, api } = useLocalStack({ linkRequestsPerMinute: 1000 });
const browser = useChromium();

const screenshots = process.env.MORNING_CHECK_IN_SCREENSHOTS;

function proposalFor(givenName: string, familyName: string, hearingDate: string, courtCode = 'B01LY00') {
  const body = proposalBody({ hearingDate, courtCode });
  return { ...body, defendant: { ...body.defendant, givenName, familyName } };
}

async function bodyText(page: Page): Promise<string> {
  return (await page.locator('body').innerText()).replace(/\s+/g, ' ');
}

describe('the morning check-in', () => {
  it("shows the team's hearings of today and the next working day with what each waits for, and what came in since yesterday; never another court's, never restricted text", async () => {
    const today = todayInLondon();
    const nextWorkingDay = nextWorkingDayAfter(today);
    const heardToday = await startChecks(api, proposalFor('Tess', 'Todayson', today));
    const heardNext = await startChecks(api, proposalFor('Nat', 'Nextday', nextWorkingDay));
    const elsewhere = await startChecks(api, proposalFor('Olly', 'Othercourt', today, 'C01CF00'), 'other.officer');
    const requests = await requestsFor(api, heardToday, 3);
    await requestsFor(api, heardNext, 3);
    await requestsFor(api, elsewhere, 3);
    expect((await api.answer(requests.police.url ?? '', informationHeld)).status).toBe(200);

    const officer = await signedInContext(browser(), stack.url, 'court.officer');
    const page = officer.page;
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.getByRole('link', { name: 'Morning check-in' }).click();
    const checkIn = await new MorningCheckInPage(page).verifyOnPage();

    expect(await checkIn.day('today').locator(checkIn.hearing(heardToday)).count()).toBe(1);
    expect(await checkIn.day('next').locator(checkIn.hearing(heardNext)).count()).toBe(1);
    // Checks for a hearing today were due by the working day before: overdue, and marked so.
    const todays = await checkIn.checks(heardToday);
    expect(todays).toHaveLength(3);
    expect(todays[0]).toBe('Police domestic abuse enquiry Complete');
    expect(todays[1]).toMatch(/^Children's services child safeguarding enquiry Overdue Waiting for Swindon children's services Was due .+$/);
    expect(todays[2]).toMatch(/^Consent from Alex Resident \(partner\) Overdue Waiting for Alex Resident \(resident\) Was due .+$/);
    expect(await checkIn.hearing(heardToday).locator('[data-qa="at-a-glance"]').innerText()).toBe('2 of 3 checks outstanding, 2 overdue');
    // Due at the end of today: outstanding now, overdue if this runs after it.
    const nexts = await checkIn.checks(heardNext);
    expect(nexts).toHaveLength(3);
    expect(nexts[0]).toMatch(/^Police domestic abuse enquiry (Outstanding|Overdue) Waiting for Wiltshire Police/);
    expect(nexts[1]).toMatch(/^Children's services child safeguarding enquiry (Outstanding|Overdue) Waiting for Swindon children's services/);
    expect(nexts[2]).toMatch(/^Consent from Alex Resident \(partner\) (Outstanding|Overdue) Waiting for Alex Resident \(resident\)/);
    const arrivals = await checkIn.arrivals();
    expect(arrivals.filter((line) => line.startsWith('Tess Todayson'))).toHaveLength(1);
    expect(arrivals.find((line) => line.startsWith('Tess Todayson'))).toMatch(/Wiltshire Police answered, .*: Information held$/);

    const text = await bodyText(page);
    for (const telltale of ['Olly', 'Othercourt', informationHeld.summary, '1 High Street', 'SN1 1AA', 'alex@example.org']) {
      expect(text, `the check-in shows "${telltale}"`).not.toContain(telltale);
    }
    expect(await checkIn.printLink().isVisible()).toBe(true);
    await expectNoAccessibilityViolations(page);
    if (screenshots !== undefined) await page.screenshot({ path: `${screenshots}/laptop.png`, fullPage: true });

    // A court-room tablet: the cards reflow, nothing runs off the side.
    await page.setViewportSize({ width: 768, height: 1024 });
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(768);
    await expectNoAccessibilityViolations(page);
    if (screenshots !== undefined) await page.screenshot({ path: `${screenshots}/tablet.png`, fullPage: true });

    // Printed: no navigation, no sign-out, no print link.
    await page.emulateMedia({ media: 'print' });
    for (const selector of ['.govuk-service-navigation', '[data-qa="sign-out"]', '[data-qa="print-link"]', '.govuk-footer']) {
      expect(await page.locator(selector).isVisible(), `${selector} printed`).toBe(false);
    }
    expect(await checkIn.hearing(heardToday).isVisible()).toBe(true);
    if (screenshots !== undefined) await page.screenshot({ path: `${screenshots}/print.png`, fullPage: true });
    await officer.context.close();

    // The other court's SPO sees their own court's proposal and none of ours.
    const otherSpo = await signedInContext(browser(), stack.url, 'other.spo');
    await otherSpo.page.goto(`${stack.url}/morning-check-in`);
    const theirs = await new MorningCheckInPage(otherSpo.page).verifyOnPage();
    expect(await theirs.day('today').locator(theirs.hearing(elsewhere)).count()).toBe(1);
    const theirText = await bodyText(otherSpo.page);
    for (const telltale of ['Tess', 'Todayson', 'Nextday']) expect(theirText).not.toContain(telltale);
    await expectNoAccessibilityViolations(otherSpo.page);
    await otherSpo.context.close();
  }, 180_000);

  it('offers "Print this page" only with JavaScript, and is not for sentencers', async () => {
    const officer = await signedInContext(browser(), stack.url, 'court.officer', { javaScriptEnabled: false });
    const response = await officer.page.goto(`${stack.url}/morning-check-in`);
    expect(response?.status()).toBe(200);
    const checkIn = await new MorningCheckInPage(officer.page).verifyOnPage();
    expect(await checkIn.printLink().isVisible()).toBe(false);
    await officer.context.close();

    const sentencer = await signedInContext(browser(), stack.url, 'sentencer');
    expect((await sentencer.page.goto(`${stack.url}/morning-check-in`))?.status()).toBe(403);
    expect(await sentencer.page.locator('.govuk-service-navigation__list a').allInnerTexts()).toEqual(['Court list']);
    await sentencer.context.close();
  }, 60_000);
});
