import type { AuditRecord } from '#domain/audit-chain';
import { findCourtTeam } from '#domain/court-teams';
import { countersForEvent, withRegionTotals, type CounterIncrement, type EventFacts } from '#domain/performance-events';
import { now } from '#runtime/clock';
import type { CheckItem, ProposalItem } from '#store/items';
import { auditEventOfStreamKeys, countEventOnce } from '#store/performance-counts';
import { loadProposal } from '#store/proposal-store';
import type { StreamRecordKeys } from '#store/delivery-store';

/** What counting a batch of stream records did, for the handler's answer and its metrics. */
export interface CountingResult {
  counted: number;
  /** Records already counted (delivered again) or naming nothing the view counts. */
  skipped: number;
  increments: CounterIncrement[];
}

/**
 * Keeps the P&Q counters (ADR 0020) from the table's stream: for each new audit record of a
 * proposal, reads the proposal (one query: the proposal, its checks and its audit trail), works
 * out what the event adds (domain/performance-events.ts) and adds it once. Records are handled in
 * order; an error stops the batch so the stream delivers it again, and what was counted before
 * the error is not counted twice (each event's marker).
 */
export async function countPerformanceEvents(records: readonly { eventName?: string | undefined; keys: StreamRecordKeys }[]): Promise<CountingResult> {
  const result: CountingResult = { counted: 0, skipped: 0, increments: [] };
  for (const record of records) {
    const event = record.eventName === 'REMOVE' ? undefined : auditEventOfStreamKeys(record.keys);
    const stored = event === undefined ? undefined : await loadProposal(event.proposalId);
    const audit = stored?.audit.find((candidate) => candidate.seq === event?.seq);
    if (event === undefined || stored === undefined || audit === undefined) {
      result.skipped += 1;
      continue;
    }
    const check = audit.checkId === undefined ? undefined : stored.checks.find((candidate) => candidate.checkId === audit.checkId);
    const completed = stored.audit.find((record) => record.action === 'CHECKS_COMPLETE');
    const proposal = { ...proposalFacts(stored.proposal), ...(completed === undefined ? {} : { checksCompletedAt: completed.at }) };
    const increments = countersForEvent({ action: audit.action, actor: audit.actor, at: audit.at, proposal, recorded: recordedFacts(audit), ...(check === undefined ? {} : { check: checkFacts(check) }) });
    // The region's totals in the same transaction: counted once, with the court's.
    if (increments.length > 0 && (await countEventOnce(event, withRegionTotals(increments, (courtCode) => findCourtTeam(courtCode)?.region), now()))) {
      result.counted += 1;
      result.increments.push(...increments);
    } else {
      result.skipped += 1;
    }
  }
  return result;
}

/** Codes and times only: no name, address or answer text goes further than this. */
function proposalFacts(proposal: ProposalItem): EventFacts['proposal'] {
  const rounds = [...(proposal.returns ?? []), ...(proposal.decision === undefined ? [] : [{ decision: proposal.decision, countersignature: proposal.countersignature }])];
  return {
    courtCode: proposal.courtCode,
    createdAt: proposal.createdAt,
    hearingDate: proposal.hearingDate,
    policeForce: proposal.policeForce,
    localAuthority: proposal.localAuthority,
    decisions: rounds.map(({ decision }) => ({ at: decision.at, outcome: decision.outcome, conditions: decision.countersigning?.conditions ?? [] })),
    adjournments: (proposal.adjournments ?? []).map(({ previousHearingDate, hearingDate, cause, at }) => ({ previousHearingDate, hearingDate, cause, at })),
    countersignatures: rounds.flatMap(({ decision, countersignature }) => (countersignature === undefined ? [] : [{ at: countersignature.at, agree: countersignature.agree, decidedAt: decision.at }])),
  };
}

/** The codes and dates an audit record carries besides the usual (never a reason or a note). */
function recordedFacts(audit: AuditRecord): NonNullable<EventFacts['recorded']> {
  const { cause, previousHearingDate, hearingDate, outcome, checksUnanswered } = audit;
  return {
    ...(cause === undefined ? {} : { cause }),
    ...(previousHearingDate === undefined ? {} : { previousHearingDate }),
    ...(hearingDate === undefined ? {} : { hearingDate }),
    ...(outcome === undefined ? {} : { outcome }),
    ...(checksUnanswered === undefined ? {} : { checksUnanswered }),
  };
}

function checkFacts(check: CheckItem): NonNullable<EventFacts['check']> {
  const decision = check.answer !== undefined && 'decision' in check.answer ? check.answer.decision : undefined;
  const source = check.source === undefined ? undefined : check.source.via === 'LINK' ? { via: 'LINK' as const } : { via: 'OFFICER' as const, spokenToAlone: check.source.spokenToAlone };
  return {
    type: check.type,
    ...(check.requestedAt === undefined ? {} : { requestedAt: check.requestedAt }),
    ...(source === undefined ? {} : { source }),
    ...(decision === undefined ? {} : { residentDecision: decision }),
  };
}
