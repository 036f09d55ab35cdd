import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { localDemoPassword } from '../../infra/local/oidc-provider.ts';
import { requestsFor, startChecks } from '../support/journeys.ts';
import { useLocalStack } from '../support/local-stack.ts';
import { informationHeld, notKnown, proposalBody, speakToOfficer } from '../support/proposals.ts';
import { expectNoAccessibilityViolations, newContext, useChromium } from './support/browser.ts';
import { signedInContext } from './pages/staff-common.ts';
import { ProposalPage } from './pages/staff-officer.ts';
import { CountersignPage } from './pages/staff-spo.ts';

/**
 * Signing in and out as staff on a shared court PC would. Signing out, then "Sign in" or Back,
 * asking for the password is in start-page.test.ts; here: someone the service refuses
 * (docs/decisions/0011) and the names pages give staff.
 */
const { stack, api } = useLocalStack();
const browser = useChromium();

/** Signs in at the provider from the start page; returns the status of the page the callback shows. */
async function signInFromStartPage(page: Page, user: string): Promise<number | undefined> {
  await page.goto(stack.url);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByLabel(/username/i).fill(user);
  await page.getByLabel(/password/i).fill(localDemoPassword);
  const [callback] = await Promise.all([page.waitForResponse((response) => new URL(response.url()).pathname === '/auth/callback'), page.getByRole('button', { name: /sign in/i }).click()]);
  await page.waitForLoadState('load');
  return callback.status();
}

async function expectNothingInternal(page: Page, userId: string): Promise<void> {
  const text = await page.locator('body').innerText();
  expect(text).not.toContain(userId);
  expect(text).not.toMatch(/SEVERAL_ROLES|NO_ROLE|COURT_OFFICER|SENIOR_PROBATION_OFFICER|Error|\bat .+:\d+/);
  expect(await page.getByText('Signed in as').count()).toBe(0);
}

describe('someone the identity provider knows but this service refuses', () => {
  it('in two groups: is told why and whom to ask, is not signed in, and can sign out so the next person is asked for a password', async () => {
    const context = await newContext(browser());
    const page = await context.newPage();
    expect(await signInFromStartPage(page, 'two.roles')).toBe(403);

    expect((await page.locator('h1').textContent())?.trim()).toBe('Your account has more than one role');
    expect(await page.title()).toBe('Your account has more than one role – Curfew safeguarding checks – GOV.UK');
    expect(await page.locator('[data-qa="why"]').textContent()).toContain('Your account is set up as a court officer and a senior probation officer.');
    expect(await page.locator('[data-qa="whom-to-ask"]').textContent()).toContain('Ask the administrator who gave you access to this service to keep only the role for the job you do');
    await expectNothingInternal(page, 'two.roles');
    expect((await page.request.get(`${stack.url}/auth/session`)).status()).not.toBe(200);
    await expectNoAccessibilityViolations(page);

    // On a shared court PC the provider still knows this person until they sign out there too:
    // the page's "Sign out" ends that, so the next person's "Sign in" asks for a password.
    await page.locator('[data-qa="refused-sign-out"]').getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(`${stack.url}/`);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByLabel(/password/i).waitFor();
    expect(new URL(page.url()).origin).toBe(stack.oidcIssuer);
    await context.close();
  });

  it('in no group of ours: is told which roles there are and whom to ask', async () => {
    const context = await newContext(browser());
    const page = await context.newPage();
    expect(await signInFromStartPage(page, 'no.role')).toBe(403);
    expect((await page.locator('h1').textContent())?.trim()).toBe('Your account does not have a role in this service');
    expect(await page.locator('[data-qa="why"]').textContent()).toContain('one role: court officer, senior probation officer or sentencer');
    expect(await page.locator('[data-qa="whom-to-ask"]').textContent()).toContain('Ask the administrator who gave you access to this service');
    await expectNothingInternal(page, 'no.role');
    await expectNoAccessibilityViolations(page);
    await context.close();
  });
});

describe('the names staff pages give people', () => {
  it('are names, not ids: who recorded an answer, decided and countersigned, for the officer and the senior probation officer', async () => {
    const proposalId = await startChecks(api, proposalBody());
    const requests = await requestsFor(api, proposalId, 3);
    expect((await api.answer(requests.police.url ?? '', informationHeld)).status).toBe(200);
    expect((await api.answer(requests.childrensServices.url ?? '', notKnown)).status).toBe(200);
    expect((await api.answer(requests.residents[0]?.url ?? '', speakToOfficer)).status).toBe(200);
    const ids = /court\.officer|\bspo\b/;

    // The officer records the resident's answer by phone, then decides suitable despite the police concern.
    const officer = await signedInContext(browser(), stack.url, 'court.officer');
    const page = officer.page;
    await page.goto(`${stack.url}/proposals/${proposalId}`);
    const proposal = await new ProposalPage(page, 'Sam Example').verifyOnPage();
    await proposal.reloadUntil(async () => (await page.locator('[data-qa="consent-form"]').count()) > 0, 'the resident to ask to speak to someone');
    await proposal.recordConsent('Alex Resident', { consent: true, method: 'By phone', alone: true });
    await proposal.reloadUntilStatus('AWAITING_DECISION');
    await proposal.recordDecision('SUITABLE', 'Checks answered; the police information was considered with the resident.', 'MEDIUM');
    expect(await proposal.status()).toBe('AWAITING_COUNTERSIGN');
    const residentCheck = page.locator('[data-qa="check"][data-check-type="RESIDENT_CONSENT"]');
    expect(await residentCheck.textContent()).toContain('Recorded by Casey Officer by phone');
    expect(await page.locator('[data-qa="decision"]').textContent()).toContain('Casey Officer');
    // The decision waits for countersigning: the form says so in words, and can only change it to unsuitable.
    const form = page.locator('[data-qa="decision-form"]');
    expect(await form.locator('h2').textContent()).toBe('Change your decision');
    expect(await form.locator('[data-qa="suitable-explanation"]').textContent()).toContain('waiting for a senior probation officer to countersign it');
    const officerText = await page.locator('main').innerText();
    expect(officerText).not.toMatch(ids);
    expect(officerText).not.toContain('AWAITING_COUNTERSIGN');
    await expectNoAccessibilityViolations(page);
    await officer.context.close();

    // The senior probation officer sees the same names on the countersigning page and the proposal.
    const spo = await signedInContext(browser(), stack.url, 'spo');
    const spoPage = spo.page;
    await spoPage.goto(`${stack.url}/proposals/${proposalId}/countersign`);
    const countersign = await new CountersignPage(spoPage, 'Sam Example').verifyOnPage();
    expect(await spoPage.locator('main').innerText()).toContain('Casey Officer');
    expect(await spoPage.locator('main').innerText()).not.toMatch(ids);
    await countersign.countersign(true, '');
    await spoPage.goto(`${stack.url}/proposals/${proposalId}`);
    await new ProposalPage(spoPage, 'Sam Example').verifyOnPage();
    const decision = await spoPage.locator('[data-qa="decision"]').textContent();
    expect(decision).toContain('Casey Officer');
    expect(decision).toContain('Agreed by Sam Senior');
    expect(await spoPage.locator('[data-qa="check"][data-check-type="RESIDENT_CONSENT"]').textContent()).toContain('Recorded by Casey Officer by phone');
    expect(await spoPage.locator('main').innerText()).not.toMatch(ids);
    await spo.context.close();
  }, 120_000);
});
