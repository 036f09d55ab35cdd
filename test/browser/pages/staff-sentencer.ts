import type { Page } from 'playwright-core';
import { BasePage } from '../support/browser.ts';
import { submit } from './staff-common.ts';

export class CourtListPage extends BasePage {
  constructor(page: Page) {
    super(page, 'Court list');
  }

  row(proposalId: string) {
    return this.page.locator(`[data-qa="court-list-row"][data-proposal-id="${proposalId}"]`);
  }

  /** A proposal's suitability as its row shows it: "Suitable", "Unsuitable", "Not decided". */
  async suitability(proposalId: string): Promise<string> {
    return ((await this.row(proposalId).locator('[data-qa="suitability"]').textContent()) ?? '').trim();
  }

  /** What became of the case's earlier addresses, as its row says ("" for a first address). */
  async history(proposalId: string): Promise<string> {
    const line = this.row(proposalId).locator('[data-qa="version-history"]');
    return (await line.count()) === 0 ? '' : line.innerText();
  }

  /** Follows a row's link to the proposal's safeguarding checks (the completeness page). */
  open(proposalId: string): Promise<void> {
    return submit(this.page, this.row(proposalId).getByRole('link').first());
  }

  /** Types a hearing date into GOV.UK's three boxes (YYYY-MM-DD given) and shows that day's list. */
  async showDate(date: string): Promise<void> {
    const [year = '', month = '', day = ''] = date.split('-');
    await this.showTyped(String(Number(day)), String(Number(month)), year);
  }

  async showTyped(day: string, month: string, year: string): Promise<void> {
    await this.page.getByLabel('Day').fill(day);
    await this.page.getByLabel('Month').fill(month);
    await this.page.getByLabel('Year').fill(year);
    await submit(this.page, this.page.getByRole('button', { name: 'Show court list' }));
  }

  /** The table's caption: the court and the day shown. */
  caption(): Promise<string> {
    return this.page.locator('[data-qa="court-list-table"] caption, [data-qa="no-proposals"]').first().innerText();
  }

  async otherDay(which: 'previous-day' | 'next-day'): Promise<void> {
    await submit(this.page, this.page.locator(`[data-qa="${which}"]`));
  }
}

export class CompletenessPage extends BasePage {
  constructor(page: Page, defendant = 'Sam Browser') {
    super(page, `Safeguarding checks for ${defendant}`);
  }

  /** The cards of one kind of check, as the sentencer reads them. */
  cards(type: string) {
    return this.page.locator(`[data-qa="provenance"][data-check-type="${type}"]`);
  }
}

/** GOV.UK's error pages: "Page not found", "You cannot see this page". */
export class ErrorPage extends BasePage {
  /** The service navigation's links (a signed-in user's own pages). */
  navigation(): Promise<string[]> {
    return this.page.locator('.govuk-service-navigation__list a').allInnerTexts();
  }

  wayBack() {
    return this.page.locator('[data-qa="way-back"]');
  }
}
