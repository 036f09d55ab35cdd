import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { addDays, todayInLondon } from '../support/dates.ts';
import { useLocalStack } from '../support/local-stack.ts';
import { expectNoAccessibilityViolations, expectNoAccessibilityViolationsBesideReveals, useChromium } from './support/browser.ts';
import { errorMessages, signedInContext, submit } from './pages/staff-common.ts';
import { ProposalListPage } from './pages/staff-lists.ts';
import { ProposalPage, StartChecksPage, type StartChecksValues } from './pages/staff-officer.ts';

/**
 * Starting the checks, as a court officer in a hurry makes it: short pages, a draft kept between
 * them (and across a new sign-in), the browser's Back button, "Check your answers" with Change
 * links, and nothing sent until "Send the requests". Axe on every page state, errors included;
 * once more without JavaScript.
 */
const { stack } = useLocalStack();
const browser = useChromium();

function values(): StartChecksValues {
  const hearingDate = addDays(todayInLondon(), 14);
  const curfewStart = addDays(hearingDate, 1);
  return {
    hearingDate,
    convictionDate: todayInLondon(),
    curfewStart,
    curfewEnd: addDays(curfewStart, 60),
    period: { days: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'], from: '19:00', to: '07:00' },
    resident: { fullName: 'Alex Resident', relationship: 'PARTNER', email: 'alex@example.org' },
  };
}

async function on(page: Page, step: ConstructorParameters<typeof StartChecksPage>[1]): Promise<StartChecksPage> {
  return new StartChecksPage(page, step).verifyOnPage();
}

/** "Cancel and delete this draft" on a start-checks page, to the page that asks whether to. */
async function askToDiscard(page: Page): Promise<void> {
  await submit(page, page.locator('[data-qa="discard-draft"]'));
  expect(await page.locator('h1').innerText()).toBe('Are you sure you want to delete this draft?');
}

describe('starting the checks', () => {
  it('asks one short page at a time, says exactly how to put slips right, keeps the draft across Back and a new sign-in, and sends only after "Check your answers"', async () => {
    const officer = await signedInContext(browser(), stack.url, 'court.officer');
    const page = officer.page;
    const answers = values();
    await page.goto(`${stack.url}/proposals/new`);
    const form = await on(page, 'hearing');
    await expectNoAccessibilityViolations(page);
    // The old form was one 8,000-pixel page; each page now fits a laptop screen or two.
    expect((await page.locator('body').boundingBox())?.height).toBeLessThan(2_000);

    // A whole date typed into the day box.
    await form.answer('hearing', answers);
    await page.locator('#hearingDate-day').fill('1/2/2027');
    await page.locator('#hearingDate-month').fill('');
    await page.locator('#hearingDate-year').fill('');
    await form.continue();
    await on(page, 'hearing');
    expect(await errorMessages(page)).toEqual(['Enter the day as a number, for example 1; enter the month and year in their own boxes']);
    expect(await page.locator('#hearingDate-day').inputValue()).toBe('1/2/2027');
    expect(await page.locator('#courtCode').inputValue()).toBe('B01LY00');
    expect(await page.title()).toMatch(/^Error: /);
    await expectNoAccessibilityViolations(page);
    // Every page once, with axe on each as the officer first sees it.
    for (let step = await form.step(); step !== 'check'; step = await form.step()) {
      if (step !== 'hearing') await expectNoAccessibilityViolationsBesideReveals(page);
      await form.answer(step, answers);
      await form.continue();
      expect(await errorMessages(page)).toEqual([]);
    }

    // Stopped at "Check your answers": go back through the pages with the browser's Back button.
    await on(page, 'check');
    await expectNoAccessibilityViolations(page);
    await page.goBack();
    await on(page, 'agencies');
    expect(await page.locator('#policeForce').inputValue()).toBe('WILTSHIRE');
    await page.goBack();
    await page.goBack();
    await on(page, 'adults');
    expect(await page.locator('#resident-0-email').inputValue()).toBe('alex@example.org');

    // A second adult, then "no other adults" ticked as well, meaning "nobody besides these".
    await form.press('Add another adult');
    await on(page, 'adults');
    await expectNoAccessibilityViolations(page);
    await form.setResident(1, { fullName: 'Jo Lodger', relationship: 'FRIEND', email: 'jo@example.org' });
    await page.getByLabel('No other adults live at this address').check();
    await form.continue();
    await on(page, 'adults');
    expect(await errorMessages(page)).toEqual(["If the adults you listed are everyone who lives there besides the defendant, untick 'No other adults live at this address'. Tick it only when no adult besides the defendant lives there."]);
    expect(await page.locator('#resident-1-fullName').inputValue()).toBe('Jo Lodger');
    await expectNoAccessibilityViolations(page);
    await page.getByLabel('No other adults live at this address').uncheck();
    await form.continue();

    // Children: the number is asked only after "Yes".
    await on(page, 'children');
    await page.locator('#children-any-2').check();
    expect(await page.locator('#children-count').isVisible()).toBe(false);
    await page.locator('#children-any').check();
    expect(await page.locator('#children-count').isVisible()).toBe(true);
    await expectNoAccessibilityViolationsBesideReveals(page);
    await form.fill(answers);
    await on(page, 'check');
    expect(await form.answers('adults')).toContain('Jo Lodger');

    // Change one answer from "Check your answers", and come straight back to it.
    await form.change('defendant');
    await on(page, 'defendant');
    expect(await page.locator('#defendant-givenName').inputValue()).toBe('Sam');
    await page.locator('#defendant-crn').fill('Y654321');
    await form.continue();
    await on(page, 'check');
    expect(await form.answers('defendant')).toContain('Y654321');

    // The session ends (timed out, or signed out); the officer signs in again and the draft is still there.
    await officer.context.close();
    const again = await signedInContext(browser(), stack.url, 'court.officer');
    await again.page.goto(`${stack.url}/proposals/new?step=check`);
    const resumed = await on(again.page, 'check');
    expect(await resumed.answers('adults')).toContain('Jo Lodger');
    expect(await resumed.answers('curfew')).toContain('Monday to Friday: 19:00 to 07:00');

    // Only now is anything sent: the police, children's services and both adults.
    await resumed.submit();
    const proposal = await new ProposalPage(again.page).verifyOnPage();
    expect(await proposal.checkStatuses()).toEqual(['REQUESTED', 'REQUESTED', 'REQUESTED', 'REQUESTED']);
    // Back after sending cannot send again: the next form starts empty.
    await again.page.goBack();
    await on(again.page, 'hearing');
    expect(await again.page.locator('#hearingDate-day').inputValue()).toBe('');
    await again.context.close();
  }, 240_000);

  it('lets the officer delete a draft after a confirmation, by a POST with the CSRF token, with nothing sent', async () => {
    const officer = await signedInContext(browser(), stack.url, 'court.officer');
    const page = officer.page;
    const answers = values();
    await page.goto(`${stack.url}/proposals`);
    const proposalsBefore = await new ProposalListPage(page).rows();
    await page.goto(`${stack.url}/proposals/new`);
    // Nothing saved yet: nothing to delete, and no page that asks.
    expect(await page.locator('[data-qa="discard-draft"]').count()).toBe(0);
    const form = await on(page, 'hearing');
    await form.answer('hearing', answers);
    await form.continue();
    await form.answer('defendant', answers);
    await form.continue();
    await on(page, 'curfew');

    await askToDiscard(page);
    expect(await page.locator('[data-qa="draft-description"]').innerText()).toMatch(/^Your answers so far for the checks for Sam Browser, last saved on \d+ \w+ \d{4} at \d+:\d\d[ap]m, will be deleted\.$/);
    await expectNoAccessibilityViolations(page);
    // Asking changes nothing: "No, keep the draft" goes back to the page, answers and all.
    await submit(page, page.locator('[data-qa="keep-draft"]'));
    await on(page, 'curfew');
    await page.goto(`${stack.url}/proposals/new?step=defendant`);
    expect(await page.locator('#defendant-givenName').inputValue()).toBe('Sam');

    // Without the CSRF token, the POST is refused and the draft stays.
    const forged = await page.request.post(`${stack.url}/proposals/new?step=discard`, { form: { _csrf: 'not-the-token' }, maxRedirects: 0 });
    expect(forged.status()).toBe(403);
    await page.reload();
    expect(await page.locator('#defendant-givenName').inputValue()).toBe('Sam');

    await askToDiscard(page);
    await submit(page, page.locator('[data-qa="confirm-discard"]'));
    const list = await new ProposalListPage(page).verifyOnPage();
    expect(await page.locator('[data-qa="success-banner"]').innerText()).toContain('Your draft was deleted. No requests were sent.');
    expect(await list.rows()).toEqual(proposalsBefore);
    await expectNoAccessibilityViolations(page);
    // The form starts empty, and the question "delete this draft?" is not asked of nothing.
    await page.goto(`${stack.url}/proposals/new?step=defendant`);
    expect(await page.locator('#defendant-givenName').inputValue()).toBe('');
    await page.goto(`${stack.url}/proposals/new?step=discard&from=check`);
    await on(page, 'hearing');
    await officer.context.close();
  }, 240_000);

  it('deletes a draft from "Check your answers" without JavaScript', async () => {
    const officer = await signedInContext(browser(), stack.url, 'court.officer', { javaScriptEnabled: false });
    const page = officer.page;
    await page.goto(`${stack.url}/proposals/new`);
    const form = await on(page, 'hearing');
    await form.fill(values());
    await on(page, 'check');
    await askToDiscard(page);
    await submit(page, page.locator('[data-qa="keep-draft"]'));
    await on(page, 'check');
    await askToDiscard(page);
    await submit(page, page.locator('[data-qa="confirm-discard"]'));
    await new ProposalListPage(page).verifyOnPage();
    expect(await page.locator('[data-qa="success-banner"]').innerText()).toContain('Your draft was deleted');
    await page.goto(`${stack.url}/proposals/new?step=check`);
    await on(page, 'hearing');
    expect(await page.locator('#hearingDate-day').inputValue()).toBe('');
    await officer.context.close();
  }, 240_000);

  it('works without JavaScript from the first page to sending, with "add another" and the children question', async () => {
    const officer = await signedInContext(browser(), stack.url, 'court.officer', { javaScriptEnabled: false });
    const page = officer.page;
    const answers = values();
    await page.goto(`${stack.url}/proposals/new`);
    const form = await on(page, 'hearing');
    await form.fill({ ...answers, period: { ...answers.period, from: '7pm' } });
    await on(page, 'curfew');
    expect((await errorMessages(page)).length).toBeGreaterThan(0);
    await page.locator('#period-0-from').fill('19:00');
    await form.press('Add another curfew period');
    await on(page, 'curfew');
    await form.setPeriod({ days: ['Saturday', 'Sunday'], from: '21:00', to: '06:00' }, 1);
    await form.continue();
    await on(page, 'adults');
    await form.setResident(0, answers.resident);
    await form.press('Add another adult');
    await form.setResident(1, { fullName: 'Jo Lodger', relationship: 'FRIEND', email: 'jo@example.org' });
    await form.press('Add another adult');
    await form.press('Remove adult 3');
    expect(await page.locator('[data-qa^="resident-"]').count()).toBe(2);
    await form.continue();
    // Without JavaScript the number of children is shown beside "Yes" all along.
    await on(page, 'children');
    expect(await page.locator('#children-count').isVisible()).toBe(true);
    await form.fill(answers);
    await on(page, 'check');
    expect(await form.answers('curfew')).toContain('Saturday, Sunday: 21:00 to 06:00');
    await form.submit();
    const proposal = await new ProposalPage(page).verifyOnPage();
    expect(await proposal.checkStatuses()).toEqual(['REQUESTED', 'REQUESTED', 'REQUESTED', 'REQUESTED']);

    // Deleting "the draft" once it was sent (an old tab) keeps the note of what it became, so a
    // "Send" from another old tab still goes to the same proposal rather than to an empty form;
    // the officer is sent to that proposal and told its requests have gone, not that nothing was sent.
    const proposalPath = new URL(page.url()).pathname;
    const csrf = (await page.locator('input[name="_csrf"]').first().inputValue()) ?? '';
    const deleted = await page.request.post(`${stack.url}/proposals/new?step=discard`, { form: { _csrf: csrf }, maxRedirects: 0 });
    expect(deleted.headers()['location']).toBe(`${proposalPath}?done=already-sent`);
    await page.goto(`${stack.url}${deleted.headers()['location'] ?? ''}`);
    expect(await page.locator('[data-qa="important-banner"]').textContent()).toContain('it had already been sent, so these checks have started');
    const sentAgain = await page.request.post(`${stack.url}/proposals/new?step=check`, { form: { _csrf: csrf }, maxRedirects: 0 });
    expect(sentAgain.headers()['location']).toBe(`${proposalPath}?done=started`);
    await officer.context.close();
  }, 240_000);
});
