import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { canonicalJson } from '#domain/canonical-json';
import { genesisHash, nextAuditRecord, verifyAuditChain, type AuditRecord, type CourtListViewRecord } from '#domain/audit-chain';

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

  it('hashes a proposal record exactly as records already stored were hashed (the fields listed by name)', () => {
    const content = { proposalId: 'p1', action: 'RESTRICTED_ANSWERS_VIEWED', actor: 'court.officer', at: '2026-11-23T10:00:00.000Z', reason: 'Writing the report' };
    const storedHash = createHash('sha256').update(`${genesisHash}\n${canonicalJson({ seq: 1, ...content, checkId: undefined })}`).digest('hex');
    expect(nextAuditRecord(undefined, content).hash).toBe(storedHash);
  });

  it("chains a court list's views, and sees a view altered to hide a proposal it showed", () => {
    const views: CourtListViewRecord[] = [];
    for (const shown of [['p1', 'p2'], ['p1', 'p2', 'p3']]) {
      views.push(nextAuditRecord(views.at(-1), { action: 'COURT_LIST_VIEWED' as const, actor: 'sentencer', at: '2026-11-23T10:00:00.000Z', courtCode: 'B01LY00', hearingDate: '2026-12-17', shown }));
    }
    const head = { seq: 2, hash: views[1]?.hash ?? '' };
    expect(verifyAuditChain(views, head)).toEqual({ valid: true, records: 2 });
    const hidden = views.map((view) => (view.seq === 1 ? { ...view, shown: ['p2'] } : view));
    expect(verifyAuditChain(hidden, head)).toEqual({ valid: false, atSeq: 1, problem: 'ALTERED' });
  });
});
