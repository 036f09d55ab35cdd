import { checkAfterAdjournment, unansweredChecks, whyNotAdjourn, type AdjournmentCause } from '#domain/adjournment';
import { linkExpiresAt } from '#domain/link-expiry';
import { londonDate } from '#domain/london-time';
import { adjournmentSchema } from '#schemas/staff-actions';
import { checkpoint } from '#runtime/checkpoints';
import { now } from '#runtime/clock';
import { ConflictError, ValidationError } from '#runtime/errors';
import { logger } from '#runtime/logger';
import { parseWith } from '#runtime/validation';
import type { StaffUser } from '#auth/staff';
import { linkLifetimes } from '#links/link-lifetimes';
import { adjournmentItems, type CheckMove } from '#store/hearing-changes';
import type { Adjournment, CheckItem } from '#store/items';
import { loadExistingProposal, type StoredProposal } from '#store/proposal-store';
import type { AuditEntry } from '#store/audit-store';
import { writeAtomically } from '#store/transactions';
import { loadProposalOfCourt } from './court-access.ts';

/** What an adjournment needs, from the adjournment's own form or the hearing outcome's. */
export interface AdjournmentRequest {
  hearingDate: string;
  cause: AdjournmentCause;
  note?: string | undefined;
}

/**
 * The officer records that the hearing moved to a new date (ADR 0024). In one write: the proposal's
 * hearing date, court list key and adjournment history; every check's court list key; each open
 * check's due time for the new date (an overdue one due again when the new time allows), its due
 * round (so the new date's reminders and overdue notices are new messages, and none is sent twice)
 * and a live agency link's expiry; and the audit record. The workflow needs no message: each
 * check's next wake reads the check again and follows its new due time (domain/reminders.ts).
 */
export async function adjournHearing(user: StaffUser, proposalId: string, body: unknown): Promise<StoredProposal> {
  await loadProposalOfCourt(user, proposalId);
  const input = parseWith(body, adjournmentSchema);
  return recordAdjournment(user, proposalId, input);
}

/** How many times to read again and retry when a check changed between the read and the write (an answer, a reminder). */
const attempts = 3;

/**
 * The adjournment itself, shared with the hearing outcome "adjourned" (which adds its own audit
 * record to the same write). Refuses a date that is not allowed (400 on hearingDate) or a proposal
 * that cannot move (409), changing nothing.
 */
export async function recordAdjournment(user: StaffUser, proposalId: string, input: AdjournmentRequest, withOutcome = false): Promise<StoredProposal> {
  for (let attempt = 1; ; attempt += 1) {
    const { proposal, checks } = await loadProposalOfCourt(user, proposalId);
    const at = now();
    const refusal = whyNotAdjourn({ status: proposal.status, hearingDate: proposal.hearingDate, sentenced: proposal.hearingOutcome !== undefined, replaced: proposal.nextProposalId !== undefined, newDate: input.hearingDate, today: londonDate(at) });
    if (refusal?.kind === 'FIELD') {
      throw new ValidationError([{ path: 'hearingDate', message: refusal.message }]);
    }
    if (refusal?.kind === 'STATE') {
      throw new ConflictError({ error: refusal.error, message: refusal.message, status: proposal.status });
    }
    const adjournment: Adjournment = {
      previousHearingDate: proposal.hearingDate,
      hearingDate: input.hearingDate,
      cause: input.cause,
      by: user.id,
      at: at.toISOString(),
      ...(input.note === undefined || input.note === '' ? {} : { note: input.note }),
    };
    const moves = checks.map((check) => checkMove(check, input.hearingDate, proposal.reportType, at));
    const audit: AuditEntry[] = [
      ...(withOutcome ? [{ proposalId, action: 'HEARING_OUTCOME_RECORDED', actor: user.id, at, outcome: 'ADJOURNED' as const, checksUnanswered: unansweredChecks(checks), hearingDate: proposal.hearingDate }] : []),
      { proposalId, action: 'HEARING_ADJOURNED', actor: user.id, at, cause: input.cause, previousHearingDate: proposal.hearingDate, hearingDate: input.hearingDate },
    ];
    if (await writeAtomically(adjournmentItems(proposal, adjournment, moves, at), audit)) {
      checkpoint('hearing-moved'); // Stored, not yet answered: where the crash harness may stop the process.
      logger.info('Hearing adjourned', { proposalId, cause: input.cause, checksDueAgain: moves.filter((move) => move.due?.dueAgain === true).length });
      return loadExistingProposal(proposalId);
    }
    if (attempt >= attempts) {
      throw new ConflictError({ error: 'NOT_ALLOWED', message: 'The proposal changed while you were recording the adjournment: reload it and try again' });
    }
  }
}

/** An open check's new due time; a live agency link's new expiry, which ends with the hearing day. */
function checkMove(check: CheckItem, hearingDate: string, reportType: Parameters<typeof checkAfterAdjournment>[2], at: Date): CheckMove {
  const due = checkAfterAdjournment(check, hearingDate, reportType, at);
  const liveAgencyLink = due !== undefined && check.type !== 'RESIDENT_CONSENT' && check.linkTokenHash !== undefined && check.linkExpiresAt !== undefined && new Date(check.linkExpiresAt) > at;
  return {
    check,
    ...(due === undefined ? {} : { due }),
    ...(liveAgencyLink ? { linkExpiresAt: linkExpiresAt(check.type, hearingDate, at, linkLifetimes) } : {}),
  };
}
