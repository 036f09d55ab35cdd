import { describe, expect, it } from 'vitest';
import { consent, noInformation, notKnown, proposalBody, speakToOfficer } from '../support/proposals.ts';
import { requestsFor, startChecks, statusBecomes, viewOf } from '../support/journeys.ts';
import { useLocalStack } from '../support/local-stack.ts';

const { api, sessionApi } = useLocalStack();

/** The text of a staff page as the person signed in sees it. */
async function pageText(path: string, user: string): Promise<string> {
  const response = await sessionApi.get<{ page?: string }>(path, user);
  expect(response.status).toBe(200);
  return (response.body.page ?? '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
}

async function recordConsent(proposalId: string, spokenToAlone: boolean) {
  const residentId = (await viewOf(api, proposalId)).residents[0]?.residentId ?? '';
  const recorded = await api.post(`/api/proposals/${proposalId}/residents/${residentId}/consent`, { decision: 'CONSENT', method: 'PHONE', spokenToAlone }, 'court.officer');
  expect(recorded.status).toBe(200);
}

async function answerAgencies(proposalId: string) {
  const requests = await requestsFor(api, proposalId, 3);
  await api.answer(requests.police.url ?? '', noInformation);
  await api.answer(requests.childrensServices.url ?? '', notKnown);
  return requests;
}

describe('consent taken while the resident was not alone', () => {
  it('is a concern: the officer is advised to speak to them again alone, and a suitable decision needs a countersignature that says why', async () => {
    const proposalId = await startChecks(api, proposalBody());
    await answerAgencies(proposalId);
    await recordConsent(proposalId, false);

    const awaiting = await statusBecomes(api, proposalId, 'AWAITING_DECISION');
    expect(awaiting.concerns).toBe(true);
    const officerPage = await pageText(`/proposals/${proposalId}`, 'court.officer');
    expect(officerPage).toContain('Alex Resident was not spoken to alone when their consent was recorded. Before you decide, contact Alex Resident again, alone');

    const decided = await api.post<{ status: string }>(`/api/proposals/${proposalId}/decision`, { outcome: 'SUITABLE', rationale: 'Resident agreed by phone' }, 'court.officer');
    expect(decided.body.status).toBe('AWAITING_COUNTERSIGN');
    expect(await pageText(`/proposals/${proposalId}/countersign`, 'spo')).toContain('Why this is a concern Alex Resident was not spoken to alone when their consent was recorded');
    expect(await pageText('/queue', 'spo')).toContain('Alex Resident was not spoken to alone when their consent was recorded');
  });
});

describe('consent given after the resident asked to speak to someone', () => {
  it('is a concern even when the officer then spoke to them alone', async () => {
    const proposalId = await startChecks(api, proposalBody());
    const requests = await answerAgencies(proposalId);
    expect((await api.answer(requests.residents[0]?.url ?? '', speakToOfficer)).status).toBe(200);
    await recordConsent(proposalId, true);

    const awaiting = await statusBecomes(api, proposalId, 'AWAITING_DECISION');
    expect(awaiting.concerns).toBe(true);
    const decided = await api.post<{ status: string }>(`/api/proposals/${proposalId}/decision`, { outcome: 'SUITABLE', rationale: 'Spoke to her alone' }, 'court.officer');
    expect(decided.body.status).toBe('AWAITING_COUNTERSIGN');
    expect(await pageText(`/proposals/${proposalId}/countersign`, 'spo')).toContain('Alex Resident asked to speak to someone before giving consent');
  });

  it('is not a concern when the resident consented through their own link', async () => {
    const proposalId = await startChecks(api, proposalBody());
    const requests = await answerAgencies(proposalId);
    await api.answer(requests.residents[0]?.url ?? '', consent);
    expect((await statusBecomes(api, proposalId, 'AWAITING_DECISION')).concerns).toBe(false);
  });
});
