import type { Locator, Page } from 'playwright-core';
import { BasePage } from '../support/browser.ts';

/** The performance and quality page (/performance). */
export class PerformancePage extends BasePage {
  constructor(page: Page) {
    super(page, 'Performance and quality');
  }

  figuresHeading(): Locator {
    return this.page.locator('[data-qa="figures-heading"]');
  }

  /** A table's rows, each as its cells' text. */
  async table(key: string): Promise<string[][]> {
    return this.page
      .locator(`[data-qa="table-${key}"] tbody tr`)
      .evaluateAll((rows) => rows.map((row) => [...row.querySelectorAll('th, td')].map((cell) => (cell.textContent ?? '').replace(/\s+/g, ' ').trim())));
  }

  /** A chart's accessible name and description (its SVG <title> and <desc>). */
  async chart(key: string): Promise<{ title: string; description: string; role: string | null }> {
    const svg = this.page.locator(`[data-qa="${key}"] svg`);
    return { title: (await svg.locator('title').textContent()) ?? '', description: (await svg.locator('desc').textContent()) ?? '', role: await svg.getAttribute('role') };
  }

  async choosePeriod(label: string): Promise<void> {
    await this.page.locator('#period').selectOption({ label });
    await Promise.all([this.page.waitForNavigation(), this.page.locator('[data-qa="show-figures"]').click()]);
  }

  csvLink(): Locator {
    return this.page.locator('[data-qa="csv-link"]');
  }
}
