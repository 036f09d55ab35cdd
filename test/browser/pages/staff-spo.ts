import type { Page } from 'playwright-core';
import { BasePage } from '../support/browser.ts';
import { submit } from './staff-common.ts';

export class QueuePage extends BasePage {
  constructor(page: Page) {
    super(page, 'Countersigning and overdue checks');
  }

  countersignRow(proposalId: string) {
    return this.page.locator(`[data-qa="countersign-row"][data-proposal-id="${proposalId}"]`);
  }

  /** Why a decision waiting for a countersignature needs one, as its row says. */
  async countersignReasons(proposalId: string): Promise<string> {
    return ((await this.countersignRow(proposalId).locator('[data-qa="countersign-reasons"]').textContent()) ?? '').trim();
  }

  /** The green banner after countersigning or sending a decision back ('' if none). */
  async successBanner(): Promise<string> {
    const banner = this.page.locator('[data-qa="success-banner"] .govuk-notification-banner__content');
    return (await banner.count()) === 0 ? '' : ((await banner.textContent()) ?? '').trim();
  }

  /** Follows a row's link to the countersign page. */
  openCountersign(proposalId: string): Promise<void> {
    return submit(this.page, this.countersignRow(proposalId).getByRole('link').first());
  }
}

export class CountersignPage extends BasePage {
  constructor(page: Page, defendant = 'Sam Browser') {
    super(page, `Countersign the decision for ${defendant}`);
  }

  async countersign(agree: boolean | undefined, comment: string): Promise<void> {
    const form = this.page.locator('[data-qa="countersign-form"]');
    if (agree !== undefined) {
      await form.locator(`input[name="agree"][value="${agree ? 'yes' : 'no'}"]`).check();
    }
    await form.locator('#countersign-comment').fill(comment);
    await submit(this.page, form.locator('[data-qa="countersign"]'));
  }

  /** "Why this is a concern", for each concern raised. */
  async concernReasons(): Promise<string[]> {
    return (await this.page.locator('[data-qa="concern-reason"]').allTextContents()).map((text) => text.trim());
  }

  /** The comments of decisions sent back before ("Sent back before by …: …"). */
  async earlierReturns(): Promise<string[]> {
    return (await this.page.locator('[data-qa="earlier-return"]').allTextContents()).map((text) => text.replace(/\s+/g, ' ').trim());
  }
}
