import { mkdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { requestsFor, startChecks, viewOf } from '../support/journeys.ts';
import { useLocalStack } from '../support/local-stack.ts';
import { proposalBody } from '../support/proposals.ts';
import { expectNoAccessibilityViolations, useChromium } from './support/browser.ts';
import { signedInContext, submit } from './pages/staff-common.ts';
import { ProposalListPage } from './pages/staff-lists.ts';
import { AnotherAddressPage, caseVersions, ProposalPage, StartChecksPage } from './pages/staff-officer.ts';
import { CourtListPage } from './pages/staff-sentencer.ts';

/**
 * Another address (issue 17): from an unsuitable proposal's page, the officer proposes another
 * address through the start-checks pages, the carried-over answers filled in and marked, and sends
 * the new requests; the two proposals link to each other. Axe on every page state.
 * `ANOTHER_ADDRESS_SCREENSHOTS=<folder>` keeps a screenshot of each.
 */
const { stack, api } = useLocalStack();
const browser = useChromium();
const screenshots = process.env.ANOTHER_ADDRESS_SCREENSHOTS;
if (screenshots !== undefined) mkdirSync(screenshots, { recursive: true });

describe('proposing another address', () => {
  it('carries over the hearing, defendant and curfew hours, asks about the new address, sends new requests and links the versions', async () => {
    const body = proposalBody();
    const firstId = await startChecks(api, body);
    await requestsFor(api, firstId, 3);
    const officer = await signedInContext(browser(), stack.url, 'court.officer');
    const page = officer.page;
    const shot = async (name: string) => {
      if (screenshots !== undefined) await page.screenshot({ path: `${screenshots}/${name}.png`, fullPage: true });
    };

    await page.goto(`${stack.url}/proposals/${firstId}`);
    const first = await new ProposalPage(page, 'Sam Example').verifyOnPage();
    // Still being checked: nothing to propose yet.
    expect(await page.locator('[data-qa="another-address"]').count()).toBe(0);
    await first.recordDecision('UNSUITABLE', 'The landlord does not allow another occupant');
    expect(await first.status()).toBe('UNSUITABLE');
    await expectNoAccessibilityViolations(page);
    await shot('1-unsuitable-proposal');

    await submit(page, page.locator('[data-qa="another-address"]'));
    const start = await new AnotherAddressPage(page).verifyOnPage();
    expect(await start.explanation()).toContain('The first address was unsuitable');
    expect(await start.unsentDraftWarning()).toBe(0);
    await expectNoAccessibilityViolations(page);
    await shot('2-propose-another-address');
    await start.continue();

    // The address page first: the address empty, the curfew's dates and hours carried over.
    const form = await new StartChecksPage(page, 'curfew').verifyOnPage();
    expect(await page.locator('[data-qa="another-address-notice"]').innerText()).toContain('carried over');
    expect(await page.locator('#address-line1').inputValue()).toBe('');
    expect(await page.locator('#curfewStart-day').inputValue()).toBe(String(Number(body.curfew.startDate.slice(8))));
    expect(await page.locator('#period-0-from').inputValue()).toBe('19:00');
    await expectNoAccessibilityViolations(page);
    await shot('3-new-address-page');
    // Continue without an address: the page says what is missing.
    await form.continue();
    expect(await page.locator('[data-qa="error-summary"]').innerText()).toContain('first line of the address');
    await expectNoAccessibilityViolations(page);
    await page.locator('#address-line1').fill('9 Other Road');
    await page.locator('#address-town').fill('Bath');
    await page.locator('#address-postcode').fill('ba1 1aa');
    await form.continue();
    await new StartChecksPage(page, 'adults').verifyOnPage();
    expect(await page.locator('#resident-0-fullName').inputValue()).toBe('');
    await form.setResident(0, { fullName: 'Jo Parent', relationship: 'PARENT', email: 'jo@example.org' });
    await form.continue();
    await new StartChecksPage(page, 'children').verifyOnPage();
    await page.locator('#children-any-2').check();
    await form.continue();
    await new StartChecksPage(page, 'agencies').verifyOnPage();
    await page.locator('#policeForce').selectOption('AVON_AND_SOMERSET');
    await page.locator('#localAuthority').selectOption('BATH_AND_NORTH_EAST_SOMERSET');
    await form.continue();

    await new StartChecksPage(page, 'check').verifyOnPage();
    expect(await page.locator('[data-qa="carried-over"]').allInnerTexts()).toEqual(['Carried over from the earlier address', 'Carried over from the earlier address', "The curfew's dates and hours are carried over; the address is new"]);
    expect(await form.answers('defendant')).toContain('Sam Example');
    expect(await form.answers('curfew')).toContain('9 Other Road');
    await expectNoAccessibilityViolations(page);
    await shot('4-check-your-answers');
    await form.submit();

    const second = await new ProposalPage(page, 'Sam Example').verifyOnPage();
    expect(await page.locator('[data-qa="success-banner"]').innerText()).toContain('The checks have started');
    const versions = await caseVersions(page);
    expect(versions.history).toBe('Second address: the first was unsuitable');
    expect(versions.rows).toEqual([
      { label: 'First address', status: 'Unsuitable', linked: true },
      { label: 'Second address (this page)', status: 'Checks in progress', linked: false },
    ]);
    expect(await second.status()).toBe('CHECKS_IN_PROGRESS');
    await expectNoAccessibilityViolations(page);
    await shot('5-second-address');
    const secondId = new URL(page.url()).pathname.split('/').at(-1) ?? '';
    const stored = await viewOf(api, secondId);
    expect(stored).toMatchObject({ status: 'CHECKS_IN_PROGRESS' });
    const fresh = await requestsFor(api, secondId, 3);
    expect(fresh.residents.map((message) => message.to)).toEqual(['jo@example.org']);
    expect(fresh.police.to).toMatch(/avon/i);

    // The first proposal now points to the current one, and offers no second replacement.
    await page.locator('[data-qa="versions"] a').first().click();
    await new ProposalPage(page, 'Sam Example').verifyOnPage();
    expect(await page.locator('[data-qa="replaced-by"]').innerText()).toContain('Another address has been proposed');
    expect(await page.locator('[data-qa="another-address"]').count()).toBe(0);
    await expectNoAccessibilityViolations(page);
    await shot('6-first-address-replaced');
    await Promise.all([page.waitForURL(`**/proposals/${secondId}`), page.locator('[data-qa="current-version-link"]').click()]);

    // An old tab's "Propose another address" gets a clear answer, not a second version.
    await page.goto(`${stack.url}/proposals/${firstId}/alternative-address`);
    expect(await page.locator('[data-qa="error-summary"]').innerText()).toContain('Another address was already proposed');
    await expectNoAccessibilityViolations(page);

    // My proposals lists the case once, as its current version, with its history.
    await page.goto(`${stack.url}/proposals`);
    const mine = await new ProposalListPage(page).verifyOnPage();
    expect(await mine.rows()).toContain(secondId);
    expect(await mine.rows()).not.toContain(firstId);
    expect(await mine.history(secondId)).toBe('Second address: the first was unsuitable');
    await expectNoAccessibilityViolations(page);
    await officer.context.close();

    // So does the court list the sentencer sees.
    const sentencer = await signedInContext(browser(), stack.url, 'sentencer');
    await sentencer.page.goto(`${stack.url}/court-list?court=B01LY00&date=${body.hearingDate}`);
    const list = await new CourtListPage(sentencer.page).verifyOnPage();
    expect(await list.row(secondId).count()).toBe(1);
    expect(await list.row(firstId).count()).toBe(0);
    expect(await list.history(secondId)).toBe('Second address: the first was unsuitable');
    await expectNoAccessibilityViolations(sentencer.page);
    if (screenshots !== undefined) await sentencer.page.screenshot({ path: `${screenshots}/7-court-list.png`, fullPage: true });
    await list.open(secondId);
    expect(await sentencer.page.locator('[data-qa="address-history"]').innerText()).toBe('Second address: the first was unsuitable');
    await expectNoAccessibilityViolations(sentencer.page);
    // The first address's page, reached by its old address, points to the current one.
    await sentencer.page.goto(`${stack.url}/court-list/${firstId}`);
    expect(await sentencer.page.locator('[data-qa="replaced-by"]').innerText()).toContain('Another address has since been proposed');
    await expectNoAccessibilityViolations(sentencer.page);
    if (screenshots !== undefined) await sentencer.page.screenshot({ path: `${screenshots}/8-sentencer-first-address.png`, fullPage: true });
    await sentencer.context.close();
  }, 120_000);
});
