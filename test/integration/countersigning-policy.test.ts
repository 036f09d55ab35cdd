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
  decision?: { outcome: string; countersigning?: { policyVersion: string; conditions: string[] } };
}

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

    const decided = await api.post<DecisionBody>(`/api/proposals/${proposalId}/decision`, { outcome: 'SUITABLE', rationale: 'Information considered' }, 'court.officer');
    expect(decided.status).toBe(200);
    expect(decided.body).toMatchObject({ status: 'AWAITING_COUNTERSIGN', decision: { outcome: 'SUITABLE', countersigning: { policyVersion: '2026-12-01', conditions: ['AGENCY_CONCERN'] } } });
    expect((await decisionOf(proposalId)).decision?.countersigning).toEqual({ policyVersion: '2026-12-01', conditions: ['AGENCY_CONCERN'] });
  });

  it('stores no condition for an unsuitable decision, which is never countersigned', async () => {
    const proposalId = await awaitingDecisionWithPoliceInformation();
    const decided = await api.post<DecisionBody>(`/api/proposals/${proposalId}/decision`, { outcome: 'UNSUITABLE', rationale: 'Police information' }, 'court.officer');
    expect(decided.body).toMatchObject({ status: 'UNSUITABLE', decision: { countersigning: { policyVersion: '2026-12-01', conditions: [] } } });
  });

  it('no countersignature and no condition when nothing applies', async () => {
    const proposalId = await awaitingDecision(noInformation);
    expect(await officerPageText(proposalId)).not.toContain('must countersign');
    expect(await officerPageText(proposalId)).not.toContain('This is because');
    const decided = await api.post<DecisionBody>(`/api/proposals/${proposalId}/decision`, { outcome: 'SUITABLE', rationale: 'All clear' }, 'court.officer');
    expect(decided.body).toMatchObject({ status: 'SUITABLE', decision: { countersigning: { policyVersion: '2026-12-01', conditions: [] } } });
  });

  it('a new policy version changes new decisions, not those already made', async () => {
    const madeBefore = await awaitingDecisionWithPoliceInformation();
    const before = await api.post<DecisionBody>(`/api/proposals/${madeBefore}/decision`, { outcome: 'SUITABLE', rationale: 'Information considered' }, 'court.officer');
    expect(before.body.status).toBe('AWAITING_COUNTERSIGN');
    const madeAfter = await awaitingDecisionWithPoliceInformation();

    // A second version takes effect today: it no longer asks for a countersignature on an agency's concern.
    const [first] = countersigningPolicy.versions;
    if (first === undefined) throw new Error('The checked-in policy has a version');
    seam.policy = parseCountersigningPolicy({
      ...countersigningPolicy,
      versions: [...countersigningPolicy.versions, { id: 'test-later', effectiveFrom: londonDate(new Date()), conditions: { ...first.conditions, AGENCY_CONCERN: false }, regions: {} }],
    });
    // The same facts, decided now. (The answer's own card still says a concern needs countersigning: that wording is not the policy's yet.)
    expect(await officerPageText(madeAfter)).not.toContain('This is because');
    const after = await api.post<DecisionBody>(`/api/proposals/${madeAfter}/decision`, { outcome: 'SUITABLE', rationale: 'Information considered' }, 'court.officer');
    expect(after.body).toMatchObject({ status: 'SUITABLE', decision: { countersigning: { policyVersion: 'test-later', conditions: [] } } });

    // The decision made under the first version keeps its version, its conditions and its wait.
    const stored = await decisionOf(madeBefore);
    expect(stored).toMatchObject({ status: 'AWAITING_COUNTERSIGN', decision: { countersigning: { policyVersion: '2026-12-01', conditions: ['AGENCY_CONCERN'] } } });
    const countersigned = await api.post<DecisionBody>(`/api/proposals/${madeBefore}/countersign`, { agree: true, comment: 'Agreed' }, 'spo');
    expect(countersigned.body.status).toBe('SUITABLE');
    expect((await decisionOf(madeBefore)).decision?.countersigning).toEqual({ policyVersion: '2026-12-01', conditions: ['AGENCY_CONCERN'] });
  });
});
