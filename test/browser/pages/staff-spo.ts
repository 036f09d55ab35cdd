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
}
