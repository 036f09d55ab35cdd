import { describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { englishResidentPhrases } from '../../functions/pages/link/translations.ts';
import { requestsFor, startChecks, viewOf } from '../support/journeys.ts';
import { useLocalStack } from '../support/local-stack.ts';
import { informationHeld, noInformation, proposalBody } from '../support/proposals.ts';
import { expectNoAccessibilityViolations, newContext, useChromium } from './support/browser.ts';
import { AgencyEnquiryPage, errorSummaryOf, LinkConfirmationPage, OutboxPage, ResidentQuestionPage, UnusableLinkPage } from './pages/link-pages.ts';

// Every page load here goes through the link paths, which the local stack rate-limits per address
// as the WAF does; this file is one client making many journeys quickly, so it gets a higher limit.
const { stack, api } = useLocalStack({ linkRequestsPerMinute: 1000 });
const browser = useChromium();
const contexts: BrowserContext[] = [];

/** A fresh browser profile (its own link cookie); axe runs only where JavaScript is on. */
async function newPage(javaScriptEnabled = true): Promise<Page> {
  const context = await newContext(browser(), { javaScriptEnabled });
  contexts.push(context);
  return context.newPage();
}

async function checkAccessibility(page: Page, javaScriptEnabled: boolean): Promise<void> {
  if (javaScriptEnabled) {
    await expectNoAccessibilityViolations(page);
  }
}

const residents = [
  { fullName: 'Alex Resident', relationship: 'PARTNER', email: 'alex@example.org', language: 'en' },
  { fullName: 'Bryn Preswylydd', relationship: 'PARENT', email: 'bryn@example.org', language: 'cy' },
];

/** A new proposal with two residents (one asked in English, one in Welsh); its links by recipient. */
async function newProposal() {
  const proposalId = await startChecks(api, proposalBody({ residents }));
  const requests = await requestsFor(api, proposalId, 4);
  const residentLink = (email: string) => requests.residents.find((message) => message.to === email)?.url ?? '';
  return { proposalId, police: requests.police.url ?? '', childrensServices: requests.childrensServices.url ?? '', english: residentLink('alex@example.org'), welsh: residentLink('bryn@example.org') };
}

async function checkOf(proposalId: string, type: string, residentIndex?: number) {
  const view = await viewOf(api, proposalId);
  const residentId = residentIndex === undefined ? undefined : view.residents[residentIndex]?.residentId;
  return view.checks.find((check) => check.type === type && (residentId === undefined || check.residentId === residentId));
}

async function bodyText(page: Page): Promise<string> {
  return (await page.locator('body').innerText()).replace(/\s+/g, ' ');
}

/** No English of ours, and none of GOV.UK's own English, is left on a Welsh page. */
async function expectNoEnglish(page: Page): Promise<void> {
  expect(await page.locator('html').getAttribute('lang')).toBe('cy');
  const text = await bodyText(page);
  const gOvUkEnglish = ['Skip to main content', 'All content is available under the Open Government Licence', 'Crown copyright', 'There is a problem', 'This is a new service'];
  for (const phrase of [...englishResidentPhrases(), ...gOvUkEnglish]) {
    expect(text, `English left on a Welsh page: "${phrase}"`).not.toContain(phrase);
  }
}

describe.each([true, false])('link pages (JavaScript %s)', (javaScriptEnabled) => {
  it('lets the police answer: a missing summary is shown in the error summary with what was typed kept, then the answer is sent', async () => {
    const { proposalId, police } = await newProposal();
    const page = await newPage(javaScriptEnabled);
    await page.goto(police);
    const enquiry = await new AgencyEnquiryPage(page, 'Domestic abuse enquiry').verifyOnPage();
    const details = await enquiry.personDetails().innerText();
    for (const shown of ['Sam Example', '1 April 1990', '1 High Street', 'SN1 1AA', 'Alex Resident', 'Bryn Preswylydd']) {
      expect(details).toContain(shown);
    }
    expect(await page.locator('[data-qa="who-is-asking"]').innerText()).toContain('probation court team at court B01LY00');
    expect(await page.locator('[data-qa="due-at"]').innerText()).toMatch(/^By \d{1,2} \w+ \d{4} at \d{1,2}:\d{2}(am|pm)\.$/);
    await checkAccessibility(page, javaScriptEnabled);

    await enquiry.answer({ outcome: 'Information held', restricted: true, name: 'DS Pat Quinn', role: 'Public protection unit', organisation: 'Wiltshire Police' });
    await enquiry.send();
    await enquiry.verifyOnPage();
    expect(await page.title()).toMatch(/^Error: /);
    expect(await errorSummaryOf(page)).toEqual([{ text: 'Enter a summary of the information held', href: '#summary' }]);
    expect(await page.locator('#summary-error').innerText()).toContain('Enter a summary of the information held');
    expect(await page.getByLabel('Information held', { exact: true }).isChecked()).toBe(true);
    expect(await page.getByLabel('Restricted: not for disclosure to the defendant').isChecked()).toBe(true);
    expect(await page.getByLabel('Your name').inputValue()).toBe('DS Pat Quinn');
    expect(await page.getByLabel('Your organisation').inputValue()).toBe('Wiltshire Police');
    await checkAccessibility(page, javaScriptEnabled);
    expect((await checkOf(proposalId, 'DOMESTIC_ABUSE'))?.status).toBe('REQUESTED');

    await enquiry.answer({ summary: 'Two call-outs to the address in 2025.' });
    await enquiry.send();
    const confirmation = await new LinkConfirmationPage(page, 'Answer sent').verifyOnPage();
    expect(await confirmation.panel().innerText()).toContain('B01LY00');
    await checkAccessibility(page, javaScriptEnabled);
    expect(await checkOf(proposalId, 'DOMESTIC_ABUSE')).toMatchObject({ status: 'RESPONDED', outcome: 'INFORMATION_HELD' });

    // The cookie is gone: the link page now says the link cannot be used.
    const again = await page.goto(`${stack.url}/respond`);
    expect(again?.status()).toBe(404);
    await new UnusableLinkPage(page).verifyOnPage();
  });

  it('lets a resident consent in English, after being asked to confirm they understand', async () => {
    const { proposalId, english } = await newProposal();
    const page = await newPage(javaScriptEnabled);
    await page.goto(english);
    const question = await new ResidentQuestionPage(page).verifyOnPage();
    const text = await bodyText(page);
    expect(text).toContain('Sam Example may be ordered by the court to stay at your home during set hours. This is called a curfew.');
    expect(await page.locator('[data-qa="curfew-periods"]').innerText()).toBe('Every day, 7pm to 7am the next day');
    expect(text).toContain('Someone will visit your home to fit equipment.');
    expect(text).toContain('You can change your mind at any time by contacting the probation court team that sent you the link.');
    expect(text).not.toMatch(/1 April 1990|dateOfBirth/);
    await checkAccessibility(page, javaScriptEnabled);

    await question.choose('Yes, I agree');
    await question.send();
    await question.verifyOnPage();
    expect(await errorSummaryOf(page)).toEqual([{ text: 'Confirm that you understand what you are agreeing to', href: '#understood' }]);
    expect(await page.getByLabel('Yes, I agree', { exact: true }).isChecked()).toBe(true);
    await checkAccessibility(page, javaScriptEnabled);

    await page.getByLabel('I understand what this means').check();
    await question.send();
    const confirmation = await new LinkConfirmationPage(page, 'Answer sent').verifyOnPage();
    expect(await confirmation.panel().innerText()).toContain('You said you agree.');
    expect(await page.locator('[data-qa="exit-this-page"]').count()).toBe(1);
    await checkAccessibility(page, javaScriptEnabled);
    expect((await checkOf(proposalId, 'RESIDENT_CONSENT', 0))?.status).toBe('RESPONDED');
  });
});

describe('link pages', () => {
  it("lets children's services answer", async () => {
    const { proposalId, childrensServices } = await newProposal();
    const page = await newPage();
    await page.goto(childrensServices);
    const enquiry = await new AgencyEnquiryPage(page, 'Child safeguarding enquiry').verifyOnPage();
    expect(await page.locator('[data-qa="what-is-asked"]').innerText()).toContain("known to children's services");
    await enquiry.answer({ outcome: 'Current involvement', summary: 'Child protection plan since March.', name: 'Chris Ward', role: 'MASH social worker', organisation: 'Swindon Borough Council' });
    await enquiry.send();
    await new LinkConfirmationPage(page, 'Answer sent').verifyOnPage();
    await expectNoAccessibilityViolations(page);
    expect(await checkOf(proposalId, 'CHILD_SAFEGUARDING')).toMatchObject({ status: 'RESPONDED', outcome: 'CURRENT_INVOLVEMENT' });
  });

  it('shows a Welsh resident every page in Welsh, switches language both ways, and never shows an agency answer', async () => {
    const { proposalId, police, welsh } = await newProposal();
    expect((await api.answer(police, informationHeld)).status).toBe(200);
    const page = await newPage();
    await page.goto(welsh);
    const question = await new ResidentQuestionPage(page, 'cy').verifyOnPage();
    await expectNoEnglish(page);
    expect(await page.locator('[data-qa="curfew-periods"]').innerText()).toBe('Bob dydd, 7yh tan 7yb y diwrnod wedyn');
    expect(await bodyText(page)).not.toMatch(/Two call-outs|INFORMATION_HELD|Information held|Wiltshire Police/);
    await expectNoAccessibilityViolations(page);

    await question.switchLanguage('English');
    await new ResidentQuestionPage(page, 'en').verifyOnPage();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await question.switchLanguage('Cymraeg');
    await question.verifyOnPage();

    await question.send();
    await question.verifyOnPage();
    expect(await page.title()).toMatch(/^Gwall: /);
    expect(await errorSummaryOf(page)).toEqual([{ text: 'Dewiswch ateb', href: '#decision' }]);
    await expectNoEnglish(page);
    await expectNoAccessibilityViolations(page);

    await question.choose('Nac ydw, dydw i ddim yn cytuno');
    await question.send();
    await new LinkConfirmationPage(page, 'Ateb wedi’i anfon').verifyOnPage();
    await expectNoEnglish(page);
    await expectNoAccessibilityViolations(page);
    expect((await checkOf(proposalId, 'RESIDENT_CONSENT', 1))?.status).toBe('RESPONDED');
  });

  it('lets a resident ask to speak to someone, and the confirmation does not read as a refusal', async () => {
    const { proposalId, english } = await newProposal();
    const page = await newPage();
    await page.goto(english);
    const question = await new ResidentQuestionPage(page).verifyOnPage();
    expect(await bodyText(page)).toContain('Someone from the probation service will contact you. This is not shown to anyone as a refusal.');
    await question.choose('I would like to speak to someone first');
    await question.send();
    const confirmation = await new LinkConfirmationPage(page, 'Request sent').verifyOnPage();
    expect(await confirmation.panel().innerText()).toContain('Someone from the probation service will contact you.');
    expect(await bodyText(page)).not.toMatch(/refus|do not agree|not given|consent/i);
    await expectNoAccessibilityViolations(page);
    expect((await checkOf(proposalId, 'RESIDENT_CONSENT', 0))?.status).toBe('NEEDS_CONTACT');
  });

  it('shows one "cannot be used" page for a used link, in English or Welsh, and refuses a second answer from an open page', async () => {
    const { police } = await newProposal();
    const page = await newPage();
    await page.goto(police);
    const enquiry = await new AgencyEnquiryPage(page, 'Domestic abuse enquiry').verifyOnPage();
    expect((await api.answer(police, noInformation)).status).toBe(200);
    await enquiry.answer({ outcome: 'No information held', name: 'PC Jordan Lee', role: 'Domestic abuse officer', organisation: 'Wiltshire Police' });
    await enquiry.send();
    await new UnusableLinkPage(page).verifyOnPage();
    expect(await bodyText(page)).toContain('If you still need to answer, contact the probation court team that sent you the link.');

    const response = await page.goto(police);
    expect(response?.status()).toBe(410);
    await new UnusableLinkPage(page).verifyOnPage();
    await expectNoAccessibilityViolations(page);
    await page.locator('[data-qa="language-navigation"]').getByRole('link', { name: 'Cymraeg' }).click();
    await new UnusableLinkPage(page, 'cy').verifyOnPage();
    await expectNoEnglish(page);
    await expectNoAccessibilityViolations(page);
  });

  it("shows the same page for a withdrawn proposal's link", async () => {
    const { proposalId, english } = await newProposal();
    expect((await api.post(`/api/proposals/${proposalId}/withdraw`, { reason: 'No longer proposed' }, 'court.officer')).status).toBe(200);
    const page = await newPage();
    const response = await page.goto(english);
    expect(response?.status()).toBe(410);
    await new UnusableLinkPage(page).verifyOnPage();
  });

  it('lists every message on the outbox page, with links that open the right page', async () => {
    const { proposalId } = await newProposal();
    const page = await newPage();
    await page.goto(`${stack.url}/dev/outbox`);
    const outbox = await new OutboxPage(page).verifyOnPage();
    await expectNoAccessibilityViolations(page);
    expect(await page.locator(`[data-qa="outbox-message"][data-proposal-id="${proposalId}"]`).count()).toBe(4);

    await outbox.linkTo('Police', proposalId).click();
    await new AgencyEnquiryPage(page, 'Domestic abuse enquiry').verifyOnPage();
    await page.goto(`${stack.url}/dev/outbox`);
    await outbox.linkTo("Children's services", proposalId).click();
    await new AgencyEnquiryPage(page, 'Child safeguarding enquiry').verifyOnPage();
    await page.goto(`${stack.url}/dev/outbox`);
    await outbox.linkTo('bryn@example.org', proposalId).click();
    await new ResidentQuestionPage(page, 'cy').verifyOnPage();
  });
});
