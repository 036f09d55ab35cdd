import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json.ts';
import type { ReportType } from './report-types.ts';
import type { CheckType } from './statuses.ts';

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
  /** HEARING_ADJOURNED: why (a code, never the officer's note) and the dates (ISO dates are not personal data). */
  cause?: 'CHECKS_OUTSTANDING' | 'OTHER';
  previousHearingDate?: string;
  hearingDate?: string;
  /** HEARING_OUTCOME_RECORDED: what the court did, and how many checks had no answer then. */
  outcome?: 'CURFEW_IMPOSED' | 'OTHER_SENTENCE' | 'ADJOURNED';
  checksUnanswered?: number;
  /** Another address (ADR 0026): the case both versions belong to, this version's number, and the version before or after it. */
  caseId?: string;
  version?: number;
  previousProposalId?: string;
  nextProposalId?: string;
  /** CONSENT_WITHDRAWN: how it reached us, whether the hearing had passed, and the proposal's resulting status. */
  via?: 'LINK' | 'OFFICER';
  afterHearing?: boolean;
  status?: string;
  /**
   * Facts of the change that its domain event carries (functions/domain/domain-events.ts picks
   * them; ADR 0027): the proposal's status after it (the field above, for these actions too), the
   * check's type, where and when it is heard (a PROPOSAL_CREATED's hearingDate is the field above).
   */
  checkType?: CheckType;
  courtCode?: string;
  reportType?: ReportType;
  prevHash: string;
  hash: string;
}

export type AuditContent = Omit<AuditRecord, 'seq' | 'prevHash' | 'hash'>;

/**
 * A court list's views (one chain per court and hearing date): one record per view, naming every
 * proposal it showed, so a list of 30 costs one record, not 30, and each proposal's export can
 * still say who saw it listed, and when.
 */
export interface CourtListViewRecord {
  seq: number;
  action: 'COURT_LIST_VIEWED';
  actor: string;
  at: string;
  courtCode: string;
  hearingDate: string;
  /** The proposals the list showed, by id, in order. */
  shown: string[];
  prevHash: string;
  hash: string;
}

export type CourtListViewContent = Omit<CourtListViewRecord, 'seq' | 'prevHash' | 'hash'>;

/** What every chained record has: its number, and the hashes that tie it to the one before. */
interface Chained {
  seq: number;
  prevHash: string;
  hash: string;
}

export const genesisHash = '0'.repeat(64);

/**
 * The hash of a record: the one before, and every field of its content (keys in a fixed order,
 * absent ones left out), so a changed field of any kind of record breaks the chain.
 */
export function auditHash(prevHash: string, seq: number, content: object): string {
  const { seq: _seq, prevHash: _prevHash, hash: _hash, ...fields } = content as Partial<Chained>;
  return createHash('sha256').update(`${prevHash}\n${canonicalJson({ seq, ...fields })}`).digest('hex');
}

/** The record that follows `previous` (or starts the chain). */
export function nextAuditRecord<Content extends object>(previous: { seq: number; hash: string } | undefined, content: Content): Content & Chained {
  const seq = (previous?.seq ?? 0) + 1;
  const prevHash = previous?.hash ?? genesisHash;
  return { ...content, seq, prevHash, hash: auditHash(prevHash, seq, content) };
}

export type ChainVerdict = { valid: true; records: number } | { valid: false; atSeq: number; problem: 'MISSING' | 'ALTERED' | 'TRUNCATED' };

/** Checks a chain's records (any order) against each other and against the stored head. */
export function verifyAuditChain(records: readonly Chained[], head: { seq: number; hash: string } | undefined): ChainVerdict {
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
