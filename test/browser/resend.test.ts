import { describe, expect, it } from 'vitest';
import { requestsFor, startChecks } from '../support/journeys.ts';
import { useLocalStack } from '../support/local-stack.ts';
import { noInformation, proposalBody } from '../support/proposals.ts';
import { expectNoAccessibilityViolations, useChromium } from './support/browser.ts';
import { errorMessages, signedInContext } from './pages/staff-common.ts';
import { ProposalPage } from './pages/staff-officer.ts';

const { stack, api } = useLocalStack();
const browser = useChromium();

describe('sending a link again from the proposal page', () => {
  it('sends a new link, says so, and refuses the same form sent twice', async () => {
    const proposalId = await startChecks(api, proposalBody());
    const requests = await requestsFor(api, proposalId, 3);
    const officer = await signedInContext(browser(), stack.url, 'court.officer');
    const page = officer.page;
    await page.goto(`${stack.url}/proposals/${proposalId}`);
    const proposal = await new ProposalPage(page, 'Sam Example').verifyOnPage();
    // The same page in another tab, loaded before the link is sent again.
    const stale = await officer.context.newPage();
    await stale.goto(`${stack.url}/proposals/${proposalId}`);
    const police = page.locator('[data-qa="check"][data-check-type="DOMESTIC_ABUSE"]');
    expect(await police.locator('[data-qa="resend-explanation"]').textContent()).toContain('the link sent before stops working');
    await expectNoAccessibilityViolations(page);

    await proposal.resendLink('DOMESTIC_ABUSE');
    expect(await page.locator('[data-qa="success-banner"]').textContent()).toContain('The link has been sent again');
    expect(await police.locator('[data-qa="resend-count"]').textContent()).toContain('Sent again once');
    await expectNoAccessibilityViolations(page);

    const resent = (await api.outbox()).filter((message) => message.proposalId === proposalId && message.id.startsWith('RESEND#'));
    expect(resent.map((message) => message.checkType)).toEqual(['DOMESTIC_ABUSE']);
    expect((await api.answer(requests.police.url ?? '', noInformation)).status).toBe(410);

    // The same button in the older tab: refused, nothing more sent.
    await new ProposalPage(stale, 'Sam Example').resendLink('DOMESTIC_ABUSE');
    expect(await errorMessages(stale)).toEqual(['The link was sent again since you loaded the page: reload it and check before sending it again']);
    await expectNoAccessibilityViolations(stale);
    expect((await api.outbox()).filter((message) => message.proposalId === proposalId && message.id.startsWith('RESEND#'))).toHaveLength(1);

    // A bad mobile number for the resident: the error summary, and what was typed is kept.
    await page.goto(`${stack.url}/proposals/${proposalId}`);
    await proposal.changeContact('Alex Resident', { email: 'alex@example.org', mobile: '01632 960000' });
    expect(await errorMessages(page)).toEqual(['Enter a UK mobile number, like 07700 900123']);
    expect(await page.locator('[data-qa="contact-form"] input[name="mobile"]').inputValue()).toBe('01632 960000');
    await expectNoAccessibilityViolations(page);
    await officer.context.close();
  }, 120_000);
});
