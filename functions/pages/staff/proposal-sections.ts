import { createHash } from 'node:crypto';
import { adjournmentLikely } from '#domain/court-summary';
import { canonicalJson } from '#domain/canonical-json';
import { checkConcerns, decide, mayRecordConsentAgain } from '#domain/check-rules';
import { countersigningAtCourt, riskOfSeriousHarmRecords, switchedOnAtCourt, type ConditionId, type RiskOfSeriousHarmRecord } from '#domain/countersigning-policy';
import { isFinal } from '#domain/statuses';
import type { StaffGrade, StaffRole } from '#auth/staff';
import type { StoredProposal } from '#store/proposal-store';
import type { CheckItem } from '#store/items';
import { recipientFor } from '#links/check-recipients';
import { givesConsent } from '#domain/consent-withdrawal';
import { mayResendLink } from '#domain/link-resend';
import { formatCurfewPeriod } from '#pages/link/curfew-periods';
import { courtDisplayName } from '#pages/filters';
import { restrictedReasonSchema } from '#schemas/staff-actions';
import { concernSentence, consentAdvice, countersignNote, countersigningConditionInWords, mustCountersign, riskOfSeriousHarmLabels } from './concern-labels.ts';
import { anotherAddressAllowed, versionsView } from './case-versions.ts';
import { noErrors, type FormErrors } from './form-errors.ts';
import { adjournmentLines, outcomeSummary } from './hearing-views.ts';
import { answeredAfterCurfew, whyNotRecordOutcome } from '#domain/adjournment';
import { londonDate } from '#domain/london-time';
import { addressLineOf, agencyNamesOf, answerOutcomeLabel, checkStatusTags, checkTitle, defendantNameOf, displayStatus, howObtained, isOpen, listInWords, proposalStatusTags, relationshipLabels, reportTypeLabels, residentOf, waitingForName } from './labels.ts';

const checkOrder = { DOMESTIC_ABUSE: 0, CHILD_SAFEGUARDING: 1, RESIDENT_CONSENT: 2 } as const;

export function sortedChecks(checks: readonly CheckItem[]): CheckItem[] {
  return [...checks].sort((a, b) => checkOrder[a.type] - checkOrder[b.type] || a.checkId.localeCompare(b.checkId));
}

/** Success messages after an action, by the `done` query value. */
export const doneMessages: Record<string, string> = {
  started: 'The checks have started. The police, children\'s services and each adult resident are being asked.',
  decision: 'Your decision has been recorded.',
  withdrawn: 'The proposal has been withdrawn. Its links no longer work.',
  adjourned: "The adjournment has been recorded. The checks' due dates, reminders and the court list now follow the new hearing date.",
  outcome: 'The hearing outcome has been recorded.',
  consent: "The resident's answer has been recorded.",
  countersigned: 'Your countersignature has been recorded.',
  returned: 'The decision has been sent back to the officer with your comment. They have been told.',
  resent: 'The link has been sent again. The link sent before no longer works.',
  contact: 'The contact details have been changed and a new link has been sent to them. The link sent before no longer works.',
  'consent-withdrawn': "The resident's withdrawal of consent has been recorded. You and the senior probation officers have been told.",
  'already-sent': 'This draft could not be deleted: it had already been sent, so these checks have started and their requests have gone. Withdraw the proposal if it should not go ahead.',
};

/**
 * The success message for a `done` value from the address: only the names above. A plain lookup
 * would also find what every object inherits (`?done=toString` gave a function to the template: 500).
 */
export function doneMessage(done: string | undefined): string | undefined {
  return done !== undefined && Object.hasOwn(doneMessages, done) ? doneMessages[done] : undefined;
}

/** Where a check's link goes, for the officer to confirm before sending it again; undefined if not known. */
function sentTo(proposal: StoredProposal['proposal'], check: CheckItem): string | undefined {
  try {
    return recipientFor(proposal, check);
  } catch {
    return undefined;
  }
}

export interface ProposalPageOptions {
  /** Who is looking; an officer's grade is a fact of the decision they would make. */
  viewer: { id: string; role: StaffRole; grade?: StaffGrade };
  now: Date;
  /** The reason given to see restricted answers, when one was given (and audited). */
  restrictedReason?: string;
  staffName: (id: string) => string;
  done?: string;
  errors?: FormErrors;
  /** What was typed in the form that failed, to show again. */
  values?: Record<string, string>;
}

/** Everything the proposal page shows, for the officer (with actions) or a senior probation officer (read only). */
export function proposalPageView(stored: StoredProposal, options: ProposalPageOptions) {
  const { proposal } = stored;
  const checks = sortedChecks(stored.checks);
  const showRestricted = options.restrictedReason !== undefined;
  const isOfficer = options.viewer.role === 'COURT_OFFICER';
  const open = !isFinal(proposal.status);
  const waitingFor = checks.filter(isOpen).map((check) => waitingForName(check, proposal.residents));

  const returned = (proposal.returns?.length ?? 0) > 0;
  const values = options.values ?? {};
  // The risk of serious harm as last recorded: typed in a form sent back with an error, else the
  // current decision's, else the last decision sent back's (the officer decides again on the same assessment).
  const riskOfSeriousHarm = riskRecordOf(values['decision-riskOfSeriousHarm']) ?? (proposal.decision ?? proposal.returns?.at(-1)?.decision)?.riskOfSeriousHarm;
  // What the countersigning policy in force now would say of a suitable decision made now, by this officer.
  const countersigning = countersigningAtCourt(proposal.courtCode, options.now, {
    checks,
    sentBack: returned,
    ...(riskOfSeriousHarm === undefined ? {} : { riskOfSeriousHarm }),
    ...(isOfficer && options.viewer.grade !== undefined ? { authorGrade: options.viewer.grade } : {}),
  });
  // The conditions the concern cards speak of: those stored with the decision when there is one
  // (never recomputed), else the policy's answer now.
  const applied: readonly ConditionId[] = proposal.decision?.countersigning?.conditions ?? countersigning.conditions;
  const suitable = decide(proposal.status, 'SUITABLE', checks, countersigning);
  let suitableExplanation: string | undefined;
  if (!suitable.ok) {
    if (suitable.error === 'CHECKS_INCOMPLETE') {
      const names = checks.filter((check) => suitable.outstanding.includes(check.checkId)).map((check) => waitingForName(check, proposal.residents));
      suitableExplanation = `Suitable cannot be chosen until every check is answered: waiting for ${listInWords(names)}.`;
    } else if (proposal.status === 'CHECKS_IN_PROGRESS') {
      suitableExplanation = 'Every check is answered. The service is assessing the answers: reload this page in a moment to choose suitable.';
    } else if (proposal.status === 'AWAITING_COUNTERSIGN') {
      // Decided suitable already: it waits for a senior probation officer, and may still become unsuitable.
      suitableExplanation = 'Your suitable decision is waiting for a senior probation officer to countersign it. Until then, you can change it to unsuitable if something has changed.';
    } else {
      suitableExplanation = `Suitable cannot be chosen: ${suitable.reason.charAt(0).toLowerCase()}${suitable.reason.slice(1)}.`;
    }
  }
  const needsCountersign = suitable.ok && suitable.nextStatus === 'AWAITING_COUNTERSIGN';

  const checkRows = checks.map((check) => {
    const status = displayStatus(check, options.now);
    const answer = check.answer;
    const agency = answer !== undefined && 'responder' in answer ? answer : undefined;
    const resident = check.type === 'RESIDENT_CONSENT' ? residentOf(proposal.residents, check.residentId) : undefined;
    return {
      checkId: check.checkId,
      type: check.type,
      title: checkTitle(check, proposal.residents),
      status,
      tag: checkStatusTags[status],
      requestedAt: check.requestedAt,
      dueAt: check.dueAt,
      respondedAt: check.respondedAt,
      outcome: answerOutcomeLabel(check),
      /** The resident withdrew this consent (the outcome above stays as they gave it): when, and how it reached us. */
      consentWithdrawn:
        check.consentWithdrawal === undefined
          ? undefined
          : { at: check.consentWithdrawal.at, how: check.consentWithdrawal.via === 'LINK' ? 'through the link in their confirmation' : `recorded by ${options.staffName(check.consentWithdrawal.recordedBy ?? '')}` },
      responder: agency === undefined ? undefined : `${agency.responder.name}, ${agency.responder.role}, ${agency.responder.organisation}`,
      how: check.type === 'RESIDENT_CONSENT' ? howObtained(check.source, options.staffName) : undefined,
      restricted: agency?.restricted ?? false,
      summary: agency?.summary !== undefined && (!agency.restricted || showRestricted) ? agency.summary : undefined,
      summaryWithheld: agency?.summary !== undefined && agency.restricted && !showRestricted,
      needsContact: check.status === 'NEEDS_CONTACT',
      residentContact: resident === undefined ? undefined : [resident.email, resident.mobile].filter((value) => value !== undefined).join(', '),
      concern: concernOf(check, proposal.residents, applied),
      ...(resident === undefined ? {} : { language: languageNames[resident.language], channel: channelName(sentTo(proposal, check), resident) }),
      resend: isOfficer && open && mayResendLink(check) ? resendAction(check, proposal.residents, sentTo(proposal, check)) : undefined,
      // The holder of an expired or replaced link asked for a new one (request-new-link.ts): shown until a new link goes.
      newLinkRequestedAt: open && isOpen(check) ? check.newLinkRequestedAt : undefined,
      askerName: askerName(check, proposal.residents),
      // Answers sent through the link after it was used: not stored, so the officer may need to ask what changed.
      laterAnswerAttempts: stored.audit.filter((record) => record.action === 'LATER_ANSWER_ATTEMPTED' && record.checkId === check.checkId).map((record) => record.at),
    };
  });

  // A resident still waiting for their link may have a wrong or old address: the officer can change it.
  const contactsToChange = isOfficer && open
    ? checks
        .filter((check) => check.type === 'RESIDENT_CONSENT' && mayResendLink(check))
        .map((check) => {
          const resident = residentOf(proposal.residents, check.residentId);
          const residentId = check.residentId ?? '';
          const name = resident?.fullName ?? 'the resident';
          const prefix = `contact-${residentId}-`;
          const typed = options.values !== undefined && `${prefix}email` in options.values;
          return {
            residentId,
            name,
            email: typed ? (options.values?.[`${prefix}email`] ?? '') : (resident?.email ?? ''),
            mobile: typed ? (options.values?.[`${prefix}mobile`] ?? '') : (resident?.mobile ?? ''),
            explanation: `If ${name}'s email address or mobile number is wrong, or has changed, enter the right one. The service sends ${name} a new link straight away, and the link sent before stops working. A field you leave empty is removed.`,
          };
        })
    : [];

  // Open consent checks, and consent that may be taken again before deciding (ADR 0016).
  const residentsToRecord = isOfficer && open
    ? checks
        .filter((check) => (check.type === 'RESIDENT_CONSENT' && isOpen(check)) || mayRecordConsentAgain(proposal.status, check, { returned }))
        .map((check) => {
          const resident = residentOf(proposal.residents, check.residentId);
          return {
            residentId: check.residentId ?? '',
            name: resident?.fullName ?? 'the resident',
            relationship: resident === undefined ? '' : relationshipLabels[resident.relationship],
            contact: resident === undefined ? '' : [resident.email, resident.mobile].filter((value) => value !== undefined).join(', '),
            needsContact: check.status === 'NEEDS_CONTACT',
            again: check.status === 'RESPONDED',
          };
        })
        .sort((a, b) => Number(b.needsContact) - Number(a.needsContact))
    : [];

  return {
    proposalId: proposal.proposalId,
    defendantName: defendantNameOf(proposal),
    status: proposal.status,
    statusTag: proposalStatusTags[proposal.status],
    concerns: proposal.concerns,
    details: [
      { key: 'Court', value: courtDisplayName(proposal.courtCode) },
      { key: 'Hearing date', value: proposal.hearingDate, isDate: true },
      { key: 'Report', value: reportTypeLabels[proposal.reportType] },
      { key: 'Date of birth', value: proposal.defendant.dateOfBirth, isDate: true },
      { key: 'Address', value: addressLineOf(proposal) },
      { key: 'Police force asked', value: agencyNamesOf(proposal).police },
      { key: 'Local authority asked', value: agencyNamesOf(proposal).council },
      {
        key: 'Children, as the defendant says',
        value: proposal.childrenDeclaredByDefendant.any ? `Yes: ${proposal.childrenDeclaredByDefendant.count ?? 'number not given'} (the defendant's account; children's services are asked regardless)` : "None (the defendant's account; children's services are asked regardless)",
      },
    ],
    curfew: curfewRows(proposal.curfew),
    waitingFor: waitingFor.length === 0 ? undefined : `Waiting for: ${waitingFor.join(', ')}`,
    // Once the court has sentenced, a warning to tell it to adjourn is too late to help.
    adjournmentLikely: proposal.status === 'CHECKS_IN_PROGRESS' && proposal.hearingOutcome === undefined && adjournmentLikely(stored.checks, new Date(proposal.createdAt), options.now),
    checks: checkRows,
    // One banner each, at the top, with the one-click resend for the officer (the SPO sees the banner only).
    newLinkRequests: checkRows.filter((row) => row.newLinkRequestedAt !== undefined).map((row) => ({ checkId: row.checkId, heading: `${row.askerName} asked for a new link`, requestedAt: row.newLinkRequestedAt, check: row.title, resend: row.resend })),
    anyRestricted: checkRows.some((row) => row.restricted && row.summaryWithheld),
    /**
     * Checks answered after the court imposed a curfew here (ADR 0024): the officer must read each
     * and, when it shows a risk (police information of domestic abuse), take the case back to
     * court. Shown at the top for as long as the curfew stands: it is the one answer that can
     * still change a curfew being served.
     */
    answeredAfterCurfew: answeredAfterCurfew(proposal.hearingOutcome, checks).map((check) => ({ checkId: check.checkId, title: checkTitle(check, proposal.residents), respondedAt: check.respondedAt })),
    showRestricted,
    restrictedReason: options.restrictedReason,
    unsuitableReason:
      proposal.unsuitableReason === 'CONSENT_NOT_GIVEN'
        ? 'A resident has not given consent for this address.'
        : proposal.unsuitableReason === 'CONSENT_WITHDRAWN'
          ? 'A resident has withdrawn their consent for this address.'
          : undefined,
    consentWithdrawal: consentWithdrawalOf(stored),
    decision: proposal.decision === undefined ? undefined : decisionRows(proposal.decision, options.staffName),
    countersignature: proposal.countersignature === undefined ? undefined : { ...proposal.countersignature, byName: options.staffName(proposal.countersignature.by) },
    /** Decisions a senior probation officer sent back, newest first, with their comments: what the officer was asked to do. */
    returns: [...(proposal.returns ?? [])].reverse().map((round) => ({
      outcome: round.decision.outcome,
      rationale: round.decision.rationale,
      decidedByName: options.staffName(round.decision.by),
      decidedAt: round.decision.at,
      comment: round.countersignature.comment,
      byName: options.staffName(round.countersignature.by),
      at: round.countersignature.at,
    })),
    withdrawal: proposal.withdrawal === undefined ? undefined : { ...proposal.withdrawal, byName: options.staffName(proposal.withdrawal.by) },
    needsAttention: proposal.needsAttention !== undefined,
    /** The hearing's adjournments, oldest first, and the court's sentence once recorded (ADR 0024). */
    hearing: {
      history: adjournmentLines(proposal),
      outcome: outcomeSummary(proposal),
      notes: (proposal.adjournments ?? []).filter((adjournment) => adjournment.note !== undefined).map((adjournment) => ({ text: adjournment.note ?? '', byName: options.staffName(adjournment.by), at: adjournment.at })),
    },
    /** The versions of this case (another address), linked; undefined for a first address never replaced. */
    versions: versionsView(proposal),
    actions: {
      /** A hearing can move until the court sentences, whatever our decision (ADR 0024), on the case's current version (ADR 0026). */
      adjourn: isOfficer && proposal.status !== 'WITHDRAWN' && proposal.hearingOutcome === undefined && proposal.nextProposalId === undefined,
      /** From the hearing day: what the court decided. */
      recordOutcome: isOfficer && whyNotRecordOutcome({ status: proposal.status, hearingDate: proposal.hearingDate, sentenced: proposal.hearingOutcome !== undefined, replaced: proposal.nextProposalId !== undefined, today: londonDate(options.now) }) === undefined,
      decide: isOfficer && open,
      /** Decided suitable and waiting for a countersignature: the form can only change it to unsuitable. */
      changingDecision: proposal.status === 'AWAITING_COUNTERSIGN',
      suitableAllowed: suitable.ok,
      outcomeItems: [
        ...(suitable.ok ? [{ value: 'SUITABLE', text: 'Suitable for a curfew at this address', checked: values['decision-outcome'] === 'SUITABLE' }] : []),
        { value: 'UNSUITABLE', text: 'Unsuitable for a curfew at this address', checked: values['decision-outcome'] === 'UNSUITABLE' },
      ],
      suitableExplanation,
      needsCountersign,
      /** Why a suitable decision would need a countersignature, in words, in the policy's order (empty when it would not). */
      countersignNote: needsCountersign ? countersignNote(countersigning.conditions) : undefined,
      countersignReasons: needsCountersign ? countersigning.conditions.map(countersigningConditionInWords) : [],
      /** The risk of serious harm radios, with the last recorded level chosen. */
      riskItems: riskOfSeriousHarmRecords.map((value) => ({ value, text: riskOfSeriousHarmLabels[value], checked: riskOfSeriousHarm === value })),
      /** Said before the level is chosen, when the policy in force here asks for a countersignature on a high or very high risk. */
      riskHint: switchedOnAtCourt(proposal.courtCode, options.now, 'HIGH_RISK_OF_SERIOUS_HARM')
        ? `From the assessment. If it is high or very high, a senior probation officer must countersign a suitable decision.`
        : 'From the assessment.',
      /** Sent back by a senior probation officer: a new suitable decision is countersigned again. */
      returned,
      /** Consent that may not have been freely given: advice to speak to the resident again, alone, before deciding. */
      consentAdvice: isOfficer && proposal.status === 'AWAITING_DECISION' ? consentAdvice(checks, proposal.residents, applied) : [],
      withdraw: isOfficer && open,
      /** Unsuitable or withdrawn, and not replaced yet: the officer may propose another address. */
      anotherAddress: isOfficer && anotherAddressAllowed(proposal),
      /** Residents whose consent stands, for the officer to record that one withdrew it (any status but withdrawn: after the hearing too). */
      consentWithdrawalItems:
        isOfficer && proposal.status !== 'WITHDRAWN'
          ? checks.filter((check) => givesConsent(check) && check.consentWithdrawal === undefined).map((check) => ({ value: check.checkId, text: residentOf(proposal.residents, check.residentId)?.fullName ?? 'The resident', checked: values['consent-withdrawal-checkId'] === check.checkId }))
          : [],
      residentsToRecord,
      contactsToChange,
      countersign: options.viewer.role === 'SENIOR_PROBATION_OFFICER' && proposal.status === 'AWAITING_COUNTERSIGN',
    },
    done: doneMessage(options.done),
    // Not a success: something the officer must know (GOV.UK's "Important" banner).
    doneIsWarning: options.done === 'already-sent',
    errors: options.errors ?? noErrors,
    values,
    live: open ? liveUpdates(stored, { keep: showRestricted || (options.errors?.summary.length ?? 0) > 0 }) : undefined,
  };
}

/**
 * A resident withdrew their consent: for the officer and SPO, who (their team took or was sent it),
 * when and how; after the hearing, the alert that the curfew address no longer has consent.
 */
function consentWithdrawalOf({ proposal, checks }: StoredProposal) {
  if (proposal.consentWithdrawal === undefined) return undefined;
  const withdrawals = checks
    .filter((check) => check.consentWithdrawal !== undefined)
    .map((check) => ({
      name: residentOf(proposal.residents, check.residentId)?.fullName ?? 'A resident',
      at: check.consentWithdrawal?.at ?? '',
      how: check.consentWithdrawal?.via === 'LINK' ? 'through the link in their confirmation' : 'by telling the probation officer',
      afterHearing: check.consentWithdrawal?.afterHearing === true,
    }));
  return { afterHearing: proposal.consentWithdrawal.afterHearing, withdrawals };
}

/** The curfew as the officer proposed it: its dates (ISO, shown in London dates) and each period in words. */
export function curfewRows(curfew: StoredProposal['proposal']['curfew']) {
  return {
    startDate: curfew.startDate,
    endDate: curfew.endDate,
    periods: curfew.periods.map((period) => formatCurfewPeriod(period, 'en')),
  };
}

/**
 * Which concerns an answer raised, in words (the rule is checkConcerns, the same the countersigning
 * officer's page uses). Undefined while a check has no answer, and for a refusal, which makes the
 * proposal unsuitable instead: "no concern" beside a refusal would read as good news.
 */
export function concernOf(check: CheckItem, residents: StoredProposal['proposal']['residents'], applied: readonly ConditionId[]): { reasons: string[] } | undefined {
  if (check.status !== 'RESPONDED' || check.answer === undefined) return undefined;
  if ('decision' in check.answer && check.answer.decision !== 'CONSENT') return undefined;
  return { reasons: checkConcerns(check).map((concern) => concernSentence(concern, check, residents, applied)) };
}

/** A recorded risk of serious harm from a form's value, or undefined for anything else. */
function riskRecordOf(value: string | undefined): RiskOfSeriousHarmRecord | undefined {
  return (riskOfSeriousHarmRecords as readonly (string | undefined)[]).includes(value) ? (value as RiskOfSeriousHarmRecord) : undefined;
}

/**
 * The decision as the page shows it: who made it, the risk of serious harm recorded with it, and
 * why it needed a countersignature, from the conditions stored with it (ADR 0019), never the policy now.
 */
function decisionRows(decision: NonNullable<StoredProposal['proposal']['decision']>, staffName: (id: string) => string) {
  const conditions = decision.outcome === 'SUITABLE' ? (decision.countersigning?.conditions ?? []) : [];
  return {
    ...decision,
    byName: staffName(decision.by),
    riskOfSeriousHarm: decision.riskOfSeriousHarm === undefined ? undefined : riskOfSeriousHarmLabels[decision.riskOfSeriousHarm],
    countersignNote: conditions.length === 0 ? undefined : mustCountersign,
    countersignReasons: conditions.map(countersigningConditionInWords),
  };
}

const languageNames = { en: 'English', cy: 'Welsh (Cymraeg)' } as const;

/**
 * How a resident's link reaches them: where recipientFor (the rule the request itself follows)
 * sends it, named by kind. No address at all: nothing is sent, and the officer records the answer.
 */
function channelName(sentTo: string | undefined, resident: { email?: string; mobile?: string }): string {
  if (sentTo === undefined) return 'No message: the officer records their answer';
  return sentTo === resident.email ? 'Email' : 'Text message';
}

/**
 * What makes the proposal page out of date, as an opaque fingerprint: each thing the page shows
 * that can change after the checks start (statuses, answers, decisions, contacts, later attempts
 * through a used link). Not the audit trail as a whole: viewing the page adds to it, so a page
 * that reloaded on it would reload for ever. The same stored items give the same fingerprint, so
 * the page and GET /proposals/{proposalId}/changes (the page's script polls it) agree.
 */
export function proposalVersion(stored: StoredProposal): string {
  const { proposal } = stored;
  const shown = {
    proposal: {
      status: proposal.status,
      updatedAt: proposal.updatedAt,
      concerns: proposal.concerns,
      unsuitableReason: proposal.unsuitableReason,
      decision: proposal.decision,
      countersignature: proposal.countersignature,
      returns: proposal.returns?.length,
      withdrawal: proposal.withdrawal,
      hearingDate: proposal.hearingDate,
      hearingOutcome: proposal.hearingOutcome,
      needsAttention: proposal.needsAttention,
      residents: proposal.residents.map(({ residentId, email, mobile }) => ({ residentId, email, mobile })),
    },
    checks: sortedChecks(stored.checks).map((check) => ({
      checkId: check.checkId,
      status: check.status,
      requestedAt: check.requestedAt,
      respondedAt: check.respondedAt,
      overdueAt: check.overdueAt,
      needsContactAt: check.needsContactAt,
      source: check.source,
      earlierAnswers: check.earlierAnswers?.length,
      resendCount: check.resendCount,
      linkSentAt: check.linkSentAt,
      deliveryProblem: check.deliveryProblem,
    })),
    laterAnswerAttempts: stored.audit.filter((record) => record.action === 'LATER_ANSWER_ATTEMPTED').length,
  };
  return createHash('sha256').update(canonicalJson(shown)).digest('base64url').slice(0, 22);
}

/**
 * What the page's script needs to keep it up to date (functions/pages/static/proposal-updates.js):
 * where to ask whether anything changed, the fingerprint the page was drawn from, and whether the
 * page holds something a plain GET would not give back (restricted answers shown for a reason, or
 * a form sent back with what was typed and its errors), in which case the script only offers a
 * refresh and never replaces the page's parts.
 */
function liveUpdates(stored: StoredProposal, options: { keep: boolean }) {
  const { proposalId } = stored.proposal;
  return {
    changesUrl: `/proposals/${proposalId}/changes`,
    refreshUrl: `/proposals/${proposalId}`,
    version: proposalVersion(stored),
    keep: options.keep,
  };
}

/**
 * The "Send the link again" button of a check still waiting for its link: what it does, in plain
 * English, and the resends the page saw (sent back, so a second click sends nothing).
 */
/** Who holds a check's link, as a sentence starts: "The police", "Children's services", or the resident by name. */
function askerName(check: CheckItem, residents: StoredProposal['proposal']['residents']): string {
  return check.type === 'DOMESTIC_ABUSE' ? 'The police' : check.type === 'CHILD_SAFEGUARDING' ? "Children's services" : (residentOf(residents, check.residentId)?.fullName ?? 'The resident');
}

function resendAction(check: CheckItem, residents: StoredProposal['proposal']['residents'], to: string | undefined) {
  const who = check.type === 'DOMESTIC_ABUSE' ? 'the police' : check.type === 'CHILD_SAFEGUARDING' ? "children's services" : (residentOf(residents, check.residentId)?.fullName ?? 'the resident');
  const count = check.resendCount ?? 0;
  return {
    resendCount: count,
    explanation: `If ${who} cannot find the message, or the link has stopped working, send it again. A new link goes to ${to ?? 'the same address'}${check.type === 'RESIDENT_CONSENT' ? '' : ' (from the directory)'}, and the link sent before stops working. Nothing else changes: the answer is still waited for as before.`,
    sentBefore: count === 0 ? undefined : `Sent again ${count === 1 ? 'once' : `${count} times`}`,
    lastSentAt: check.linkSentAt,
  };
}

/**
 * The reason typed to see restricted answers, by the API's own rule (`restrictedReasonSchema`: a
 * few words, at most 500 characters). Absent → no reason; otherwise the reason, or the error for the form.
 */
export function parseRestrictedReason(raw: string | undefined): { reason?: string; error?: string } {
  if (raw === undefined) return {};
  const parsed = restrictedReasonSchema.safeParse({ reason: raw });
  return parsed.success ? { reason: parsed.data.reason } : { error: parsed.error.issues[0]?.message ?? 'Say in a few words why you need to see restricted information' };
}
