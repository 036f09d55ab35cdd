import type { Locator, Page } from 'playwright-core';
import { BasePage } from '../support/browser.ts';

/** The court team's morning check-in (/morning-check-in). */
export class MorningCheckInPage extends BasePage {
  constructor(page: Page) {
    super(page, 'Morning check-in');
  }

  /** The section of one meeting day: 'today' or 'next'. */
  day(key: 'today' | 'next'): Locator {
    return this.page.locator(`[data-qa="day-${key}"]`);
  }

  /** One proposal's card, in whichever day it is heard. */
  hearing(proposalId: string): Locator {
    return this.page.locator(`[data-qa="hearing"][data-proposal-id="${proposalId}"]`);
  }

  /** Each check of a hearing as the card shows it, one line each: "Police domestic abuse enquiry Outstanding Waiting for Wiltshire Police". */
  async checks(proposalId: string): Promise<string[]> {
    return (await this.hearing(proposalId).locator('[data-qa="check"]').allInnerTexts()).map((text) => text.replace(/\s+/g, ' ').trim());
  }

  /** The answers listed under "Since yesterday's meeting". */
  async arrivals(): Promise<string[]> {
    return (await this.page.locator('[data-qa="arrivals"] li').allInnerTexts()).map((text) => text.replace(/\s+/g, ' ').trim());
  }

  printLink(): Locator {
    return this.page.locator('[data-qa="print-link"]');
  }
}
