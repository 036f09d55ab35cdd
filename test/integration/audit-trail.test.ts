import { describe, expect, it } from 'vitest';
import { DeleteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { useLocalStack } from '../support/local-stack.ts';
import { consent, informationHeld, notKnown, proposalBody } from '../support/proposals.ts';
import { requestsFor, startChecks, statusBecomes } from '../support/journeys.ts';
import { addDays, todayInLondon } from '../support/dates.ts';

const { stack, api, table } = useLocalStack();

interface AuditExport {
  verification: { valid: boolean; atSeq?: number; problem?: string };
  records: { seq: number; action: string; actor: string; at: string; checkId?: string; reason?: string }[];
  courtListViews: {
    courtCode: string;
    hearingDate: string;
    verification: { valid: boolean; atSeq?: number; problem?: string };
    records: { seq: number; action: string; actor: string; at: string; shown: string[] }[];
  };
}

async function answeredProposal(body = proposalBody()): Promise<string> {
  const proposalId = await startChecks(api, body);
  const requests = await requestsFor(api, proposalId, 3);
  await api.answer(requests.police.url ?? '', informationHeld);
  await api.answer(requests.childrensServices.url ?? '', notKnown);
  await api.answer(requests.residents[0]?.url ?? '', consent);
  await statusBecomes(api, proposalId, 'AWAITING_DECISION');
  return proposalId;
}

describe('the audit trail', () => {
  it('records who collected, changed, viewed and disclosed what, and why restricted answers were viewed', async () => {
    const proposalId = await answeredProposal();
    const withheld = await api.get<{ checks: { type: string; summary?: string; summaryWithheld?: boolean }[] }>(`/api/proposals/${proposalId}`, 'court.officer');
    expect(withheld.body.checks.find((check) => check.type === 'DOMESTIC_ABUSE')).toMatchObject({ summaryWithheld: true });
    expect(withheld.body.checks.find((check) => check.type === 'DOMESTIC_ABUSE')?.summary).toBeUndefined();
    const shown = await api.post<{ checks: { type: string; summary?: string }[] }>(`/api/proposals/${proposalId}/restricted`, { reason: 'Writing the risk section of the report' }, 'court.officer');
    expect(shown.body.checks.find((check) => check.type === 'DOMESTIC_ABUSE')?.summary).toBe(informationHeld.summary);
    await api.get(`/api/courts/B01LY00/hearings/${proposalBody().hearingDate}`, 'sentencer');

    const exported = await api.get<AuditExport>(`/api/proposals/${proposalId}/audit`, 'spo');
    expect(exported.status).toBe(200);
    expect(exported.body.verification).toEqual({ valid: true, records: exported.body.records.length });
    const actions = exported.body.records.map((record) => `${record.action}:${record.actor}`);
    expect(actions).toEqual(
      expect.arrayContaining([
        'PROPOSAL_CREATED:court.officer',
        'CHECK_REQUESTED:WORKFLOW',
        'CHECK_ANSWERED:POLICE',
        'CHECK_ANSWERED:CHILDRENS_SERVICES',
        'CHECK_ANSWERED:RESIDENT',
        'CHECKS_COMPLETE:WORKFLOW',
        'PROPOSAL_VIEWED:court.officer',
        'RESTRICTED_ANSWERS_VIEWED:court.officer',
      ]),
    );
    // The court list that showed it: one record of that view, on the list's own chain.
    expect(exported.body.courtListViews).toMatchObject({ courtCode: 'B01LY00', hearingDate: proposalBody().hearingDate, verification: { valid: true } });
    expect(exported.body.courtListViews.records.filter((record) => record.actor === 'sentencer')).toEqual([expect.objectContaining({ action: 'COURT_LIST_VIEWED', shown: expect.arrayContaining([proposalId]) })]);
    expect(exported.body.records.find((record) => record.action === 'RESTRICTED_ANSWERS_VIEWED')?.reason).toBe('Writing the risk section of the report');
    expect(exported.body.records.every((record) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/.test(record.at))).toBe(true);
  });

  it('reports a deleted record', async () => {
    const proposalId = await answeredProposal();
    await table().send(new DeleteCommand({ TableName: stack.tableName, Key: { pk: `PROPOSAL#${proposalId}`, sk: `AUDIT#${'2'.padStart(10, '0')}` } }));
    const exported = await api.get<AuditExport>(`/api/proposals/${proposalId}/audit`, 'spo');
    expect(exported.body.verification).toEqual({ valid: false, atSeq: 2, problem: 'MISSING' });
  });

  it('reports an altered record', async () => {
    const proposalId = await answeredProposal();
    await table().send(
      new UpdateCommand({ TableName: stack.tableName, Key: { pk: `PROPOSAL#${proposalId}`, sk: `AUDIT#${'1'.padStart(10, '0')}` }, UpdateExpression: 'SET actor = :someoneElse', ExpressionAttributeValues: { ':someoneElse': 'court.officer2' } }),
    );
    const exported = await api.get<AuditExport>(`/api/proposals/${proposalId}/audit`, 'spo');
    expect(exported.body.verification).toEqual({ valid: false, atSeq: 1, problem: 'ALTERED' });
  });

  it("records a court list view once, naming every proposal it showed, and each proposal's export finds it", async () => {
    // A hearing date of its own: this test alters its list's chain.
    const body = proposalBody({ hearingDate: addDays(todayInLondon(), 20) });
    const [first, second] = [await answeredProposal(body), await answeredProposal(body)];
    const listViews = async (proposalId: string) => (await api.get<AuditExport>(`/api/proposals/${proposalId}/audit`, 'spo')).body;
    const before = await listViews(first);
    const ownRecordsBefore = [before.records.length, (await listViews(second)).records.length];

    const listed = await api.get<{ proposals: { proposalId: string }[] }>(`/api/courts/B01LY00/hearings/${body.hearingDate}`, 'sentencer');
    const shown = listed.body.proposals.map((proposal) => proposal.proposalId);
    expect(shown).toEqual(expect.arrayContaining([first, second]));

    const [afterFirst, afterSecond] = [await listViews(first), await listViews(second)];
    const added = afterFirst.courtListViews.records.slice(before.courtListViews.records.length);
    expect(added).toEqual([expect.objectContaining({ action: 'COURT_LIST_VIEWED', actor: 'sentencer', shown })]);
    expect(afterSecond.courtListViews.records.at(-1)).toEqual(added[0]);
    expect(afterFirst.courtListViews.verification).toEqual({ valid: true, records: expect.any(Number) });
    // Neither proposal's own chain gained a record for the listing (only the two exports' own).
    expect([afterFirst.records.length, afterSecond.records.length]).toEqual([(ownRecordsBefore[0] ?? 0) + 1, (ownRecordsBefore[1] ?? 0) + 1]);

    // The list's chain is as tamper-evident as a proposal's: a view altered to hide a proposal shows.
    const seq = added[0]?.seq ?? 0;
    await table().send(
      new UpdateCommand({
        TableName: stack.tableName,
        Key: { pk: `COURT_LIST#B01LY00#${body.hearingDate}`, sk: `AUDIT#${String(seq).padStart(10, '0')}` },
        UpdateExpression: 'SET shown = :fewer',
        ExpressionAttributeValues: { ':fewer': shown.filter((id) => id !== first) },
      }),
    );
    expect((await listViews(second)).courtListViews.verification).toEqual({ valid: false, atSeq: seq, problem: 'ALTERED' });
  });

  it('asks for a real reason before showing restricted answers, and never takes one in the address', async () => {
    const proposalId = await answeredProposal();
    const tooShort = await api.post<{ checks?: unknown }>(`/api/proposals/${proposalId}/restricted`, { reason: 'x' }, 'court.officer');
    expect(tooShort.status).toBe(400);
    expect(tooShort.body.checks).toBeUndefined();
    const inTheAddress = await api.get<{ message: string; checks?: unknown }>(`/api/proposals/${proposalId}?reason=${encodeURIComponent('Writing the risk section of the report')}`, 'court.officer');
    expect(inTheAddress.status).toBe(400);
    expect(JSON.stringify(inTheAddress.body)).toContain('POST /api/proposals/{proposalId}/restricted');
    expect(inTheAddress.body.checks).toBeUndefined();
    // Neither refused request is recorded as a view of the restricted answers.
    const exported = await api.get<AuditExport>(`/api/proposals/${proposalId}/audit`, 'spo');
    expect(JSON.stringify(exported.body)).not.toContain('RESTRICTED');
  });
});
