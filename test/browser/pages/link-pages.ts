import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { BasePage } from '../support/browser.ts';

/** The police or children's services enquiry page. */
export class AgencyEnquiryPage extends BasePage {
  constructor(page: Page, heading: 'Domestic abuse enquiry' | 'Child safeguarding enquiry') {
    super(page, heading);
  }

  personDetails(): Locator {
    return this.page.locator('[data-qa="person-details"]');
  }

  async answer(answer: { outcome?: string; summary?: string; restricted?: boolean; name?: string; role?: string; organisation?: string }): Promise<void> {
    if (answer.outcome !== undefined) await this.page.getByLabel(answer.outcome, { exact: true }).check();
    if (answer.summary !== undefined) await this.page.getByLabel('Summary of the information').fill(answer.summary);
    if (answer.restricted === true) await this.page.getByLabel('Restricted: not for disclosure to the defendant').check();
    if (answer.name !== undefined) await this.page.getByLabel('Your name').fill(answer.name);
    if (answer.role !== undefined) await this.page.getByLabel('Your role').fill(answer.role);
    if (answer.organisation !== undefined) await this.page.getByLabel('Your organisation').fill(answer.organisation);
  }

  async send(): Promise<void> {
    await this.page.locator('[data-qa="send-answer"]').click();
    await this.page.waitForLoadState('load');
  }
}

/** A resident's question, in English or Welsh. */
export class ResidentQuestionPage extends BasePage {
  constructor(page: Page, language: 'en' | 'cy' = 'en') {
    super(page, language === 'en' ? 'A curfew at your home' : 'Cyrffyw yn eich cartref');
  }

  override async verifyOnPage(): Promise<this> {
    await super.verifyOnPage();
    await expect.poll(() => this.page.locator('[data-qa="exit-this-page"] a').getAttribute('href')).toBe('https://www.bbc.co.uk/weather');
    return this;
  }

  async choose(label: string): Promise<void> {
    await this.page.getByLabel(label, { exact: true }).check();
  }

  async switchLanguage(to: 'English' | 'Cymraeg'): Promise<void> {
    await this.page.locator('[data-qa="language-navigation"]').getByRole('link', { name: to }).click();
    await this.page.waitForLoadState('load');
  }

  async send(): Promise<void> {
    await this.page.locator('[data-qa="send-answer"]').click();
    await this.page.waitForLoadState('load');
  }
}

/** A GOV.UK confirmation panel page. */
export class LinkConfirmationPage extends BasePage {
  panel(): Locator {
    return this.page.locator('[data-qa="confirmation"]');
  }
}

/** The one page for a link that cannot be used; for an expired or replaced link whose check still waits, it offers a new link. */
export class UnusableLinkPage extends BasePage {
  constructor(page: Page, language: 'en' | 'cy' = 'en') {
    super(page, language === 'en' ? 'This link cannot be used' : 'Ni ellir defnyddio’r ddolen hon');
  }

  askForNewLinkButton(): Locator {
    return this.page.locator('[data-qa="ask-new-link"]');
  }

  async askForNewLink(): Promise<void> {
    await this.askForNewLinkButton().click();
    await this.page.waitForLoadState('load');
  }
}

/** After asking for a new link: the court team has been told (or already had been). */
export class NewLinkRequestedPage extends BasePage {
  constructor(page: Page, outcome: 'ASKED' | 'ALREADY_ASKED', language: 'en' | 'cy' = 'en') {
    const headings = { ASKED: { en: 'We have asked for a new link', cy: 'Rydym wedi gofyn am ddolen newydd' }, ALREADY_ASKED: { en: 'You have already asked for a new link', cy: 'Rydych eisoes wedi gofyn am ddolen newydd' } };
    super(page, headings[outcome][language]);
  }
}

/** The local outbox page. */
export class OutboxPage extends BasePage {
  constructor(page: Page) {
    super(page, 'Outbox');
  }

  linkTo(recipient: string, proposalId: string): Locator {
    return this.page.locator(`[data-qa="outbox-message"][data-proposal-id="${proposalId}"]`).filter({ hasText: recipient }).locator('[data-qa="outbox-link"]');
  }

  /** The messages about one proposal, newest first: kind, recipient, check type, and whether each carries a link. */
  messagesAbout(proposalId: string): Promise<{ kind: string; to: string; checkType: string; link: boolean }[]> {
    return this.page.locator(`[data-qa="outbox-message"][data-proposal-id="${proposalId}"]`).evaluateAll((rows) =>
      rows.map((row) => {
        const cells = [...row.querySelectorAll('td')].map((cell) => (cell.textContent ?? '').trim());
        return { kind: cells[0] ?? '', to: cells[1] ?? '', checkType: cells[3] ?? '', link: row.querySelector('[data-qa="outbox-link"]') !== null };
      }),
    );
  }

  /** The domain events about one proposal, newest first: type, the facts shown, and whether the bus has it. */
  eventsAbout(proposalId: string): Promise<{ type: string; details: string; onTheBus: string }[]> {
    return this.page.locator(`[data-qa="domain-event"][data-proposal-id="${proposalId}"]`).evaluateAll((rows) =>
      rows.map((row) => {
        const cells = [...row.querySelectorAll('td')].map((cell) => (cell.textContent ?? '').replace(/\s+/g, ' ').trim());
        return { type: cells[0] ?? '', details: cells[2] ?? '', onTheBus: cells[4] ?? '' };
      }),
    );
  }
}

/** The error summary's messages, and where each links. */
export async function errorSummaryOf(page: Page): Promise<{ text: string; href: string | null }[]> {
  const links = page.locator('[data-qa="error-summary"] a');
  const count = await links.count();
  const errors: { text: string; href: string | null }[] = [];
  for (let index = 0; index < count; index += 1) {
    const link = links.nth(index);
    errors.push({ text: (await link.textContent())?.trim() ?? '', href: await link.getAttribute('href') });
  }
  return errors;
}

/** The page for a link already used to reply: when it was used, and whom to contact. */
export class AnsweredLinkPage extends BasePage {
  constructor(page: Page, language: 'en' | 'cy' = 'en') {
    super(page, language === 'en' ? 'This link has already been used' : 'Mae’r ddolen hon wedi cael ei defnyddio’n barod');
  }

  async answeredAt(): Promise<string> {
    return this.page.locator('[data-qa="answered-at"]').innerText();
  }

  notRecorded(): Locator {
    return this.page.locator('[data-qa="not-recorded"]');
  }
}

/** The court team's contact details as the page shows them, with where the email and phone links go. */
export async function courtContactOf(page: Page): Promise<{ team: string; email: string; emailHref: string | null; phone: string; phoneHref: string | null }> {
  const contact = page.locator('[data-qa="court-contact"]');
  const email = contact.locator('[data-qa="court-team-email"]');
  const phone = contact.locator('[data-qa="court-team-phone"]');
  return {
    team: (await contact.locator('[data-qa="court-team"]').innerText()).trim(),
    email: (await email.innerText()).trim(),
    emailHref: await email.getAttribute('href'),
    phone: (await phone.innerText()).trim(),
    phoneHref: await phone.getAttribute('href'),
  };
}

/** A resident's withdrawal page: what withdrawing does, and the one button. */
export class WithdrawConsentPage extends BasePage {
  constructor(page: Page, language: 'en' | 'cy' = 'en') {
    super(page, language === 'en' ? 'Withdraw your consent to a curfew at your home' : 'Tynnu eich caniatâd yn ôl ar gyfer cyrffyw yn eich cartref');
  }

  withdrawButton(): Locator {
    return this.page.locator('[data-qa="withdraw-consent"]');
  }

  async withdraw(): Promise<void> {
    await this.withdrawButton().click();
    await this.page.waitForLoadState('load');
  }
}

/** After withdrawing: the confirmation panel (its heading is the panel's title). */
export class ConsentWithdrawnPage extends BasePage {
  constructor(page: Page, language: 'en' | 'cy' = 'en') {
    super(page, language === 'en' ? 'You have withdrawn your consent' : 'Rydych wedi tynnu eich caniatâd yn ôl');
  }
}

/** A withdrawal link already used, or consent the officer already recorded as withdrawn. */
export class AlreadyWithdrawnPage extends BasePage {
  constructor(page: Page, language: 'en' | 'cy' = 'en') {
    super(page, language === 'en' ? 'Your consent has already been withdrawn' : 'Mae eich caniatâd eisoes wedi’i dynnu’n ôl');
  }

  lines(): Promise<string[]> {
    return this.page.locator('[data-qa="withdrawal-line"]').allInnerTexts();
  }
}
