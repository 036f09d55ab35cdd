import { describe, expect, it } from 'vitest';
import { requestsFor, startChecks, statusBecomes, viewOf } from '../support/journeys.ts';
import { useLocalStack } from '../support/local-stack.ts';
import { noInformation, notKnown, proposalBody } from '../support/proposals.ts';
import { expectNoAccessibilityViolations, useChromium } from './support/browser.ts';
import { signedInContext } from './pages/staff-common.ts';
import { ProposalPage } from './pages/staff-officer.ts';
import { CountersignPage, QueuePage } from './pages/staff-spo.ts';

const { stack, api } = useLocalStack();
const browser = useChromium();

describe('consent not taken alone, and a senior probation officer who does not agree', () => {
  it('shows the SPO why, sends the decision back to the officer with the comment, and lets the officer record consent again', async () => {
    // Prepare: consent recorded by phone with the resident not alone, and a suitable decision.
    const proposalId = await startChecks(api, { ...proposalBody(), defendant: { ...proposalBody().defendant, givenName: 'Sam', familyName: 'Browser' } });
    const requests = await requestsFor(api, proposalId, 3);
    await api.answer(requests.police.url ?? '', noInformation);
    await api.answer(requests.childrensServices.url ?? '', notKnown);
    const residentId = (await viewOf(api, proposalId)).residents[0]?.residentId ?? '';
    await api.post(`/api/proposals/${proposalId}/residents/${residentId}/consent`, { decision: 'CONSENT', method: 'PHONE', spokenToAlone: false }, 'court.officer');
    await statusBecomes(api, proposalId, 'AWAITING_DECISION');
    await api.post(`/api/proposals/${proposalId}/decision`, { outcome: 'SUITABLE', rationale: 'Resident agreed by phone' }, 'court.officer');

    // The SPO sees why on the queue and on the countersign page, and sends the decision back.
    const spo = await signedInContext(browser(), stack.url, 'spo');
    const queue = await new QueuePage(spo.page).verifyOnPage();
    expect(await queue.countersignRow(proposalId).locator('[data-qa="countersign-reasons"]').textContent()).toContain('Alex Resident was not spoken to alone when their consent was recorded');
    await expectNoAccessibilityViolations(spo.page);
    await Promise.all([spo.page.waitForNavigation(), queue.countersignRow(proposalId).getByRole('link').click()]);
    const countersign = await new CountersignPage(spo.page).verifyOnPage();
    expect(await spo.page.locator('[data-qa="concern-reason"]').textContent()).toContain('not spoken to alone');
    await countersign.countersign(false, 'Speak to Alex again, alone, before deciding');
    await new QueuePage(spo.page).verifyOnPage();
    expect(await spo.page.locator('[data-qa="success-banner"]').textContent()).toContain('sent back to the officer');
    await expectNoAccessibilityViolations(spo.page);

    // The officer sees the comment, records consent again (alone) and decides again.
    const officer = await signedInContext(browser(), stack.url, 'court.officer');
    await officer.page.goto(`${stack.url}/proposals/${proposalId}`);
    const proposal = await new ProposalPage(officer.page).verifyOnPage();
    expect(await proposal.status()).toBe('AWAITING_DECISION');
    expect(await officer.page.locator('[data-qa="returned-comment"]').textContent()).toContain('Speak to Alex again, alone, before deciding');
    expect(await officer.page.locator('[data-qa="consent-advice"]').textContent()).toContain('contact Alex Resident again, alone');
    await expectNoAccessibilityViolations(officer.page);
    await proposal.recordConsent('Alex Resident', { consent: true, method: 'In person', alone: true });
    await proposal.recordDecision('SUITABLE', 'Spoke to Alex alone; she consents');
    await proposal.reloadUntilStatus('AWAITING_COUNTERSIGN');
    await expectNoAccessibilityViolations(officer.page);
    await spo.context.close();
    await officer.context.close();
  });
});
