import type { Locator, Page } from 'playwright-core';
import { stepHeadings } from '../../../functions/pages/staff/start-steps.ts';
import { BasePage } from '../support/browser.ts';
import { submit } from './staff-common.ts';

export interface StartChecksValues {
  hearingDate: string;
  convictionDate: string;
  curfewStart: string;
  curfewEnd: string;
  period: { days: string[]; from: string; to: string };
  resident: { fullName: string; relationship: string; email: string };
}

async function fillDate(page: Page, prefix: string, date: string): Promise<void> {
  const [year = '', month = '', day = ''] = date.split('-');
  await page.locator(`#${prefix}-day`).fill(String(Number(day)));
  await page.locator(`#${prefix}-month`).fill(String(Number(month)));
  await page.locator(`#${prefix}-year`).fill(year);
}

/** The headings of the start-checks pages, as the pages name them, then "Check your answers". */
export const startCheckHeadings = { ...stepHeadings, check: 'Check your answers before sending the requests' } as const;
export type StartCheckStep = keyof typeof startCheckHeadings;

/**
 * The start-checks form: short question pages, "Check your answers", then Send. `fill` answers
 * each page from wherever the officer is and stops at "Check your answers", or at the first page
 * that shows an error (so a test can look at it, put it right and call `fill` again).
 */
export class StartChecksPage extends BasePage {
  constructor(page: Page, step?: StartCheckStep) {
    super(page, step === undefined ? new RegExp(`^(${Object.values(startCheckHeadings).join('|')})$`) : startCheckHeadings[step]);
  }

  async step(): Promise<StartCheckStep> {
    if ((await this.page.locator('[data-qa="check-answers-form"]').count()) > 0) return 'check';
    return ((await this.page.locator('[data-qa="start-checks-form"]').getAttribute('data-step')) ?? 'hearing') as StartCheckStep;
  }

  async hasErrors(): Promise<boolean> {
    return (await this.page.locator('[data-qa="error-summary"]').count()) > 0;
  }

  async fill(values: StartChecksValues): Promise<void> {
    for (let pages = 0; pages < 10; pages += 1) {
      const step = await this.step();
      if (step === 'check') return;
      await this.answer(step, values);
      await this.continue();
      if (await this.hasErrors()) return;
    }
    throw new Error('The start-checks pages did not reach "Check your answers"');
  }

  async answer(step: Exclude<StartCheckStep, 'check'>, values: StartChecksValues): Promise<void> {
    const page = this.page;
    switch (step) {
      case 'hearing':
        await page.locator('#courtCode').selectOption('B01LY00');
        await fillDate(page, 'hearingDate', values.hearingDate);
        await page.getByLabel('Short-format (fast delivery) report').check();
        await fillDate(page, 'convictionDate', values.convictionDate);
        return;
      case 'defendant':
        await page.locator('#defendant-givenName').fill('Sam');
        await page.locator('#defendant-familyName').fill('Browser');
        await fillDate(page, 'defendant-dateOfBirth', '1990-04-01');
        await page.locator('#defendant-crn').fill('X123456');
        return;
      case 'curfew':
        await page.locator('#address-line1').fill('1 High Street');
        await page.locator('#address-town').fill('Swindon');
        await page.locator('#address-postcode').fill('sn1 1aa');
        await fillDate(page, 'curfewStart', values.curfewStart);
        await fillDate(page, 'curfewEnd', values.curfewEnd);
        await this.setPeriod(values.period);
        return;
      case 'adults':
        await this.setResident(0, values.resident);
        return;
      case 'children':
        await page.locator('#children-any').check();
        await page.locator('#children-count').fill('2');
        return;
      case 'agencies':
        await page.locator('#policeForce').selectOption('WILTSHIRE');
        await page.locator('#localAuthority').selectOption('SWINDON');
        return;
    }
  }

  async setPeriod(period: { days: string[]; from: string; to: string }, row = 0): Promise<void> {
    const fieldset = this.page.locator(`[data-qa="period-${row}"]`);
    for (const day of period.days) {
      await fieldset.getByLabel(day, { exact: true }).check();
    }
    await this.page.locator(`#period-${row}-from`).fill(period.from);
    await this.page.locator(`#period-${row}-to`).fill(period.to);
  }

  async setResident(row: number, resident: { fullName: string; relationship: string; email: string }): Promise<void> {
    await this.page.locator(`#resident-${row}-fullName`).fill(resident.fullName);
    await this.page.locator(`#resident-${row}-relationship`).selectOption(resident.relationship);
    await this.page.locator(`#resident-${row}-email`).fill(resident.email);
    await this.page.locator(`[data-qa="resident-${row}"]`).getByLabel('English').check();
  }

  continue(): Promise<void> {
    return submit(this.page, this.page.locator('[data-qa="continue"]'));
  }

  /** A secondary button in the form ("Add another adult", "Remove adult 2"). */
  press(name: string): Promise<void> {
    return submit(this.page, this.page.getByRole('button', { name, exact: true }));
  }

  /** The Change link of one page's answers on "Check your answers". */
  change(step: Exclude<StartCheckStep, 'check'>): Promise<void> {
    return submit(this.page, this.page.locator(`[data-qa="change-${step}"]`));
  }

  answers(step: Exclude<StartCheckStep, 'check'>): Promise<string> {
    return this.page.locator(`[data-qa="answers-${step}"]`).innerText();
  }

  /** "Send the requests" on "Check your answers". */
  submit(): Promise<void> {
    return submit(this.page, this.page.locator('[data-qa="start-checks"]'));
  }
}

export class ProposalPage extends BasePage {
  constructor(page: Page, defendant = 'Sam Browser') {
    super(page, `Curfew checks for ${defendant}`);
  }

  status(): Promise<string | null> {
    return this.page.locator('[data-qa="proposal-status"]').getAttribute('data-status');
  }

  checkStatuses(): Promise<string[]> {
    return this.page.locator('[data-qa="check"]').evaluateAll((elements) => elements.map((element) => element.getAttribute('data-status') ?? ''));
  }

  /** Reloads until the proposal has the status (the workflow moves it on its own). */
  async reloadUntilStatus(status: string, timeoutMs = 20_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while ((await this.status()) !== status) {
      if (Date.now() > deadline) throw new Error(`Proposal did not become ${status}; it is ${await this.status()}`);
      await new Promise((resolve) => setTimeout(resolve, 300));
      await this.page.reload();
    }
  }

  async reloadUntil(predicate: () => Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await predicate())) {
      if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 300));
      await this.page.reload();
    }
  }

  /** Records the decision; `riskOfSeriousHarm` is the level chosen from the assessment (none chosen when not given). */
  async recordDecision(outcome: 'SUITABLE' | 'UNSUITABLE' | undefined, rationale: string, riskOfSeriousHarm?: 'LOW' | 'MEDIUM' | 'HIGH' | 'VERY_HIGH' | 'NOT_YET_ASSESSED'): Promise<void> {
    const form = this.page.locator('[data-qa="decision-form"]');
    if (riskOfSeriousHarm !== undefined) {
      await form.locator(`input[name="riskOfSeriousHarm"][value="${riskOfSeriousHarm}"]`).check();
    }
    if (outcome !== undefined) {
      await form.locator(`input[name="outcome"][value="${outcome}"]`).check();
    }
    await form.locator('#decision-rationale').fill(rationale);
    await submit(this.page, form.locator('[data-qa="record-decision"]'));
  }

  async withdraw(reason: string): Promise<void> {
    const form = this.page.locator('[data-qa="withdraw-form"]');
    await form.locator('#withdraw-reason').fill(reason);
    await submit(this.page, form.locator('[data-qa="withdraw"]'));
  }

  async recordConsent(residentName: string, answer: { consent: boolean; method: 'By phone' | 'In person'; alone: boolean }): Promise<void> {
    const form = this.page.locator('[data-qa="consent-form"]').filter({ hasText: `Record consent from ${residentName}` });
    await form.getByLabel(answer.consent ? 'Yes, they consent' : 'No, they do not consent').check();
    await form.getByLabel(answer.method).check();
    await form.getByRole('group', { name: 'Were they spoken to alone?' }).getByLabel(answer.alone ? 'Yes' : 'No', { exact: true }).check();
    await submit(this.page, form.getByRole('button', { name: `Record ${residentName}'s answer` }));
  }

  /** "Send the link again" on one check's card (by check type). */
  async resendLink(checkType: 'DOMESTIC_ABUSE' | 'CHILD_SAFEGUARDING' | 'RESIDENT_CONSENT'): Promise<void> {
    const card = this.page.locator(`[data-qa="check"][data-check-type="${checkType}"]`);
    await submit(this.page, card.getByRole('button', { name: 'Send the link again' }));
  }

  /** The banners of links their holders asked to be sent again: each one's heading. */
  newLinkRequests(): Promise<string[]> {
    return this.page.locator('[data-qa="new-link-requested"] .govuk-notification-banner__heading').allInnerTexts();
  }

  /** "Send a new link" on the banner of the request by `who` ("The police", a resident's name). */
  async sendNewLink(who: string): Promise<void> {
    const banner = this.page.locator('[data-qa="new-link-requested"]').filter({ hasText: `${who} asked for a new link` });
    await submit(this.page, banner.getByRole('button', { name: 'Send a new link' }));
  }

  async changeContact(residentName: string, contact: { email: string; mobile: string }): Promise<void> {
    const form = this.page.locator('[data-qa="contact-form"]').filter({ hasText: `Change contact details for ${residentName}` });
    await form.getByLabel('Email address').fill(contact.email);
    await form.getByLabel('UK mobile number').fill(contact.mobile);
    await submit(this.page, form.getByRole('button', { name: 'Change contact details and send a new link' }));
  }

  /** The curfew's summary list: its first and last days and each period in words. */
  async curfew(): Promise<{ start: string; end: string; periods: string[] }> {
    const list = this.page.locator('[data-qa="curfew"]');
    return {
      start: (await list.locator('[data-qa="curfew-start"]').innerText()).trim(),
      end: (await list.locator('[data-qa="curfew-end"]').innerText()).trim(),
      periods: (await list.locator('[data-qa="curfew-period"]').allInnerTexts()).map((text) => text.trim()),
    };
  }

  /** One check's card: by check type, and for a resident's consent by the resident's name. */
  checkCard(checkType: 'DOMESTIC_ABUSE' | 'CHILD_SAFEGUARDING' | 'RESIDENT_CONSENT', residentName?: string) {
    const cards = this.page.locator(`[data-qa="check"][data-check-type="${checkType}"]`);
    return residentName === undefined ? cards : cards.filter({ has: this.page.getByRole('heading', { name: new RegExp(`^Consent from ${residentName} `) }) });
  }

  /** What a check's card says about concerns: its words, and whether it is one; undefined when it has no such row (not answered). */
  async concern(card: ReturnType<ProposalPage['checkCard']>): Promise<{ raised: boolean; text: string } | undefined> {
    const row = card.locator('[data-qa="check-concern"]');
    if ((await row.count()) === 0) return undefined;
    return { raised: (await row.getAttribute('data-concern')) === 'yes', text: (await row.innerText()).replace(/\s+/g, ' ').trim() };
  }

  /** A resident's chosen language and how their link reaches them, from their consent card. */
  async residentContact(residentName: string): Promise<{ language: string; channel: string }> {
    const card = this.checkCard('RESIDENT_CONSENT', residentName);
    return { language: (await card.locator('[data-qa="resident-language"]').innerText()).trim(), channel: (await card.locator('[data-qa="resident-channel"]').innerText()).trim() };
  }

  /** What the page last said to screen readers about an update ('' if nothing). */
  async liveAnnouncement(): Promise<string> {
    return ((await this.page.locator('[data-qa="live-announcement"]').textContent()) ?? '').trim();
  }

  /** The "An answer has arrived" banner, shown when the page keeps what was typed instead of updating. */
  updateBanner() {
    return this.page.locator('[data-qa="update-banner"]');
  }

  async showRestricted(reason: string): Promise<void> {
    const form = this.page.locator('[data-qa="restricted-form"]');
    await form.locator('#restricted-reason').fill(reason);
    await submit(this.page, form.getByRole('button', { name: 'Show restricted information' }));
  }

  /** The comments of decisions a senior probation officer sent back, newest first. */
  async returnedComments(): Promise<string[]> {
    return (await this.page.locator('[data-qa="returned-comment"]').allTextContents()).map((text) => text.trim());
  }

  /** The advice beside the decision form to speak to a resident again, alone, before deciding. */
  async consentAdvice(): Promise<string[]> {
    return (await this.page.locator('[data-qa="consent-advice"]').allInnerTexts()).map((text) => text.replace(/\s+/g, ' ').trim());
  }

  /** Why a suitable decision needs a countersignature, as the decision form says ('' if it does not). */
  /** Why a countersignature will be needed, as listed beside the decision form (empty when none). */
  async countersignReasons(): Promise<string[]> {
    return (await this.page.locator('[data-qa="countersign-reasons"] li').allInnerTexts()).map((text) => text.trim());
  }

  /** The recorded decision's risk of serious harm and why it needed a countersignature, as its summary shows them. */
  async decidedRiskAndReasons(): Promise<{ risk: string; reasons: string[] }> {
    return {
      risk: (await this.page.locator('[data-qa="decision-risk"]').innerText()).trim(),
      reasons: (await this.page.locator('[data-qa="decision-countersign-reasons"] li').allInnerTexts()).map((text) => text.trim()),
    };
  }

  async countersignNote(): Promise<string> {
    const note = this.page.locator('[data-qa="countersign-note"]');
    return (await note.count()) === 0 ? '' : (await note.innerText()).trim();
  }
}

export class MyProposalsPage extends BasePage {
  constructor(page: Page) {
    super(page, 'My proposals');
  }

  row(proposalId: string) {
    return this.page.locator(`[data-qa="proposal-row"][data-proposal-id="${proposalId}"]`);
  }
}

export class CheckSummaryPage extends BasePage {
  constructor(page: Page, defendant = 'Sam Browser') {
    super(page, `Safeguarding check summary for ${defendant}`);
  }
}

/**
 * "Propose another address" (`/proposals/{proposalId}/alternative-address`): what carries over and
 * what is asked again, then Continue into the start-checks pages with the carried-over answers.
 */
export class AnotherAddressPage extends BasePage {
  constructor(page: Page) {
    super(page, 'Propose another address');
  }

  explanation(): Promise<string> {
    return this.page.locator('[data-qa="another-address-explanation"]').innerText();
  }

  unsentDraftWarning(): Promise<number> {
    return this.page.locator('[data-qa="unsent-draft-warning"]').count();
  }

  continue(): Promise<void> {
    return submit(this.page, this.page.locator('[data-qa="another-address-form"] [data-qa="continue"]'));
  }
}

/** The versions of a case on the proposal page: each address's label and status, and the links between them. */
export async function caseVersions(page: Page): Promise<{ history: string; rows: { label: string; status: string; linked: boolean }[] }> {
  const history = (await page.locator('[data-qa="version-history"]').count()) > 0 ? await page.locator('[data-qa="version-history"]').innerText() : '';
  const rows = await page.locator('[data-qa="version"]').evaluateAll((elements) =>
    elements.map((element) => ({
      label: element.querySelector('dt')?.textContent?.trim() ?? '',
      status: element.querySelector('dd')?.textContent?.trim() ?? '',
      linked: element.querySelector('dt a') !== null,
    })),
  );
  return { history, rows };
}

/** The proposal page's form for recording that a resident withdrew their consent (it re-renders the proposal page). */
export class RecordConsentWithdrawalForm {
  constructor(readonly page: Page) {}

  form(): Locator {
    return this.page.locator('[data-qa="consent-withdrawal-form"]');
  }

  async record(residentName: string | undefined): Promise<void> {
    if (residentName !== undefined) await this.form().getByLabel(residentName, { exact: true }).check();
    await this.form().locator('[data-qa="record-consent-withdrawal"]').click();
    await this.page.waitForLoadState('load');
  }

  withdrawnNotice(): Locator {
    return this.page.locator('[data-qa="consent-withdrawn"]');
  }
}
