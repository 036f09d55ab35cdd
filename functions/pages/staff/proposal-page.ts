import { decide } from '#domain/check-rules';
import { isFinal } from '#domain/statuses';
import { findLocalAuthority, findPoliceForce } from '#schemas/directory';
import type { StaffRole } from '#shared/local-staff';
import type { StoredProposal } from '#shared/proposal-store';
import type { CheckItem } from '#shared/items';
import { noErrors, type FormErrors } from './form-errors.ts';
import {
  checkStatusTags,
  checkTitle,
  displayStatus,
  howObtained,
  isOpen,
  listInWords,
  outcomeLabel,
  outcomeOf,
  proposalStatusTags,
  relationshipLabels,
  reportTypeLabels,
  residentOf,
  waitingForName,
} from './labels.ts';

const checkOrder = { DOMESTIC_ABUSE: 0, CHILD_SAFEGUARDING: 1, RESIDENT_CONSENT: 2 } as const;

export function sortedChecks(checks: readonly CheckItem[]): CheckItem[] {
  return [...checks].sort((a, b) => checkOrder[a.type] - checkOrder[b.type] || a.checkId.localeCompare(b.checkId));
}

/** Success messages after an action, by the `done` query value. */
export const doneMessages: Record<string, string> = {
  started: 'The checks have started. The police, children\'s services and each adult resident are being asked.',
  decision: 'Your decision has been recorded.',
  withdrawn: 'The proposal has been withdrawn. Its links no longer work.',
  consent: "The resident's answer has been recorded.",
  countersigned: 'Your countersignature has been recorded.',
};

export interface ProposalPageOptions {
  viewer: { id: string; role: StaffRole };
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

  const suitable = decide(proposal.status, 'SUITABLE', checks);
  let suitableExplanation: string | undefined;
  if (!suitable.ok) {
    if (suitable.error === 'CHECKS_INCOMPLETE') {
      const names = checks.filter((check) => suitable.outstanding.includes(check.checkId)).map((check) => waitingForName(check, proposal.residents));
      suitableExplanation = `Suitable cannot be chosen until every check is answered: waiting for ${listInWords(names)}.`;
    } else if (proposal.status === 'CHECKS_IN_PROGRESS') {
      suitableExplanation = 'Every check is answered. The service is assessing the answers: reload this page in a moment to choose suitable.';
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
      outcome: outcomeLabel(outcomeOf(check)),
      responder: agency === undefined ? undefined : `${agency.responder.name}, ${agency.responder.role}, ${agency.responder.organisation}`,
      how: check.type === 'RESIDENT_CONSENT' ? howObtained(check.source, options.staffName) : undefined,
      restricted: agency?.restricted ?? false,
      summary: agency?.summary !== undefined && (!agency.restricted || showRestricted) ? agency.summary : undefined,
      summaryWithheld: agency?.summary !== undefined && agency.restricted && !showRestricted,
      needsContact: check.status === 'NEEDS_CONTACT',
      residentContact: resident === undefined ? undefined : [resident.email, resident.mobile].filter((value) => value !== undefined).join(', '),
    };
  });

  const residentsToRecord = isOfficer && open
    ? checks
        .filter((check) => check.type === 'RESIDENT_CONSENT' && isOpen(check))
        .map((check) => {
          const resident = residentOf(proposal.residents, check.residentId);
          return {
            residentId: check.residentId ?? '',
            name: resident?.fullName ?? 'the resident',
            relationship: resident === undefined ? '' : relationshipLabels[resident.relationship],
            contact: resident === undefined ? '' : [resident.email, resident.mobile].filter((value) => value !== undefined).join(', '),
            needsContact: check.status === 'NEEDS_CONTACT',
          };
        })
        .sort((a, b) => Number(b.needsContact) - Number(a.needsContact))
    : [];

  const values = options.values ?? {};
  return {
    proposalId: proposal.proposalId,
    defendantName: `${proposal.defendant.givenName} ${proposal.defendant.familyName}`,
    status: proposal.status,
    statusTag: proposalStatusTags[proposal.status],
    concerns: proposal.concerns,
    details: [
      { key: 'Court', value: proposal.courtCode },
      { key: 'Hearing date', value: proposal.hearingDate, isDate: true },
      { key: 'Report', value: reportTypeLabels[proposal.reportType] },
      { key: 'Date of birth', value: proposal.defendant.dateOfBirth, isDate: true },
      { key: 'Address', value: [proposal.curfew.address.line1, proposal.curfew.address.line2, proposal.curfew.address.town, proposal.curfew.address.postcode].filter((part) => part !== undefined).join(', ') },
      { key: 'Police force asked', value: findPoliceForce(proposal.policeForce)?.name ?? proposal.policeForce },
      { key: 'Local authority asked', value: findLocalAuthority(proposal.localAuthority)?.name ?? proposal.localAuthority },
      {
        key: 'Children, as the defendant says',
        value: proposal.childrenDeclaredByDefendant.any ? `Yes: ${proposal.childrenDeclaredByDefendant.count ?? 'number not given'} (the defendant's account; children's services are asked regardless)` : "None (the defendant's account; children's services are asked regardless)",
      },
    ],
    waitingFor: waitingFor.length === 0 ? undefined : `Waiting for: ${waitingFor.join(', ')}`,
    checks: checkRows,
    anyRestricted: checkRows.some((row) => row.restricted && row.summaryWithheld),
    showRestricted,
    restrictedReason: options.restrictedReason,
    unsuitableReason: proposal.unsuitableReason === 'CONSENT_NOT_GIVEN' ? 'A resident has not given consent for this address.' : undefined,
    decision: proposal.decision === undefined ? undefined : { ...proposal.decision, byName: options.staffName(proposal.decision.by) },
    countersignature: proposal.countersignature === undefined ? undefined : { ...proposal.countersignature, byName: options.staffName(proposal.countersignature.by) },
    withdrawal: proposal.withdrawal === undefined ? undefined : { ...proposal.withdrawal, byName: options.staffName(proposal.withdrawal.by) },
    needsAttention: proposal.needsAttention !== undefined,
    actions: {
      decide: isOfficer && open,
      suitableAllowed: suitable.ok,
      outcomeItems: [
        ...(suitable.ok ? [{ value: 'SUITABLE', text: 'Suitable for a curfew at this address', checked: values['decision-outcome'] === 'SUITABLE' }] : []),
        { value: 'UNSUITABLE', text: 'Unsuitable for a curfew at this address', checked: values['decision-outcome'] === 'UNSUITABLE' },
      ],
      suitableExplanation,
      needsCountersign,
      withdraw: isOfficer && open,
      residentsToRecord,
      countersign: options.viewer.role === 'SENIOR_PROBATION_OFFICER' && proposal.status === 'AWAITING_COUNTERSIGN',
    },
    done: options.done === undefined ? undefined : doneMessages[options.done],
    errors: options.errors ?? noErrors,
    values,
  };
}

/**
 * The reason given to see restricted answers (`?reason=`), by get-proposal's rule: a few words,
 * at most 500 characters. Absent or blank → no reason; too short or long → an error for the form.
 */
export function parseRestrictedReason(raw: string | undefined): { reason?: string; error?: string } {
  if (raw === undefined) return {};
  const reason = raw.trim();
  if (reason.length < 5) return { error: 'Say in a few words why you need to see restricted information' };
  if (reason.length > 500) return { error: 'Reason must be 500 characters or fewer' };
  return { reason };
}
