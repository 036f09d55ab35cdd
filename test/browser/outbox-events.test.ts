import { mkdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { requestsFor, startChecks } from '../support/journeys.ts';
import { useLocalStack } from '../support/local-stack.ts';
import { noInformation, proposalBody } from '../support/proposals.ts';
import { expectNoAccessibilityViolations, newContext, useChromium } from './support/browser.ts';
import { OutboxPage } from './pages/link-pages.ts';

const { stack, api } = useLocalStack();
const browser = useChromium();

/** Where to put screenshots of the page for a person to look at (EVENTS_SCREENSHOTS_DIR set); unset, none are taken. */
const screenshots = process.env['EVENTS_SCREENSHOTS_DIR'];

describe('the local outbox page shows the domain events beside the messages', () => {
  it('lists each event of a proposal with its facts and whether the local bus has it, newest first, and nothing personal', async () => {
    const proposalId = await startChecks(api, proposalBody());
    const requests = await requestsFor(api, proposalId, 3);
    await api.answer(requests.police.url ?? '', noInformation);
    // These on the bus now; the withdrawal's a moment later (the stream is a moment behind), so it may show as waiting at first.
    await stack.drainTableStream();
    expect((await api.post(`/api/proposals/${proposalId}/withdraw`, { reason: 'Defendant remanded in custody' }, 'court.officer')).status).toBe(200);

    const context = await newContext(browser());
    const page = await context.newPage();
    await page.goto(`${stack.url}/dev/outbox`);
    const outbox = await new OutboxPage(page).verifyOnPage();
    await expectNoAccessibilityViolations(page);
    const [withdrawn, answered, started] = await outbox.eventsAbout(proposalId);
    expect(withdrawn?.type).toBe('ProposalWithdrawn');
    expect(withdrawn?.details).toBe('status: WITHDRAWN');
    expect(answered).toMatchObject({ type: 'CheckAnswered', onTheBus: 'Published' });
    expect(answered?.details).toContain('checkType: DOMESTIC_ABUSE');
    expect(answered?.details).toContain('checkStatus: RESPONDED');
    expect(started).toMatchObject({ type: 'ProposalStarted', onTheBus: 'Published' });
    expect(started?.details).toContain('courtCode: B01LY00');
    // The messages are still there, above.
    expect((await outbox.messagesAbout(proposalId)).length).toBeGreaterThan(0);
    const events = await page.locator('[data-qa="domain-events"]').textContent();
    for (const words of ['Sam Example', 'High Street', 'Alex Resident', 'remanded', 'court.officer']) expect(events, words).not.toContain(words);

    await stack.drainTableStream();
    await page.reload();
    expect((await outbox.eventsAbout(proposalId))[0]).toMatchObject({ type: 'ProposalWithdrawn', onTheBus: 'Published' });
    if (screenshots !== undefined) {
      mkdirSync(screenshots, { recursive: true });
      await page.locator('[data-qa="events-heading"]').scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${screenshots}/outbox-events.png`, fullPage: true });
      await page.setViewportSize({ width: 390, height: 844 });
      await page.screenshot({ path: `${screenshots}/outbox-events-phone.png`, fullPage: true });
    }
    await context.close();
  }, 120_000);
});
