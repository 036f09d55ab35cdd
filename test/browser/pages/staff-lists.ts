import type { Page } from 'playwright-core';
import { BasePage } from '../support/browser.ts';
import { submit } from './staff-common.ts';

/** "My proposals" with its filters and search. */
export class ProposalListPage extends BasePage {
  constructor(page: Page) {
    super(page, 'My proposals');
  }

  /** The proposals listed, by id, top to bottom. */
  rows(): Promise<string[]> {
    return this.page.locator('[data-qa="proposal-row"]').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-proposal-id') ?? ''));
  }

  row(proposalId: string) {
    return this.page.locator(`[data-qa="proposal-row"][data-proposal-id="${proposalId}"]`);
  }

  /** What became of the case's earlier addresses, as its row says ("" for a first address). */
  async history(proposalId: string): Promise<string> {
    const line = this.row(proposalId).locator('[data-qa="version-history"]');
    return (await line.count()) === 0 ? '' : line.innerText();
  }

  /** Follows a row's link to the proposal page. */
  open(proposalId: string): Promise<void> {
    return submit(this.page, this.row(proposalId).getByRole('link').first());
  }

  async filter(show: 'All' | 'Open' | 'Waiting for you' | 'Decided or withdrawn', search = ''): Promise<void> {
    await this.page.getByLabel(show, { exact: true }).check();
    await this.page.getByLabel('Search by name or case reference').fill(search);
    await submit(this.page, this.page.locator('[data-qa="apply-filters"]'));
  }
}
