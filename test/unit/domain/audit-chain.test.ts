import { describe, expect, it } from 'vitest';
import { nextAuditRecord, verifyAuditChain, type AuditRecord } from '#domain/audit-chain';

function chainOf(actions: string[]): { records: AuditRecord[]; head: { seq: number; hash: string } } {
  const records: AuditRecord[] = [];
  for (const [index, action] of actions.entries()) {
    records.push(nextAuditRecord(records.at(-1), { proposalId: 'p1', action, actor: 'court.officer', at: `2026-11-23T10:0${index}:00.000Z` }));
  }
  const last = records.at(-1);
  return { records, head: { seq: last?.seq ?? 0, hash: last?.hash ?? '' } };
}

describe('verifyAuditChain', () => {
  it('accepts an untouched chain, in any order', () => {
    const { records, head } = chainOf(['PROPOSAL_CREATED', 'CHECK_REQUESTED', 'PROPOSAL_VIEWED']);
    expect(verifyAuditChain([...records].reverse(), head)).toEqual({ valid: true, records: 3 });
  });

  it('detects a deleted record in the middle', () => {
    const { records, head } = chainOf(['A', 'B', 'C']);
    expect(verifyAuditChain([records[0], records[2]].filter((record) => record !== undefined), head)).toEqual({ valid: false, atSeq: 2, problem: 'MISSING' });
  });

  it('detects the last record removed, from the head', () => {
    const { records, head } = chainOf(['A', 'B', 'C']);
    expect(verifyAuditChain(records.slice(0, 2), head)).toEqual({ valid: false, atSeq: 3, problem: 'TRUNCATED' });
  });

  it.each([
    ['actor', { actor: 'someone.else' }],
    ['time', { at: '2026-11-24T00:00:00.000Z' }],
    ['action', { action: 'NOTHING_HAPPENED' }],
    ['reason', { reason: 'added later' }],
  ])('detects an altered %s', (_field, change) => {
    const { records, head } = chainOf(['A', 'B', 'C']);
    const altered = records.map((record) => (record.seq === 2 ? { ...record, ...change } : record));
    expect(verifyAuditChain(altered, head)).toEqual({ valid: false, atSeq: 2, problem: 'ALTERED' });
  });

  it('detects a record rewritten with a recomputed hash, because the next record no longer matches', () => {
    const { records, head } = chainOf(['A', 'B', 'C']);
    const first = records[0];
    const rewritten = nextAuditRecord(first, { proposalId: 'p1', action: 'FORGED', actor: 'x', at: '2026-11-23T10:01:00.000Z' });
    const tampered = records.map((record) => (record.seq === 2 ? rewritten : record));
    expect(verifyAuditChain(tampered, head)).toEqual({ valid: false, atSeq: 3, problem: 'ALTERED' });
  });
});
