import { describe, expect, it } from 'vitest';
import { DeleteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { useLocalStack } from '../support/local-stack.ts';
import { consent, informationHeld, notKnown, proposalBody } from '../support/proposals.ts';
import { requestsFor, startChecks, statusBecomes } from '../support/journeys.ts';

const { stack, api, table } = useLocalStack();

interface AuditExport {
  verification: { valid: boolean; atSeq?: number; problem?: string };
  records: { seq: number; action: string; actor: string; at: string; checkId?: string; reason?: string }[];
}

async function answeredProposal(): Promise<string> {
  const proposalId = await startChecks(api, proposalBody());
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
        'DISCLOSED_TO_COURT_LIST:sentencer',
      ]),
    );
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
