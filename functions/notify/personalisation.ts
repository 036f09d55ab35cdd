import { enquiryReference, type AgencyDigestLine } from '#domain/agency-digest';
import { findCourtTeam } from '#domain/court-teams';
import type { OverdueCheckLine } from '#domain/overdue-digest';
import type { CheckType } from '#domain/statuses';

/**
 * What each template is given. Only what the reader needs: a resident gets the link and the date
 * to answer by, never the defendant's name (the defendant may read a resident's messages); an
 * agency also gets the court (its code, its name, and its probation court team's mailbox and phone,
 * from functions/domain/data/court-teams.json) and which enquiry it is; an officer's notice names the proposal
 * and the check, so the officer looks the rest up after signing in.
 */
export type Personalisation = Readonly<Record<string, string>>;

const enquiryNames: Record<CheckType, string> = {
  DOMESTIC_ABUSE: 'domestic abuse enquiry',
  CHILD_SAFEGUARDING: 'child safeguarding enquiry',
  RESIDENT_CONSENT: "resident's consent",
};

export function residentPersonalisation(input: { link: string; dueAt: string; language?: 'en' | 'cy' }): Personalisation {
  return { link: input.link, due_date: formatDueDate(input.dueAt, input.language) };
}

/** A resident's confirmation of consent: the link that withdraws it, and nothing else. */
export function consentConfirmedPersonalisation(input: { link: string }): Personalisation {
  return { link: input.link };
}

/** The court as an agency's messages name it: by its name, with its probation court team's mailbox and phone. */
function agencyCourt(courtCode: string): Personalisation {
  const team = findCourtTeam(courtCode);
  return {
    court_code: courtCode,
    // A court the data does not list still gets a message that names it by its code.
    court_name: team?.courtName.en ?? `court ${courtCode}`,
    court_team_email: team?.teamEmail ?? 'not known',
    court_team_phone: team?.teamPhone ?? 'not known',
  };
}

/** An agency's enquiry: what it is, and the reference the agency's morning digest lists it by. */
function agencyEnquiry(checkType: CheckType, checkId: string | undefined): Personalisation {
  return { enquiry: enquiryNames[checkType], enquiry_reference: checkId === undefined ? 'not known' : enquiryReference(checkId) };
}

export function agencyPersonalisation(input: { link: string; dueAt: string; courtCode: string; checkType: CheckType; checkId?: string | undefined }): Personalisation {
  return { link: input.link, due_date: formatDueDate(input.dueAt), ...agencyCourt(input.courtCode), ...agencyEnquiry(input.checkType, input.checkId) };
}

/**
 * A stopped request: for an agency, which court's enquiry no longer needs an answer (the court by
 * name, as in its request, and whom to ask); nothing at all for a resident.
 */
export function noLongerNeededPersonalisation(input: { forAgency: boolean; courtCode: string; checkType: CheckType; checkId?: string | undefined }): Personalisation {
  return input.forAgency ? { ...agencyCourt(input.courtCode), ...agencyEnquiry(input.checkType, input.checkId) } : {};
}

export function officerPersonalisation(input: { proposalId: string; checkType: CheckType | undefined }): Personalisation {
  return { proposal_id: input.proposalId, check_type: input.checkType === undefined ? 'not recorded' : enquiryNames[input.checkType] };
}

/**
 * The daily digest: the court, the day, how many, and one line per overdue check (Notify renders
 * `* ` lines as a bulleted list). Proposal ids and check types only; the reader signs in at `link`.
 */
export function digestPersonalisation(input: { courtCode: string; date: string; overdue: readonly OverdueCheckLine[]; link: string }): Personalisation {
  const lines = input.overdue.map((line) => `* ${line.proposalId}: ${enquiryNames[line.checkType]}, due ${formatDueDate(line.dueAt)}, hearing ${formatHearingDate(line.hearingDate)}`);
  return { court_code: input.courtCode, date: formatHearingDate(input.date), count: String(input.overdue.length), overdue_checks: lines.join('\n'), link: input.link };
}

/**
 * An agency mailbox's morning digest: how many enquiries wait, how many are overdue, and one line
 * each (Notify renders `* ` lines as a bulleted list): the reference, the enquiry, the court, the
 * due date and whom to contact. No names and no link: the agency answers through each request's link.
 */
export function agencyDigestPersonalisation(input: { date: string; enquiries: readonly AgencyDigestLine[] }): Personalisation {
  const lines = input.enquiries.map((line) => {
    const court = agencyCourt(line.courtCode);
    const due = `${line.overdue ? 'OVERDUE, was due' : 'due'} ${formatDueDate(line.dueAt)}`;
    return `* ${line.reference}: ${enquiryNames[line.checkType]} from ${court['court_name']}, ${due}. Court team: ${court['court_team_email']}, ${court['court_team_phone']}`;
  });
  return {
    date: formatHearingDate(input.date),
    count: String(input.enquiries.length),
    overdue_count: String(input.enquiries.filter((line) => line.overdue).length),
    enquiries: lines.join('\n'),
  };
}

const londonParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
  hourCycle: 'h12',
});

const welshDays: Readonly<Record<string, string>> = { Monday: 'Llun', Tuesday: 'Mawrth', Wednesday: 'Mercher', Thursday: 'Iau', Friday: 'Gwener', Saturday: 'Sadwrn', Sunday: 'Sul' };
const welshMonths = ['Ionawr', 'Chwefror', 'Mawrth', 'Ebrill', 'Mai', 'Mehefin', 'Gorffennaf', 'Awst', 'Medi', 'Hydref', 'Tachwedd', 'Rhagfyr'];
const englishMonths = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/**
 * GOV.UK style, London time: "5pm on Friday 12 June 2026", "9:30am on …"; in Welsh
 * "5yh ar ddydd Gwener 12 Mehefin 2026" ("dydd" softens to "ddydd" after "ar").
 */
export function formatDueDate(dueAt: string, language: 'en' | 'cy' = 'en'): string {
  const parts = londonParts.formatToParts(new Date(dueAt));
  const part = (type: Intl.DateTimeFormatPartTypes): string => parts.find((candidate) => candidate.type === type)?.value ?? '';
  const minute = part('minute');
  const period = part('dayPeriod').toLowerCase().replace(/\s|\./g, '');
  const clock = `${part('hour')}${minute === '00' ? '' : `:${minute}`}`;
  if (language === 'cy') {
    const month = welshMonths[englishMonths.indexOf(part('month'))] ?? part('month');
    return `${clock}${period === 'am' ? 'yb' : 'yh'} ar ddydd ${welshDays[part('weekday')] ?? part('weekday')} ${part('day')} ${month} ${part('year')}`;
  }
  return `${clock}${period} on ${part('weekday')} ${part('day')} ${part('month')} ${part('year')}`;
}

/** "12 June 2026" from a calendar date (YYYY-MM-DD). */
function formatHearingDate(date: string): string {
  const [year, month, day] = date.split('-').map(Number);
  return `${day} ${englishMonths[(month ?? 1) - 1]} ${year}`;
}
