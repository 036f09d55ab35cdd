import { describe, expect, it } from 'vitest';
import { figuresFrom, periodContaining, previousPeriod, weeksOfPeriod } from '#domain/performance';
import { periodLabel } from '#pages/staff/performance';
import { todayInLondon } from '../support/dates.ts';
import { useLocalStack } from '../support/local-stack.ts';
import { syntheticCounters } from '../support/performance-seed.ts';
import { expectNoAccessibilityViolations, useChromium } from './support/browser.ts';
import { signedInContext } from './pages/staff-common.ts';
import { PerformancePage } from './pages/staff-performance.ts';

/**
 * Issue 16, section 1: the P&Q page in Chromium, axe on every state, charts included. The counters
 * are those 600 proposals of two South West courts over four months would leave behind, written
 * with the store's counter function (the integration test makes real proposals and follows the
 * stream; here the subject is the page). PERFORMANCE_SCREENSHOT=<file> saves the SPO's page.
 */
const { stack } = useLocalStack();
const browser = useChromium();
const screenshot = process.env.PERFORMANCE_SCREENSHOT;

describe('the performance and quality page', () => {
  it("shows an SPO their court's figures with charts and tables, changes period, downloads the CSV; a performance lead sees their region's courts", async () => {
    const today = todayInLondon();
    const seeded = syntheticCounters({ courts: ['B01LY00', 'B01CN00'], proposals: 600, days: 120, until: new Date(), region: 'SOUTH_WEST' }).counters;
    // Imported here: the store reads the table's name from the environment the stack has set.
    const { addToCounters } = await import('#store/performance-counts');
    await addToCounters(seeded);
    const quarter = periodContaining('quarter', today);
    const expectedStarted = (period: typeof quarter) => figuresFrom(seeded.filter((counters) => counters.courtCode === 'B01LY00'), weeksOfPeriod(period)).started;

    const spo = await signedInContext(browser(), stack.url, 'spo');
    const page = spo.page;
    await page.setViewportSize({ width: 1100, height: 900 });
    await page.getByRole('link', { name: 'Performance and quality' }).click();
    const performance = await new PerformancePage(page).verifyOnPage();
    expect(await performance.figuresHeading().innerText()).toBe(`Swindon Magistrates' Court (B01LY00): ${periodLabel(quarter)}`);
    expect((await performance.table('proposals'))[0]).toEqual(['Started', String(expectedStarted(quarter))]);
    const trend = await performance.chart('trend-chart');
    expect(trend).toMatchObject({ role: 'img', title: 'Share of proposals with every check answered before the hearing, week by week' });
    expect(trend.description).toContain('the inspectorate found 37%, 51%, 48%');
    expect((await performance.chart('police-forces-chart')).role).toBe('img');
    // Each force the seeded proposals went to, by name, in order; a code never shows.
    expect((await performance.table('police-forces')).map((row) => row[0])).toEqual(['Avon and Somerset Police', 'Gloucestershire Police', 'Wiltshire Police']);
    expect(await page.locator('body').innerText()).not.toContain('Chippenham');
    await expectNoAccessibilityViolations(page);
    if (screenshot !== undefined) await page.screenshot({ path: screenshot, fullPage: true });

    // Another period: last month, chosen from the form.
    const lastMonth = previousPeriod(periodContaining('month', today));
    await performance.choosePeriod(`Month: ${periodLabel(lastMonth)}`);
    await performance.verifyOnPage();
    expect(new URL(page.url()).searchParams.get('period')).toBe(lastMonth.value);
    expect(await performance.figuresHeading().innerText()).toContain(periodLabel(lastMonth));
    expect((await performance.table('proposals'))[0]).toEqual(['Started', String(expectedStarted(lastMonth))]);
    await expectNoAccessibilityViolations(page);

    // The CSV link downloads the same figures.
    const href = (await performance.csvLink().getAttribute('href')) ?? '';
    expect(href).toBe(`/performance.csv?period=${lastMonth.value}&court=all`);
    const csv = await page.request.get(`${stack.url}${href}`);
    expect(csv.headers()['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers()['content-disposition']).toContain('attachment');
    expect(await csv.text()).toContain(`"Proposals started and their outcome","Started","${expectedStarted(lastMonth)}"`);
    await spo.context.close();

    // A performance lead starts on the page and may choose any court of the South West, no other.
    const lead = await signedInContext(browser(), stack.url, 'performance.lead');
    const leadPage = await new PerformancePage(lead.page).verifyOnPage();
    const courts = await lead.page.locator('#court option').allInnerTexts();
    expect(courts).toEqual(['All your courts (2)', "Swindon Magistrates' Court (B01LY00)", "Chippenham Magistrates' Court (B01CN00)"]);
    expect(await leadPage.figuresHeading().innerText()).toBe(`All your courts (2): ${periodLabel(quarter)}`);
    await expectNoAccessibilityViolations(lead.page);
    await lead.context.close();
  }, 180_000);
});
