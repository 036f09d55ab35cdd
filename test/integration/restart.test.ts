import { describe, expect, it } from 'vitest';
import { consent, noInformation, notKnown, proposalBody } from '../support/proposals.ts';
import { requestsFor, startChecks, statusBecomes, viewOf } from '../support/journeys.ts';
import { useLocalStack } from '../support/local-stack.ts';

// Stopped and started again on the same data and ports by the test.
const local = useLocalStack({ deferStart: true });
const { api } = local;

describe('stopping the local stack in the middle of a journey', () => {
  it('keeps the answers given, sends nothing twice, and finishes the journey after a restart', async () => {
    // Prepare: a proposal with one answer in.
    await local.start();
    const proposalId = await startChecks(api, proposalBody());
    const requests = await requestsFor(api, proposalId, 3);
    expect((await api.answer(requests.police.url ?? '', noInformation)).status).toBe(200);

    // Act: stop everything, start again on the same data.
    await local.restart();

    // Assess
    const view = await viewOf(api, proposalId);
    expect(view.checks.find((check) => check.type === 'DOMESTIC_ABUSE')?.status).toBe('RESPONDED');
    expect((await api.answer(requests.childrensServices.url ?? '', notKnown)).status).toBe(200);
    expect((await api.answer(requests.residents[0]?.url ?? '', consent)).status).toBe(200);
    await statusBecomes(api, proposalId, 'AWAITING_DECISION');

    // Stop again while the workflow waits for the decision, then decide after the restart.
    await local.restart();
    const decided = await api.post<{ status: string }>(`/api/proposals/${proposalId}/decision`, { outcome: 'SUITABLE', riskOfSeriousHarm: 'LOW', rationale: 'All clear' }, 'court.officer');
    expect(decided.body.status).toBe('SUITABLE');

    const messages = (await api.outbox()).filter((message) => message.proposalId === proposalId);
    // The three requests, each sent once with its own link, and the resident's confirmation of their consent.
    const requestsSent = messages.filter((message) => message.kind !== 'CONSENT_CONFIRMED');
    expect(requestsSent).toHaveLength(3);
    expect(new Set(requestsSent.map((message) => message.url)).size).toBe(3);
    expect(messages.filter((message) => message.kind === 'CONSENT_CONFIRMED')).toHaveLength(1);
  });
});
