import type { Page } from 'playwright-core';
import { BasePage } from '../support/browser.ts';

export class CourtListPage extends BasePage {
  constructor(page: Page) {
    super(page, 'Court list');
  }

  row(proposalId: string) {
    return this.page.locator(`[data-qa="court-list-row"][data-proposal-id="${proposalId}"]`);
  }
}

export class CompletenessPage extends BasePage {
  constructor(page: Page, defendant = 'Sam Browser') {
    super(page, `Safeguarding checks for ${defendant}`);
  }
}
