import { describe, expect, it } from 'vitest';
import { eventually } from '../support/api-client.ts';
import { consent, noInformation, notKnown, proposalBody, refusal } from '../support/proposals.ts';
import { requestsFor, startChecks, statusBecomes, viewOf, type ProposalViewBody } from '../support/journeys.ts';
import { useLocalStack } from '../support/local-stack.ts';

const { api } = useLocalStack();

/** The new address, its two adults, and the agencies for it: what POST .../alternative-address takes. */
const newAddress = {
  address: { line1: '9 Other Road', town: 'Bath', postcode: 'BA1 1AA' },
  residents: [
    { fullName: 'Jo Parent', relationship: 'PARENT', email: 'jo@example.org', language: 'en' },
    { fullName: 'Kit Sibling', relationship: 'SIBLING', mobile: '07700900777', language: 'cy' },
  ],
  noOtherAdults: false,
  childrenDeclaredByDefendant: { any: false },
  policeForce: 'AVON_AND_SOMERSET',
  localAuthority: 'BATH_AND_NORTH_EAST_SOMERSET',
};

type VersionView = ProposalViewBody & {
  caseId: string;
  version: number;
  previousProposalId?: string;
  nextProposalId?: string;
  hearingDate: string;
  reportType: string;
  defendant: Record<string, unknown>;
  curfew: { address: Record<string, unknown>; startDate: string; endDate: string; periods: unknown[] };
  policeForce: string;
  localAuthority: string;
};

const versionOf = (proposalId: string) => viewOf(api, proposalId) as Promise<VersionView>;

/** A proposal made unsuitable by the workflow: its resident refused consent (the other checks are cancelled with it). */
async function unsuitableProposal(body = proposalBody()) {
  const proposalId = await startChecks(api, body);
  const requests = await requestsFor(api, proposalId, 3);
  await api.answer(requests.residents[0]?.url ?? '', refusal);
  await statusBecomes(api, proposalId, 'UNSUITABLE');
  return { proposalId, requests };
}

describe('another address for an unsuitable proposal', () => {
  it('asks every check again for the new address and its residents, and links the two as versions of one case', async () => {
    const body = proposalBody();
    const { proposalId: firstId, requests: old } = await unsuitableProposal(body);

    const created = await api.post<{ proposalId: string; status: string }>(`/api/proposals/${firstId}/alternative-address`, newAddress, 'court.officer');
    expect(created.status).toBe(201);
    expect(created.body.status).toBe('CHECKS_IN_PROGRESS');
    const secondId = created.body.proposalId;
    expect(secondId).not.toBe(firstId);

    // New requests: the new force and council, each new adult; none to the old resident.
    const fresh = await requestsFor(api, secondId, 4);
    expect(fresh.police.to).toMatch(/avon/i);
    expect(fresh.childrensServices.to).toMatch(/bath/i);
    expect(fresh.residents.map((message) => message.to).sort()).toEqual(['07700900777', 'jo@example.org']);
    expect(fresh.all.map((message) => message.url)).not.toContain(old.police.url);

    // Carried over: hearing, report, defendant, curfew dates and hours. Asked again: everything about the address.
    const second = await versionOf(secondId);
    expect(second).toMatchObject({ caseId: firstId, version: 2, previousProposalId: firstId, hearingDate: body.hearingDate, reportType: body.reportType, defendant: body.defendant, policeForce: 'AVON_AND_SOMERSET', localAuthority: 'BATH_AND_NORTH_EAST_SOMERSET' });
    expect(second.curfew).toEqual({ ...body.curfew, address: newAddress.address });
    expect(second.residents.map((resident) => (resident as unknown as { fullName: string }).fullName)).toEqual(['Jo Parent', 'Kit Sibling']);
    expect(second.checks.map((check) => check.type).sort()).toEqual(['CHILD_SAFEGUARDING', 'DOMESTIC_ABUSE', 'RESIDENT_CONSENT', 'RESIDENT_CONSENT']);
    expect(second.checks.every((check) => check.outcome === undefined)).toBe(true);
    expect(second.nextProposalId).toBeUndefined();

    const first = await versionOf(firstId);
    expect(first).toMatchObject({ status: 'UNSUITABLE', caseId: firstId, version: 1, nextProposalId: secondId });
    expect(first.previousProposalId).toBeUndefined();

    // Both trails record it, with the contract's fields.
    expect(second.events.map((event) => event.type).slice(0, 2)).toEqual(['PROPOSAL_CREATED', 'ALTERNATIVE_ADDRESS_PROPOSED']);
    expect(first.events.map((event) => event.type)).toContain('REPLACED_BY_ALTERNATIVE_ADDRESS');
    const newTrail = await api.get<{ verification: { valid: boolean }; records: Record<string, unknown>[] }>(`/api/proposals/${secondId}/audit`, 'court.officer');
    expect(newTrail.body.verification.valid).toBe(true);
    expect(newTrail.body.records.find((record) => record.action === 'ALTERNATIVE_ADDRESS_PROPOSED')).toMatchObject({ actor: 'court.officer', previousProposalId: firstId, caseId: firstId, version: 2 });
    const oldTrail = await api.get<{ verification: { valid: boolean }; records: Record<string, unknown>[] }>(`/api/proposals/${firstId}/audit`, 'court.officer');
    expect(oldTrail.body.verification.valid).toBe(true);
    expect(oldTrail.body.records.find((record) => record.action === 'REPLACED_BY_ALTERNATIVE_ADDRESS')).toMatchObject({ actor: 'court.officer', nextProposalId: secondId, caseId: firstId });

    // The old links stay refused; the new ones answer the new proposal, which can then be found suitable.
    expect((await api.answer(old.police.url ?? '', noInformation)).status).toBe(410);
    expect((await api.answer(old.childrensServices.url ?? '', notKnown)).status).toBe(410);
    expect((await api.answer(old.residents[0]?.url ?? '', consent)).status).toBe(410);
    expect((await api.answer(fresh.police.url ?? '', noInformation)).status).toBe(200);
    expect((await api.answer(fresh.childrensServices.url ?? '', notKnown)).status).toBe(200);
    const early = await api.post<{ error: string; outstanding: string[] }>(`/api/proposals/${secondId}/decision`, { outcome: 'SUITABLE', riskOfSeriousHarm: 'LOW', rationale: 'Looks fine' }, 'court.officer');
    expect(early.status).toBe(409);
    expect(early.body.outstanding).toHaveLength(2);
    for (const resident of fresh.residents) expect((await api.answer(resident.url ?? '', consent)).status).toBe(200);
    await statusBecomes(api, secondId, 'AWAITING_DECISION');
    const decided = await api.post<{ status: string }>(`/api/proposals/${secondId}/decision`, { outcome: 'SUITABLE', riskOfSeriousHarm: 'LOW', rationale: 'Everyone at the new address agreed' }, 'court.officer');
    expect(decided.body.status).toBe('SUITABLE');
    expect((await versionOf(firstId)).status).toBe('UNSUITABLE');
  });

  it('shows the court the current version with its history, not the replaced one', async () => {
    const body = proposalBody();
    const { proposalId: firstId } = await unsuitableProposal(body);
    const created = await api.post<{ proposalId: string }>(`/api/proposals/${firstId}/alternative-address`, newAddress, 'court.officer');
    const list = await api.get<{ proposals: { proposalId: string; version: number; history?: string }[] }>(`/api/courts/B01LY00/hearings/${body.hearingDate}`, 'sentencer');
    const ids = list.body.proposals.map((proposal) => proposal.proposalId);
    expect(ids).toContain(created.body.proposalId);
    expect(ids).not.toContain(firstId);
    expect(list.body.proposals.find((proposal) => proposal.proposalId === created.body.proposalId)).toMatchObject({ version: 2, history: 'Second address: the first was unsuitable' });

    // The replaced address's hearing cannot be moved (it would come back on a court list), nor its outcome recorded: the current version's can.
    const laterDate = new Date(Date.parse(`${body.hearingDate}T12:00:00Z`) + 7 * 86_400_000).toISOString().slice(0, 10);
    const moveReplaced = await api.post<{ error: string; message: string }>(`/api/proposals/${firstId}/adjournment`, { hearingDate: laterDate, cause: 'OTHER' }, 'court.officer');
    expect([moveReplaced.status, moveReplaced.body.error]).toEqual([409, 'NOT_ALLOWED']);
    expect(moveReplaced.body.message).toContain('current version');
    expect((await api.get<{ hearingDate: string }>(`/api/proposals/${firstId}`, 'court.officer')).body.hearingDate).toBe(body.hearingDate);

    // A third address after the second is withdrawn: the history names both.
    expect((await api.post(`/api/proposals/${created.body.proposalId}/withdraw`, { reason: 'Landlord said no' }, 'court.officer')).status).toBe(200);
    const third = await api.post<{ proposalId: string }>(`/api/proposals/${created.body.proposalId}/alternative-address`, { ...newAddress, address: { line1: '3 Third Way', town: 'Swindon', postcode: 'SN3 3CC' }, policeForce: 'WILTSHIRE', localAuthority: 'SWINDON' }, 'court.officer');
    expect(third.status).toBe(201);
    const later = await api.get<{ proposals: { proposalId: string; version: number; history?: string }[] }>(`/api/courts/B01LY00/hearings/${body.hearingDate}`, 'sentencer');
    const listed = later.body.proposals.filter((proposal) => [firstId, created.body.proposalId, third.body.proposalId].includes(proposal.proposalId));
    expect(listed).toEqual([expect.objectContaining({ proposalId: third.body.proposalId, version: 3, history: 'Third address: the first was unsuitable, the second was withdrawn' })]);
    expect(await versionOf(third.body.proposalId)).toMatchObject({ caseId: firstId, version: 3, previousProposalId: created.body.proposalId });
  });
});

describe('two requests for another address at once', () => {
  it('make one new version; the other is told which', async () => {
    const { proposalId } = await unsuitableProposal();
    const toJo = async () => (await api.outbox()).filter((message) => message.kind === 'REQUEST' && message.to === 'jo@example.org').length;
    const joBefore = await toJo();
    const [a, b] = await Promise.all([
      api.post<{ proposalId?: string; error?: string; nextProposalId?: string }>(`/api/proposals/${proposalId}/alternative-address`, newAddress, 'court.officer'),
      api.post<{ proposalId?: string; error?: string; nextProposalId?: string }>(`/api/proposals/${proposalId}/alternative-address`, newAddress, 'court.officer'),
    ]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    const [won, lost] = a.status === 201 ? [a, b] : [b, a];
    expect(lost.body).toMatchObject({ error: 'ALREADY_REPLACED', nextProposalId: won.body.proposalId });
    expect((await versionOf(proposalId)).nextProposalId).toBe(won.body.proposalId);
    // Only the winner's requests go out: one to each new adult.
    await requestsFor(api, won.body.proposalId ?? '', 4);
    expect(await toJo()).toBe(joBefore + 1);
    const again = await api.post<{ error: string; nextProposalId: string }>(`/api/proposals/${proposalId}/alternative-address`, newAddress, 'court.officer');
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ error: 'ALREADY_REPLACED', nextProposalId: won.body.proposalId });
  });

  it('with the same Idempotency-Key, answer the same new version', async () => {
    const { proposalId } = await unsuitableProposal();
    const headers = { 'idempotency-key': `another-address-${proposalId}` };
    const first = await api.call<{ proposalId: string }>('POST', `/api/proposals/${proposalId}/alternative-address`, { body: newAddress, user: 'court.officer', headers });
    const repeat = await api.call<{ proposalId: string }>('POST', `/api/proposals/${proposalId}/alternative-address`, { body: newAddress, user: 'court.officer', headers });
    expect(first.status).toBe(201);
    expect(repeat.status).toBe(201);
    expect(repeat.body.proposalId).toBe(first.body.proposalId);
  });
});

describe('refusals change nothing', () => {
  it('a proposal still being checked, or found suitable, cannot be replaced; nor can another court\'s; a bad body is a 400', async () => {
    const inProgress = await startChecks(api, proposalBody());
    const requests = await requestsFor(api, inProgress, 3);
    const before = await versionOf(inProgress);
    const messagesBefore = (await api.outbox()).length;

    const refused = await api.post<{ error: string; status: string }>(`/api/proposals/${inProgress}/alternative-address`, newAddress, 'court.officer');
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ error: 'NOT_ALLOWED', status: 'CHECKS_IN_PROGRESS' });
    const bad = await api.post<{ error: string; fields: { path: string }[] }>(`/api/proposals/${inProgress}/alternative-address`, { ...newAddress, address: { line1: '', town: 'Bath', postcode: 'nope' } }, 'court.officer');
    expect(bad.status).toBe(400);
    expect(bad.body.fields.map((field) => field.path).sort()).toEqual(['address.line1', 'address.postcode']);
    // The carried-over answers are not the body's to change.
    const carried = await api.post<{ fields: { path: string }[] }>(`/api/proposals/${inProgress}/alternative-address`, { ...newAddress, hearingDate: '2030-01-01' }, 'court.officer');
    expect(carried.status).toBe(400);
    expect((await api.post(`/api/proposals/${inProgress}/alternative-address`, newAddress, 'other.officer')).status).toBe(404);
    expect((await api.post(`/api/proposals/${inProgress}/alternative-address`, newAddress, 'spo')).status).toBe(403);
    expect((await api.post('/api/proposals/00000000-0000-4000-8000-000000000000/alternative-address', newAddress, 'court.officer')).status).toBe(404);

    // Answered and found suitable: still refused.
    await api.answer(requests.police.url ?? '', noInformation);
    await api.answer(requests.childrensServices.url ?? '', notKnown);
    await api.answer(requests.residents[0]?.url ?? '', consent);
    await statusBecomes(api, inProgress, 'AWAITING_DECISION');
    expect((await api.post<{ status: string }>(`/api/proposals/${inProgress}/decision`, { outcome: 'SUITABLE', riskOfSeriousHarm: 'LOW', rationale: 'Clear' }, 'court.officer')).body.status).toBe('SUITABLE');
    const suitable = await api.post<{ error: string; status: string }>(`/api/proposals/${inProgress}/alternative-address`, newAddress, 'court.officer');
    expect(suitable.status).toBe(409);
    expect(suitable.body).toMatchObject({ error: 'NOT_ALLOWED', status: 'SUITABLE' });

    const after = await versionOf(inProgress);
    expect(after.nextProposalId).toBeUndefined();
    expect(after.version).toBe(before.version);
    expect(after.events.map((event) => event.type)).not.toContain('REPLACED_BY_ALTERNATIVE_ADDRESS');
    // No requests for the refused new address were sent.
    const sent = await eventually(async () => api.outbox(), 'the outbox');
    expect(sent.slice(messagesBefore).filter((message) => message.to === 'jo@example.org' || message.to === '07700900777')).toEqual([]);
  });
});
