import { describe, expect, it } from 'vitest';
import { eventually } from '../support/api-client.ts';
import { consent, noInformation, notKnown, proposalBody, refusal, speakToOfficer } from '../support/proposals.ts';
import { executionStatus as workflowStatus, requestsFor, startChecks, statusBecomes, viewOf } from '../support/journeys.ts';
import { useLocalStack } from '../support/local-stack.ts';

const { stack, api, sessionApi } = useLocalStack();
const executionStatus = (proposalId: string) => workflowStatus(stack.stepFunctionsEndpoint, proposalId);

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

    const decided = await api.post<{ status: string }>(`/api/proposals/${proposalId}/decision`, { outcome: 'SUITABLE', riskOfSeriousHarm: 'LOW', rationale: 'Resident agreed by phone' }, 'court.officer');
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
    const decided = await api.post<{ status: string }>(`/api/proposals/${proposalId}/decision`, { outcome: 'SUITABLE', riskOfSeriousHarm: 'LOW', rationale: 'Spoke to her alone' }, 'court.officer');
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

describe('a resident who refuses while the agencies have not answered', () => {
  it('makes the proposal unsuitable at once, stops the other requests, tells their recipients, and the court sees it', async () => {
    const body = proposalBody({ residents: [
      { fullName: 'Alex Resident', relationship: 'PARTNER', email: 'alex@example.org', language: 'en' },
      { fullName: 'Jo Lodger', relationship: 'OTHER', mobile: '07700900123', language: 'en' },
    ] });
    const proposalId = await startChecks(api, body);
    const requests = await requestsFor(api, proposalId, 4);
    const refusing = requests.residents.find((message) => message.to === 'alex@example.org');
    expect((await api.answer(refusing?.url ?? '', refusal)).status).toBe(200);

    const unsuitable = await statusBecomes(api, proposalId, 'UNSUITABLE');
    expect(unsuitable.unsuitableReason).toBe('CONSENT_NOT_GIVEN');
    expect(unsuitable.checks.filter((check) => check.status === 'CANCELLED')).toHaveLength(3);
    expect((await api.answer(requests.police.url ?? '', noInformation)).status).toBe(410);

    const notices = await eventually(async () => {
      const found = (await api.outbox()).filter((message) => message.proposalId === proposalId && message.kind === 'NO_LONGER_NEEDED');
      return found.length === 3 ? found : undefined;
    }, 'the other recipients to be told');
    expect(notices.map((message) => message.to).sort()).toEqual([requests.childrensServices.to, '07700900123', requests.police.to].sort());
    expect(notices.every((message) => message.url === undefined)).toBe(true);

    const list = await api.get<{ proposals: { proposalId: string; suitability: string }[] }>(`/api/courts/B01LY00/hearings/${body.hearingDate}`, 'sentencer');
    expect(list.body.proposals.find((proposal) => proposal.proposalId === proposalId)?.suitability).toBe('UNSUITABLE');
    await eventually(async () => ((await executionStatus(proposalId)) === 'SUCCEEDED' ? true : undefined), 'the workflow to end');
  });

  it('does the same when the officer records the refusal', async () => {
    const proposalId = await startChecks(api, proposalBody());
    const requests = await requestsFor(api, proposalId, 3);
    const residentId = (await viewOf(api, proposalId)).residents[0]?.residentId ?? '';
    const recorded = await api.post(`/api/proposals/${proposalId}/residents/${residentId}/consent`, { decision: 'REFUSE', method: 'PHONE', spokenToAlone: true }, 'court.officer');
    expect(recorded.status).toBe(200);
    expect((await statusBecomes(api, proposalId, 'UNSUITABLE')).unsuitableReason).toBe('CONSENT_NOT_GIVEN');
    expect((await api.answer(requests.childrensServices.url ?? '', notKnown)).status).toBe(410);
  });
});

describe('a senior probation officer who does not agree', () => {
  it('sends the decision back to the officer with the comment; new consent taken alone and a new decision are countersigned again, and the trail keeps every round', async () => {
    const proposalId = await startChecks(api, proposalBody());
    await answerAgencies(proposalId);
    await recordConsent(proposalId, false);
    await statusBecomes(api, proposalId, 'AWAITING_DECISION');
    await api.post(`/api/proposals/${proposalId}/decision`, { outcome: 'SUITABLE', riskOfSeriousHarm: 'LOW', rationale: 'Resident agreed by phone' }, 'court.officer');
    await statusBecomes(api, proposalId, 'AWAITING_COUNTERSIGN');

    const returned = await api.post<{ status: string }>(`/api/proposals/${proposalId}/countersign`, { agree: false, comment: 'Speak to Alex again, alone, before deciding' }, 'spo');
    expect(returned.status).toBe(200);
    expect(returned.body.status).toBe('AWAITING_DECISION');
    const notice = await eventually(async () => (await api.outbox()).find((message) => message.proposalId === proposalId && message.kind === 'DECISION_RETURNED'), 'the officer to be told');
    expect(notice.to).toBe('court.officer@probation.example');
    const officerPage = await pageText(`/proposals/${proposalId}`, 'court.officer');
    expect(officerPage).toContain('Sent back by a senior probation officer');
    expect(officerPage).toContain('Speak to Alex again, alone, before deciding');
    expect(officerPage).toContain('Record consent from Alex Resident again');

    await recordConsent(proposalId, true);
    expect((await viewOf(api, proposalId)).concerns).toBe(false);
    const decidedAgain = await api.post<{ status: string }>(`/api/proposals/${proposalId}/decision`, { outcome: 'SUITABLE', riskOfSeriousHarm: 'LOW', rationale: 'Spoke to Alex alone; she consents' }, 'court.officer');
    expect(decidedAgain.body.status).toBe('AWAITING_COUNTERSIGN');
    // The workflow waits for the new countersignature (it went back to the decision and on again).
    const countersigned = await eventually(async () => {
      const response = await api.post<{ status: string }>(`/api/proposals/${proposalId}/countersign`, { agree: true, comment: 'Agreed' }, 'spo');
      return response.status === 200 ? response.body : undefined;
    }, 'the countersignature to be taken');
    expect(countersigned.status).toBe('SUITABLE');
    await eventually(async () => ((await executionStatus(proposalId)) === 'SUCCEEDED' ? true : undefined), 'the workflow to end');

    const rounds = (await viewOf(api, proposalId)).events.map((event) => event.type).filter((type) => ['DECISION_SUITABLE', 'COUNTERSIGNATURE_REFUSED', 'CONSENT_RECORDED_AGAIN', 'COUNTERSIGNED'].includes(type));
    expect(rounds).toEqual(['DECISION_SUITABLE', 'COUNTERSIGNATURE_REFUSED', 'CONSENT_RECORDED_AGAIN', 'DECISION_SUITABLE', 'COUNTERSIGNED']);
  });

  it('ends the proposal at once when the resident, spoken to again, refuses', async () => {
    const proposalId = await startChecks(api, proposalBody());
    await answerAgencies(proposalId);
    await recordConsent(proposalId, false);
    await statusBecomes(api, proposalId, 'AWAITING_DECISION');
    const residentId = (await viewOf(api, proposalId)).residents[0]?.residentId ?? '';
    const refused = await api.post(`/api/proposals/${proposalId}/residents/${residentId}/consent`, { decision: 'REFUSE', method: 'IN_PERSON', spokenToAlone: true }, 'court.officer');
    expect(refused.status).toBe(200);
    expect((await viewOf(api, proposalId)).unsuitableReason).toBe('CONSENT_NOT_GIVEN');
    await eventually(async () => ((await executionStatus(proposalId)) === 'SUCCEEDED' ? true : undefined), 'the workflow to end');
  });

  it('cannot have consent given freely through the resident\'s own link replaced before any decision was sent back', async () => {
    const proposalId = await startChecks(api, proposalBody());
    const requests = await answerAgencies(proposalId);
    await api.answer(requests.residents[0]?.url ?? '', consent);
    await statusBecomes(api, proposalId, 'AWAITING_DECISION');
    const residentId = (await viewOf(api, proposalId)).residents[0]?.residentId ?? '';
    const again = await api.post(`/api/proposals/${proposalId}/residents/${residentId}/consent`, { decision: 'CONSENT', method: 'PHONE', spokenToAlone: false }, 'court.officer');
    expect(again.status).toBe(409);
  });
});
