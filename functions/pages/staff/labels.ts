import { agencyOption, agencyQuestions, type AgencyQuestions } from '#domain/agency-questions';
import type { CheckState } from '#domain/check-rules';
import { isOverdue } from '#domain/deadlines';
import { openCheckStatuses, type ProposalStatus } from '#domain/statuses';
import { findLocalAuthority, findPoliceForce } from '#schemas/directory';
import type { AnswerSource, CheckItem, ProposalItem, ResidentRecord } from '#store/items';
import { relationshipLabels, reportTypeLabels } from './start-checks.ts';

export { relationshipLabels, reportTypeLabels };

/** A GOV.UK tag: text and colour class. */
export interface Tag {
  text: string;
  classes: string;
}

export const proposalStatusTags: Record<ProposalStatus, Tag> = {
  CHECKS_IN_PROGRESS: { text: 'Checks in progress', classes: 'govuk-tag--blue' },
  AWAITING_DECISION: { text: 'Awaiting decision', classes: 'govuk-tag--yellow' },
  AWAITING_COUNTERSIGN: { text: 'Awaiting countersignature', classes: 'govuk-tag--purple' },
  SUITABLE: { text: 'Suitable', classes: 'govuk-tag--green' },
  UNSUITABLE: { text: 'Unsuitable', classes: 'govuk-tag--red' },
  WITHDRAWN: { text: 'Withdrawn', classes: 'govuk-tag--grey' },
};

/** Where a check stands, as a tag. Overdue is red; so is a check past its due time not yet marked. */
export type CheckDisplayStatus = 'REQUESTED' | 'OVERDUE' | 'NEEDS_CONTACT' | 'RESPONDED' | 'CANCELLED';

export const checkStatusTags: Record<CheckDisplayStatus, Tag> = {
  REQUESTED: { text: 'Requested', classes: 'govuk-tag--blue' },
  OVERDUE: { text: 'Overdue', classes: 'govuk-tag--red' },
  NEEDS_CONTACT: { text: 'Asked to speak to someone', classes: 'govuk-tag--orange' },
  RESPONDED: { text: 'Answered', classes: 'govuk-tag--green' },
  CANCELLED: { text: 'Cancelled', classes: 'govuk-tag--grey' },
};

export function displayStatus(check: Pick<CheckItem, 'status' | 'dueAt'>, now: Date): CheckDisplayStatus {
  if (check.status === 'REQUESTED' && isOverdue(new Date(check.dueAt), now)) return 'OVERDUE';
  return check.status;
}

export function isOpen(check: Pick<CheckState, 'status'>): boolean {
  return openCheckStatuses.includes(check.status);
}

/** Whether an open check is past its due time (marked by the workflow or not yet). */
export function isCheckOverdue(check: Pick<CheckState, 'status' | 'dueAt'>, now: Date): boolean {
  return isOpen(check) && (check.status === 'OVERDUE' || isOverdue(new Date(check.dueAt), now));
}

export const courtSummaryTags = {
  COMPLETE: { text: 'Complete', classes: 'govuk-tag--green' },
  OUTSTANDING: { text: 'Outstanding', classes: 'govuk-tag--yellow' },
  OVERDUE: { text: 'Overdue', classes: 'govuk-tag--red' },
} as const satisfies Record<string, Tag>;

export const suitabilityTags = {
  SUITABLE: { text: 'Suitable', classes: 'govuk-tag--green' },
  UNSUITABLE: { text: 'Unsuitable', classes: 'govuk-tag--red' },
  NOT_DECIDED: { text: 'Not decided', classes: 'govuk-tag--grey' },
  WITHDRAWN: { text: 'Withdrawn', classes: 'govuk-tag--grey' },
} as const satisfies Record<string, Tag>;

/** A resident's answer, in words; never what anyone wrote. (An agency's is its questions' own: answerOutcomeLabel.) */
const outcomeLabels: Record<string, string> = {
  CONSENT: 'Consent given',
  REFUSE: 'Consent not given for this address',
};

export function outcomeLabel(outcome: string | undefined): string {
  return outcome === undefined ? '' : (outcomeLabels[outcome] ?? outcome);
}

/**
 * An answer's outcome in words. An agency's answer is worded as the version of the questions it
 * was given under says (agency-questions.json, ADR 0021), so an answer keeps its own wording when
 * the questions change; a resident's as above.
 */
export function answerOutcomeLabel(check: Pick<CheckItem, 'type' | 'answer'>, questions: AgencyQuestions = agencyQuestions): string {
  const answer = check.answer;
  if (answer === undefined) return '';
  if (!('outcome' in answer) || check.type === 'RESIDENT_CONSENT') return outcomeLabel(outcomeOf(check));
  return agencyOption(check.type, answer.outcome, answer.questionsVersion, questions)?.staffLabel ?? answer.outcome;
}

/** The outcome category of a stored answer. */
export function outcomeOf(check: Pick<CheckItem, 'answer'>): string | undefined {
  const answer = check.answer;
  if (answer === undefined) return undefined;
  return 'outcome' in answer ? answer.outcome : answer.decision;
}

export function residentOf(residents: readonly ResidentRecord[], residentId: string | undefined): ResidentRecord | undefined {
  return residents.find((resident) => resident.residentId === residentId);
}

/** What a check is, in the officer's words: "Police domestic abuse enquiry", "Consent from Alex Resident (partner)". */
export function checkTitle(check: Pick<CheckItem, 'type' | 'residentId'>, residents: readonly ResidentRecord[]): string {
  if (check.type === 'DOMESTIC_ABUSE') return 'Police domestic abuse enquiry';
  if (check.type === 'CHILD_SAFEGUARDING') return "Children's services child safeguarding enquiry";
  const resident = residentOf(residents, check.residentId);
  return resident === undefined ? 'Consent from an adult resident' : `Consent from ${resident.fullName} (${relationshipLabels[resident.relationship].toLowerCase()})`;
}

/** Who a check waits for, short: "police", "children's services", "resident Alex Resident". */
export function waitingForName(check: Pick<CheckItem, 'type' | 'residentId'>, residents: readonly ResidentRecord[]): string {
  if (check.type === 'DOMESTIC_ABUSE') return 'police';
  if (check.type === 'CHILD_SAFEGUARDING') return "children's services";
  const resident = residentOf(residents, check.residentId);
  return resident === undefined ? 'a resident' : `resident ${resident.fullName}`;
}

/** A list in words: "a", "a and b", "a, b and c". */
export function listInWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1) ?? ''}`;
}

/** How an answer reached us. `staffName` turns a staff id into a name. */
export function howObtained(source: AnswerSource | undefined, staffName: (id: string) => string): string {
  if (source === undefined) return '';
  if (source.via === 'LINK') return 'Answered through their own secure link';
  const method = source.method === 'PHONE' ? 'by phone' : 'in person';
  return `Recorded by ${staffName(source.recordedBy)} ${method}; ${source.spokenToAlone ? 'spoken to alone' : 'not spoken to alone'}`;
}

/** The person's name as every staff page shows it. */
export function defendantNameOf(proposal: Pick<ProposalItem, 'defendant'>): string {
  return `${proposal.defendant.givenName} ${proposal.defendant.familyName}`;
}

/** The curfew address on one line. */
export function addressLineOf(proposal: Pick<ProposalItem, 'curfew'>): string {
  const { line1, line2, town, postcode } = proposal.curfew.address;
  return [line1, line2, town, postcode].filter((part) => part !== undefined).join(', ');
}

/** The names of the police force and local authority asked, from the directory (the code if unknown). */
export function agencyNamesOf(proposal: Pick<ProposalItem, 'policeForce' | 'localAuthority'>): { police: string; council: string } {
  return { police: findPoliceForce(proposal.policeForce)?.name ?? proposal.policeForce, council: findLocalAuthority(proposal.localAuthority)?.name ?? proposal.localAuthority };
}

/** What every page or row about a proposal starts with: its id, the person, the court and the hearing. */
export function proposalHeadingOf(proposal: Pick<ProposalItem, 'proposalId' | 'defendant' | 'courtCode' | 'hearingDate'>) {
  return { proposalId: proposal.proposalId, defendantName: defendantNameOf(proposal), courtCode: proposal.courtCode, hearingDate: proposal.hearingDate };
}
