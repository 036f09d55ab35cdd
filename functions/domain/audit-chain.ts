import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json.ts';

/**
 * The audit trail of a proposal (Data Protection Act 2018 s.62): who did what, when, to which
 * proposal and check, and why they looked at sensitive answers. Records are numbered from 1 and
 * each carries the hash of the one before, so a removed or altered record breaks the chain; the
 * chain's head (last number and hash) is kept separately, so removing the last record shows too.
 */
export interface AuditRecord {
  seq: number;
  proposalId: string;
  action: string;
  /** A staff id, or the kind of outside party (POLICE, CHILDRENS_SERVICES, RESIDENT, WORKFLOW). */
  actor: string;
  /** UTC, ISO 8601. */
  at: string;
  checkId?: string;
  /** Why someone viewed sensitive answers, in their words. */
  reason?: string;
  prevHash: string;
  hash: string;
}

export type AuditContent = Omit<AuditRecord, 'seq' | 'prevHash' | 'hash'>;

export const genesisHash = '0'.repeat(64);

export function auditHash(prevHash: string, seq: number, content: AuditContent): string {
  const { proposalId, action, actor, at, checkId, reason } = content;
  return createHash('sha256').update(`${prevHash}\n${canonicalJson({ seq, proposalId, action, actor, at, checkId, reason })}`).digest('hex');
}

/** The record that follows `previous` (or starts the chain). */
export function nextAuditRecord(previous: { seq: number; hash: string } | undefined, content: AuditContent): AuditRecord {
  const seq = (previous?.seq ?? 0) + 1;
  const prevHash = previous?.hash ?? genesisHash;
  return { ...content, seq, prevHash, hash: auditHash(prevHash, seq, content) };
}

export type ChainVerdict = { valid: true; records: number } | { valid: false; atSeq: number; problem: 'MISSING' | 'ALTERED' | 'TRUNCATED' };

/** Checks a proposal's records (any order) against each other and against the stored head. */
export function verifyAuditChain(records: readonly AuditRecord[], head: { seq: number; hash: string } | undefined): ChainVerdict {
  const ordered = [...records].sort((a, b) => a.seq - b.seq);
  let previousHash = genesisHash;
  for (const [index, record] of ordered.entries()) {
    if (record.seq !== index + 1) {
      return { valid: false, atSeq: index + 1, problem: 'MISSING' };
    }
    if (record.prevHash !== previousHash || auditHash(previousHash, record.seq, record) !== record.hash) {
      return { valid: false, atSeq: record.seq, problem: 'ALTERED' };
    }
    previousHash = record.hash;
  }
  const headSeq = head?.seq ?? 0;
  if (headSeq !== ordered.length || (head !== undefined && head.hash !== previousHash)) {
    return { valid: false, atSeq: ordered.length + 1, problem: 'TRUNCATED' };
  }
  return { valid: true, records: ordered.length };
}
