import { afterEach, describe, expect, it, vi } from 'vitest';
import { londonDate } from '#domain/london-time';
import { countersigningPolicy, parseCountersigningPolicy, type CountersigningFacts, type CountersigningPolicy } from '#domain/countersigning-policy';
import { informationHeld, noInformation, notKnown, proposalBody } from '../support/proposals.ts';
import { requestsFor, startChecks, statusBecomes, viewOf } from '../support/journeys.ts';
import { useLocalStack } from '../support/local-stack.ts';

/**
 * The test seam: the handlers (run in this process by the local stack) ask the engine with the
 * policy the test holds, the checked-in one until a test adds a version. Production code has no
 * hook for it: the engine takes its policy as an input, and this mock supplies it.
 */
const seam = vi.hoisted(() => ({ policy: undefined as CountersigningPolicy | undefined }));
vi.mock('../../functions/domain/countersigning-policy.ts', async (importOriginal) => {
  const original = await importOriginal<typeof import('#domain/countersigning-policy')>();
  return {
    ...original,
    countersigningAtCourt: (courtCode: string, at: Date, facts: CountersigningFacts) => original.countersigningAtCourt(courtCode, at, facts, seam.policy ?? original.countersigningPolicy),
  };
});

const { api, sessionApi } = useLocalStack();

interface DecisionBody {
  status: string;
  decision?: { outcome: string; riskOfSeriousHarm?: string; authorGrade?: string; countersigning?: { policyVersion: string; conditions: string[] } };
}

/** The checked-in version in force today (2026-12-03: a high risk of serious harm everywhere, a probation services officer's or trainee's decision in the South West). */
const inForce = '2026-12-03';

/** A proposal waiting for the decision, the police having answered `policeAnswer`. */
async function awaitingDecision(policeAnswer: object): Promise<string> {
  const proposalId = await startChecks(api, proposalBody());
  const requests = await requestsFor(api, proposalId, 3);
  await api.answer(requests.police.url ?? '', policeAnswer);
  await api.answer(requests.childrensServices.url ?? '', notKnown);
  await api.answer(requests.residents[0]?.url ?? '', { decision: 'CONSENT', understood: true });
  await statusBecomes(api, proposalId, 'AWAITING_DECISION');
  return proposalId;
}

/** A proposal whose police check holds information (an agency concern), waiting for the decision. */
const awaitingDecisionWithPoliceInformation = () => awaitingDecision(informationHeld);

const decisionOf = async (proposalId: string) => (await viewOf(api, proposalId)) as unknown as DecisionBody;

/** The text of the officer's proposal page. */
async function officerPageText(proposalId: string): Promise<string> {
  const response = await sessionApi.get<{ page?: string }>(`/proposals/${proposalId}`, 'court.officer');
  expect(response.status).toBe(200);
  return (response.body.page ?? '').replace(/<[^>]+>/g, ' ').replace(/&#39;/g, "'").replace(/\s+/g, ' ');
}

afterEach(() => {
  seam.policy = undefined;
});

describe('a decision and the countersigning policy', () => {
  it('tells the officer why before they decide, and stores the version in force and the conditions that applied', async () => {
    const proposalId = await awaitingDecisionWithPoliceInformation();
    const page = await officerPageText(proposalId);
    expect(page).toContain("An answer raised a concern, so a senior probation officer must countersign a suitable decision. This is because: The police or children's services told us something that is a concern.");

    const decided = await api.post<DecisionBody>(`/api/proposals/${proposalId}/decision`, { outcome: 'SUITABLE', riskOfSeriousHarm: 'LOW', rationale: 'Information considered' }, 'court.officer');
    expect(decided.status).toBe(200);
    expect(decided.body).toMatchObject({ status: 'AWAITING_COUNTERSIGN', decision: { outcome: 'SUITABLE', countersigning: { policyVersion: inForce, conditions: ['AGENCY_CONCERN'] } } });
    expect((await decisionOf(proposalId)).decision?.countersigning).toEqual({ policyVersion: inForce, conditions: ['AGENCY_CONCERN'] });
  });

  it('stores no condition for an unsuitable decision, which is never countersigned', async () => {
    const proposalId = await awaitingDecisionWithPoliceInformation();
    const decided = await api.post<DecisionBody>(`/api/proposals/${proposalId}/decision`, { outcome: 'UNSUITABLE', rationale: 'Police information' }, 'court.officer');
    expect(decided.body).toMatchObject({ status: 'UNSUITABLE', decision: { countersigning: { policyVersion: inForce, conditions: [] } } });
  });

  it('no countersignature and no condition when nothing applies', async () => {
    const proposalId = await awaitingDecision(noInformation);
    // Only the rule for a level not chosen yet: no note that a countersignature will be needed.
    const page = await officerPageText(proposalId);
    expect(page).toContain('From the assessment. If it is high or very high, a senior probation officer must countersign a suitable decision.');
    expect(page.replace('If it is high or very high, a senior probation officer must countersign', '')).not.toContain('must countersign');
    expect(page).not.toContain('This is because');
    const decided = await api.post<DecisionBody>(`/api/proposals/${proposalId}/decision`, { outcome: 'SUITABLE', riskOfSeriousHarm: 'LOW', rationale: 'All clear' }, 'court.officer');
    expect(decided.body).toMatchObject({ status: 'SUITABLE', decision: { countersigning: { policyVersion: inForce, conditions: [] } } });
  });

  it('a probation services officer\'s suitable decision at Swindon waits for a senior probation officer, and so does one with a high risk of serious harm', async () => {
    // Alex Services (pso.officer) is a probation services officer at Swindon, in the South West, where the policy switches the author's grade on.
    const byPso = await awaitingDecision(noInformation);
    const psoPage = (await sessionApi.get<{ page?: string }>(`/proposals/${byPso}`, 'pso.officer')).body.page ?? '';
    expect(psoPage).toContain('The decision is made by a probation services officer or a trainee.');
    const psoDecided = await api.post<DecisionBody>(`/api/proposals/${byPso}/decision`, { outcome: 'SUITABLE', rationale: 'All clear', riskOfSeriousHarm: 'LOW' }, 'pso.officer');
    expect(psoDecided.body).toMatchObject({ status: 'AWAITING_COUNTERSIGN', decision: { riskOfSeriousHarm: 'LOW', authorGrade: 'PROBATION_SERVICES_OFFICER', countersigning: { policyVersion: inForce, conditions: ['AUTHOR_PSO_OR_TRAINEE'] } } });

    // A probation officer, the same facts but a high risk of serious harm recorded.
    const highRisk = await awaitingDecision(noInformation);
    const highDecided = await api.post<DecisionBody>(`/api/proposals/${highRisk}/decision`, { outcome: 'SUITABLE', rationale: 'All clear', riskOfSeriousHarm: 'HIGH' }, 'court.officer');
    expect(highDecided.body).toMatchObject({ status: 'AWAITING_COUNTERSIGN', decision: { riskOfSeriousHarm: 'HIGH', countersigning: { policyVersion: inForce, conditions: ['HIGH_RISK_OF_SERIOUS_HARM'] } } });

    // The senior probation officer's queue says why each waits, from what each decision stored.
    const queue = ((await sessionApi.get<{ page?: string }>('/queue', 'spo')).body.page ?? '').replace(/\s+/g, ' ');
    expect(queue).toMatch(new RegExp(`data-proposal-id="${byPso}"[\\s\\S]*?data-qa="countersign-reasons">Decided by a probation services officer<`));
    expect(queue).toMatch(new RegExp(`data-proposal-id="${highRisk}"[\\s\\S]*?data-qa="countersign-reasons">Risk of serious harm recorded as high<`));

    // A bad level is a clear 400 and nothing changes.
    const bad = await awaitingDecision(noInformation);
    const refused = await api.post<{ fields?: unknown }>(`/api/proposals/${bad}/decision`, { outcome: 'SUITABLE', rationale: 'x', riskOfSeriousHarm: 'EXTREME' }, 'court.officer');
    expect(refused.status).toBe(400);
    expect((await decisionOf(bad)).status).toBe('AWAITING_DECISION');
    // A suitable decision without the level is refused too: skipping it must not skip the rule.
    const unrecorded = await api.post<{ fields?: { path: string }[] }>(`/api/proposals/${bad}/decision`, { outcome: 'SUITABLE', rationale: 'All clear' }, 'court.officer');
    expect(unrecorded.status).toBe(400);
    expect(unrecorded.body.fields?.map((field) => field.path)).toEqual(['riskOfSeriousHarm']);
    expect((await decisionOf(bad)).status).toBe('AWAITING_DECISION');
  });

  it('a new policy version changes new decisions, not those already made', async () => {
    const madeBefore = await awaitingDecisionWithPoliceInformation();
    const before = await api.post<DecisionBody>(`/api/proposals/${madeBefore}/decision`, { outcome: 'SUITABLE', riskOfSeriousHarm: 'LOW', rationale: 'Information considered' }, 'court.officer');
    expect(before.body.status).toBe('AWAITING_COUNTERSIGN');
    const highBefore = await awaitingDecision(noInformation);
    expect((await api.post<DecisionBody>(`/api/proposals/${highBefore}/decision`, { outcome: 'SUITABLE', rationale: 'ok', riskOfSeriousHarm: 'VERY_HIGH' }, 'pso.officer')).body.status).toBe('AWAITING_COUNTERSIGN');
    const madeAfter = await awaitingDecisionWithPoliceInformation();
    const highAfter = await awaitingDecision(noInformation);

    // A later version takes effect today: it no longer asks for a countersignature on an agency's
    // concern, a high risk of serious harm, or a probation services officer's decision anywhere.
    // (Versions take effect by day: the checked-in ones from before today stay, and the new one takes today.)
    const current = countersigningPolicy.versions.at(-1);
    if (current === undefined) throw new Error('The checked-in policy has a version');
    const today = londonDate(new Date());
    seam.policy = parseCountersigningPolicy({
      ...countersigningPolicy,
      versions: [
        ...countersigningPolicy.versions.filter((version) => version.effectiveFrom < today),
        { id: 'test-later', effectiveFrom: today, conditions: { ...current.conditions, AGENCY_CONCERN: false, HIGH_RISK_OF_SERIOUS_HARM: false, AUTHOR_PSO_OR_TRAINEE: false }, regions: {} },
      ],
    });
    // The same facts, decided now, by the same people. The answer's own card no longer says a countersignature is needed.
    const pageAfter = await officerPageText(madeAfter);
    expect(pageAfter).not.toContain('This is because');
    expect(pageAfter).toContain('The police hold information.');
    expect(pageAfter).not.toContain('The police hold information. A senior probation officer must countersign');
    const after = await api.post<DecisionBody>(`/api/proposals/${madeAfter}/decision`, { outcome: 'SUITABLE', riskOfSeriousHarm: 'LOW', rationale: 'Information considered' }, 'court.officer');
    expect(after.body).toMatchObject({ status: 'SUITABLE', decision: { countersigning: { policyVersion: 'test-later', conditions: [] } } });
    const highNow = await api.post<DecisionBody>(`/api/proposals/${highAfter}/decision`, { outcome: 'SUITABLE', rationale: 'ok', riskOfSeriousHarm: 'VERY_HIGH' }, 'pso.officer');
    expect(highNow.body).toMatchObject({ status: 'SUITABLE', decision: { riskOfSeriousHarm: 'VERY_HIGH', countersigning: { policyVersion: 'test-later', conditions: [] } } });

    // The decisions made under the version before keep their version, their conditions and their wait.
    const stored = await decisionOf(madeBefore);
    expect(stored).toMatchObject({ status: 'AWAITING_COUNTERSIGN', decision: { countersigning: { policyVersion: inForce, conditions: ['AGENCY_CONCERN'] } } });
    expect(await decisionOf(highBefore)).toMatchObject({ status: 'AWAITING_COUNTERSIGN', decision: { countersigning: { policyVersion: inForce, conditions: ['HIGH_RISK_OF_SERIOUS_HARM', 'AUTHOR_PSO_OR_TRAINEE'] } } });
    const countersigned = await api.post<DecisionBody>(`/api/proposals/${madeBefore}/countersign`, { agree: true, comment: 'Agreed' }, 'spo');
    expect(countersigned.body.status).toBe('SUITABLE');
    expect((await decisionOf(madeBefore)).decision?.countersigning).toEqual({ policyVersion: inForce, conditions: ['AGENCY_CONCERN'] });
  });
});
