import type { Page } from 'playwright-core';
import { BasePage } from '../support/browser.ts';
import { submit } from './staff-common.ts';

/** The fields an adjournment asks for, as an officer fills them in; a field left undefined is left empty. */
export interface AdjournmentFields {
  /** YYYY-MM-DD, typed into the three boxes as day, month and year. */
  date?: string;
  cause?: 'CHECKS_OUTSTANDING' | 'OTHER';
  note?: string;
}

async function fillAdjournment(page: Page, fields: AdjournmentFields): Promise<void> {
  if (fields.date !== undefined) {
    const [year = '', month = '', day = ''] = fields.date.split('-');
    await page.locator('#hearingDate-day').fill(String(Number(day)));
    await page.locator('#hearingDate-month').fill(String(Number(month)));
    await page.locator('#hearingDate-year').fill(year);
  }
  if (fields.cause !== undefined) await page.locator(`input[name="cause"][value="${fields.cause}"]`).check();
  if (fields.note !== undefined) await page.locator('#note').fill(fields.note);
}

/** GET /proposals/{proposalId}/adjournment: the hearing moved. */
export class AdjournmentPage extends BasePage {
  constructor(page: Page, defendant = 'Sam Browser') {
    super(page, `Record an adjournment for ${defendant}`);
  }

  async record(fields: AdjournmentFields): Promise<void> {
    await fillAdjournment(this.page, fields);
    await submit(this.page, this.page.locator('[data-qa="record-adjournment"]'));
  }

  async currentHearing(): Promise<string> {
    return ((await this.page.locator('[data-qa="current-hearing"]').textContent()) ?? '').trim();
  }
}

/** GET /proposals/{proposalId}/outcome: what the court decided; "Adjourned" reveals the adjournment's fields. */
export class HearingOutcomePage extends BasePage {
  constructor(page: Page, defendant = 'Sam Browser') {
    super(page, `Record the hearing outcome for ${defendant}`);
  }

  async record(outcome: 'CURFEW_IMPOSED' | 'OTHER_SENTENCE' | 'ADJOURNED' | undefined, adjournment: AdjournmentFields = {}): Promise<void> {
    if (outcome !== undefined) await this.page.locator(`input[name="outcome"][value="${outcome}"]`).check();
    await fillAdjournment(this.page, adjournment);
    await submit(this.page, this.page.locator('[data-qa="record-outcome"]'));
  }

  async unansweredWarning(): Promise<string> {
    const warning = this.page.locator('[data-qa="unanswered-warning"]');
    return (await warning.count()) === 0 ? '' : ((await warning.textContent()) ?? '').replace(/\s+/g, ' ').trim();
  }
}
