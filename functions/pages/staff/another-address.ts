import { ordinal, type CarriedOver } from '#domain/case-versions';
import type { ProposalStatus } from '#domain/statuses';
import type { FormFields } from '#pages/form-body';
import type { AnswerSection } from './start-check-answers.ts';
import type { StartStep } from './start-steps.ts';

/**
 * Another address (ADR 0026) on the start-checks pages: the carried-over answers as the form's
 * fields, and what the pages say about them. The form, its checks and "Check your answers" are the
 * start journey's own; only these words differ.
 */

function dateParts(prefix: string, date: string): [string, string][] {
  const [year = '', month = '', day = ''] = date.split('-');
  return [[`${prefix}-day`, String(Number(day))], [`${prefix}-month`, String(Number(month))], [`${prefix}-year`, year]];
}

/** The carried-over answers as the start-checks form's fields (the inverse of `proposalFromForm` for them). */
export function carriedOverFormFields(kept: CarriedOver): { fields: FormFields; rows: { residents: number; periods: number } } {
  const optional = (name: string, value: string | undefined): [string, string][] => (value === undefined ? [] : [[name, value]]);
  const fields: [string, string | string[]][] = [
    ['courtCode', kept.courtCode],
    ...dateParts('hearingDate', kept.hearingDate),
    ['reportType', kept.reportType],
    ...dateParts('convictionDate', kept.convictionDate),
    ['defendant-givenName', kept.defendant.givenName],
    ['defendant-familyName', kept.defendant.familyName],
    ...dateParts('defendant-dateOfBirth', kept.defendant.dateOfBirth),
    ...optional('defendant-pnc', kept.defendant.pnc),
    ...optional('defendant-crn', kept.defendant.crn),
    ...dateParts('curfewStart', kept.curfew.startDate),
    ...dateParts('curfewEnd', kept.curfew.endDate),
    ...kept.curfew.periods.flatMap((period, row): [string, string | string[]][] => [[`period-${row}-days`, [...period.days]], [`period-${row}-from`, period.from], [`period-${row}-to`, period.to]]),
  ];
  return { fields: Object.fromEntries(fields), rows: { residents: 1, periods: Math.max(1, kept.curfew.periods.length) } };
}

/** The pages whose answers are carried over, and what each section of "Check your answers" says of it. */
const carriedNotes: Partial<Record<StartStep, string>> = {
  hearing: 'Carried over from the earlier address',
  defendant: 'Carried over from the earlier address',
  curfew: "The curfew's dates and hours are carried over; the address is new",
};

const outcomes: Partial<Record<ProposalStatus, string>> = { UNSUITABLE: 'was unsuitable', WITHDRAWN: 'was withdrawn' };

/** What the start-checks pages say when the draft is another address: which version, and what is carried over. */
export function anotherAddressNotice(replaces: { proposalId: string; version: number; status: ProposalStatus }) {
  const next = replaces.version + 1;
  return {
    caption: `Checks for another address (the ${ordinal(next).toLowerCase()})`,
    text: `The ${ordinal(replaces.version).toLowerCase()} address ${outcomes[replaces.status] ?? 'was replaced'}. The hearing, the report, the defendant and the curfew's dates and hours are carried over from it: check them, and change anything that is different. Everything about the new address is asked again.`,
    previousHref: `/proposals/${replaces.proposalId}`,
  };
}

/** "Check your answers" with each carried-over section saying so. */
export function withCarriedOverNotes(sections: readonly AnswerSection[]): (AnswerSection & { carriedOver?: string })[] {
  return sections.map((section) => {
    const note = carriedNotes[section.step];
    return note === undefined ? section : { ...section, carriedOver: note };
  });
}

/**
 * The page before the form: whose case, what carries over, and the officer's unsent draft that
 * starting would replace, if any (one officer has one draft: they are told before it goes).
 */
export function anotherAddressStartView(proposal: { proposalId: string; status: ProposalStatus; version?: number; defendant: { givenName: string; familyName: string } }, unsentDraft: { defendant?: string; savedAt: string } | undefined) {
  return {
    proposalId: proposal.proposalId,
    defendantName: `${proposal.defendant.givenName} ${proposal.defendant.familyName}`,
    notice: anotherAddressNotice({ proposalId: proposal.proposalId, version: proposal.version ?? 1, status: proposal.status }),
    unsentDraft,
  };
}
