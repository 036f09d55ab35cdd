import { describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { formatMoment } from '../../functions/pages/link/curfew-periods.ts';
import { englishResidentPhrases } from '../../functions/pages/link/translations.ts';
import { requestsFor, startChecks, viewOf } from '../support/journeys.ts';
import { useLocalStack } from '../support/local-stack.ts';
import { informationHeld, proposalBody } from '../support/proposals.ts';
import { expectNoAccessibilityViolations, newContext, useChromium } from './support/browser.ts';
import { AgencyEnquiryPage, AnsweredLinkPage, courtContactOf, errorSummaryOf, LinkConfirmationPage, OutboxPage, ResidentQuestionPage, UnusableLinkPage } from './pages/link-pages.ts';
import { signedInContext } from './pages/staff-common.ts';
import { ProposalPage } from './pages/staff-officer.ts';

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

/** A resident's phone: small touch screen, in London. */
async function newPhonePage(): Promise<Page> {
  const context = await browser().newContext({ timezoneId: 'Europe/London', locale: 'en-GB', viewport: { width: 375, height: 667 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
  contexts.push(context);
  return context.newPage();
}

/** The demo court's team (functions/domain/data/court-teams.json), as a recipient's page shows it. */
const swindonTeam = (language: 'en' | 'cy' = 'en') => ({
  team: language === 'en' ? "Probation court team, Swindon Magistrates' Court" : 'Tîm llys y gwasanaeth prawf, Llys Ynadon Swindon',
  email: 'swindon.court.team@probation.example',
  emailHref: 'mailto:swindon.court.team@probation.example',
  phone: '01632 960 123',
  phoneHref: 'tel:01632960123',
});

/** Records of a proposal's audit trail, as the officer's API gives them. */
async function auditOf(proposalId: string) {
  return (await api.get<{ records: { action: string; actor: string; at: string; checkId?: string }[] }>(`/api/proposals/${proposalId}/audit`, 'court.officer')).body.records;
}

/** When a check was answered (through its link, which was used at that moment). */
async function answeredAtOf(proposalId: string, checkId: string | undefined): Promise<string> {
  return (await auditOf(proposalId)).find((record) => record.action === 'CHECK_ANSWERED' && record.checkId === checkId)?.at ?? 'not answered';
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
    expect(await page.locator('[data-qa="who-is-asking"]').innerText()).toContain("probation court team at Swindon Magistrates' Court");
    expect(await courtContactOf(page)).toEqual(swindonTeam());
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
    expect(await confirmation.panel().innerText()).toContain("Swindon Magistrates' Court");
    expect(await bodyText(page)).not.toContain('B01LY00');
    expect(await courtContactOf(page)).toEqual(swindonTeam());
    await checkAccessibility(page, javaScriptEnabled);
    const answered = await checkOf(proposalId, 'DOMESTIC_ABUSE');
    expect(answered).toMatchObject({ status: 'RESPONDED', outcome: 'INFORMATION_HELD' });

    // The link page again: it was used, when, and whom to contact; nothing of the case.
    const again = await page.goto(`${stack.url}/respond`);
    expect(again?.status()).toBe(410);
    const used = await new AnsweredLinkPage(page).verifyOnPage();
    expect(await used.answeredAt()).toBe(`This link was used to send a reply on ${formatMoment(await answeredAtOf(proposalId, answered?.checkId), 'en')}.`);
    expect(await used.notRecorded().count()).toBe(0);
    expect(await courtContactOf(page)).toEqual(swindonTeam());
    expect(await bodyText(page)).not.toMatch(/Sam Example|High Street|Two call-outs|Information held/);
    await checkAccessibility(page, javaScriptEnabled);
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
    expect(await courtContactOf(page)).toEqual(swindonTeam());
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

  it('shows one "cannot be used" page for a link that does not exist, in English or Welsh, naming no court', async () => {
    const page = await newPage();
    const response = await page.goto(`${stack.url}/r/${'A'.repeat(43)}`);
    expect(response?.status()).toBe(404);
    await new UnusableLinkPage(page).verifyOnPage();
    expect(await bodyText(page)).toContain('If you still need to answer, contact the probation court team that sent you the link.');
    expect(await page.locator('[data-qa="court-contact"]').count()).toBe(0);
    await expectNoAccessibilityViolations(page);
    await page.locator('[data-qa="language-navigation"]').getByRole('link', { name: 'Cymraeg' }).click();
    await new UnusableLinkPage(page, 'cy').verifyOnPage();
    await expectNoEnglish(page);
    await expectNoAccessibilityViolations(page);
  });

  it("tells children's services who answer again in another tab when the link was used and whom to call; the first answer stands and the officer sees the attempt", async () => {
    const { proposalId, childrensServices } = await newProposal();
    const first = await newPage();
    await first.goto(childrensServices);
    const firstEnquiry = await new AgencyEnquiryPage(first, 'Child safeguarding enquiry').verifyOnPage();
    // The same link opened in a second tab of the same browser, before the first answer.
    const second = await first.context().newPage();
    await second.goto(childrensServices);
    const secondEnquiry = await new AgencyEnquiryPage(second, 'Child safeguarding enquiry').verifyOnPage();

    await firstEnquiry.answer({ outcome: "Not known to children's services", name: 'Chris Ward', role: 'MASH social worker', organisation: 'Swindon Borough Council' });
    await firstEnquiry.send();
    await new LinkConfirmationPage(first, 'Answer sent').verifyOnPage();
    // Refreshing the confirmation (the browser sends the form again) shows the confirmation, and records nothing.
    await first.reload();
    await new LinkConfirmationPage(first, 'Answer sent').verifyOnPage();

    await secondEnquiry.answer({ outcome: 'Current involvement', summary: 'Child protection plan since March.', name: 'Chris Ward', role: 'MASH social worker', organisation: 'Swindon Borough Council' });
    await secondEnquiry.send();
    const used = await new AnsweredLinkPage(second).verifyOnPage();
    const stored = await checkOf(proposalId, 'CHILD_SAFEGUARDING');
    expect(await used.answeredAt()).toBe(`This link was used to send a reply on ${formatMoment(await answeredAtOf(proposalId, stored?.checkId), 'en')}.`);
    expect(await used.notRecorded().innerText()).toBe('The answer you have just sent has not been recorded.');
    expect(await courtContactOf(second)).toEqual(swindonTeam());
    expect(await bodyText(second)).not.toMatch(/Sam Example|High Street|Not known|Current involvement|Child protection plan/);
    await expectNoAccessibilityViolations(second);

    expect(stored).toMatchObject({ status: 'RESPONDED', outcome: 'NOT_KNOWN' });
    const attempts = (await auditOf(proposalId)).filter((record) => record.action === 'LATER_ANSWER_ATTEMPTED');
    expect(attempts).toEqual([expect.objectContaining({ actor: 'CHILDRENS_SERVICES', checkId: stored?.checkId })]);
    expect(JSON.stringify(attempts)).not.toMatch(/CURRENT_INVOLVEMENT|protection plan/);

    const officer = await signedInContext(browser(), stack.url, 'court.officer');
    contexts.push(officer.context);
    await officer.page.goto(`${stack.url}/proposals/${proposalId}`);
    await new ProposalPage(officer.page, 'Sam Example').verifyOnPage();
    const shown = officer.page.locator('[data-qa="check"][data-check-type="CHILD_SAFEGUARDING"] [data-qa="later-answer-attempts"]');
    expect(await shown.innerText()).toContain(`A second answer was attempted on ${formatMoment(attempts[0]?.at ?? '', 'en')} through the used link.`);
    await expectNoAccessibilityViolations(officer.page);
  });

  it('tells a Welsh resident on a phone, in Welsh, that their link was used and how to reach the court team; refreshing the confirmation shows it again', async () => {
    const { proposalId, welsh } = await newProposal();
    const page = await newPhonePage();
    await page.goto(welsh);
    const question = await new ResidentQuestionPage(page, 'cy').verifyOnPage();
    expect(await courtContactOf(page)).toEqual(swindonTeam('cy'));
    await expectNoEnglish(page);
    await expectNoAccessibilityViolations(page);
    // A second tab, open on the question before the answer is sent.
    const other = await page.context().newPage();
    await other.goto(welsh);
    const otherQuestion = await new ResidentQuestionPage(other, 'cy').verifyOnPage();

    await question.choose('Nac ydw, dydw i ddim yn cytuno');
    await question.send();
    await new LinkConfirmationPage(page, 'Ateb wedi’i anfon').verifyOnPage();
    expect(await courtContactOf(page)).toEqual(swindonTeam('cy'));
    await page.reload();
    await new LinkConfirmationPage(page, 'Ateb wedi’i anfon').verifyOnPage();
    await expectNoEnglish(page);
    await expectNoAccessibilityViolations(page);

    await otherQuestion.choose('Ydw, rwy’n cytuno');
    await other.getByLabel('Rwy’n deall beth mae hyn yn ei olygu').check();
    await otherQuestion.send();
    const used = await new AnsweredLinkPage(other, 'cy').verifyOnPage();
    const stored = await checkOf(proposalId, 'RESIDENT_CONSENT', 1);
    expect(await used.answeredAt()).toBe(`Defnyddiwyd y ddolen hon i anfon ateb ar ${formatMoment(await answeredAtOf(proposalId, stored?.checkId), 'cy')}.`);
    expect(await used.notRecorded().innerText()).toBe('Nid yw’r ateb rydych newydd ei anfon wedi cael ei gofnodi.');
    expect(await courtContactOf(other)).toEqual(swindonTeam('cy'));
    // The curfew period in words; a time of day such as "5:17yh" is not it.
    expect(await bodyText(other)).not.toMatch(/Sam Example|cytuno\.|7yh tan 7yb/);
    expect(await other.locator('[data-qa="exit-this-page"]').count()).toBe(1);
    await expectNoEnglish(other);
    await expectNoAccessibilityViolations(other);
    expect(stored).toMatchObject({ status: 'RESPONDED', outcome: 'REFUSE' });

    // The link from the message opened again: used, when, in English on request.
    await other.goto(welsh);
    await new AnsweredLinkPage(other, 'cy').verifyOnPage();
    expect(await used.notRecorded().count()).toBe(0);
    await expectNoEnglish(other);
    await expectNoAccessibilityViolations(other);
    await other.locator('[data-qa="language-navigation"]').getByRole('link', { name: 'English' }).click();
    const english = await new AnsweredLinkPage(other, 'en').verifyOnPage();
    expect(await english.answeredAt()).toBe(`This link was used to send a reply on ${formatMoment(await answeredAtOf(proposalId, stored?.checkId), 'en')}.`);
    expect(await courtContactOf(other)).toEqual(swindonTeam('en'));
    await expectNoAccessibilityViolations(other);
    expect((await auditOf(proposalId)).filter((record) => record.action === 'LATER_ANSWER_ATTEMPTED')).toHaveLength(1);
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
