import type { CheckType } from '#domain/statuses';

/**
 * What each template is given. Only what the reader needs: a resident gets the link and the date
 * to answer by, never the defendant's name (the defendant may read a resident's messages); an
 * agency also gets the court code and which enquiry it is; an officer's notice names the proposal
 * and the check, so the officer looks the rest up after signing in.
 */
export type Personalisation = Readonly<Record<string, string>>;

const enquiryNames: Record<CheckType, string> = {
  DOMESTIC_ABUSE: 'domestic abuse enquiry',
  CHILD_SAFEGUARDING: 'child safeguarding enquiry',
  RESIDENT_CONSENT: "resident's consent",
};

export function residentPersonalisation(input: { link: string; dueAt: string }): Personalisation {
  return { link: input.link, due_date: formatDueDate(input.dueAt) };
}

export function agencyPersonalisation(input: { link: string; dueAt: string; courtCode: string; checkType: CheckType }): Personalisation {
  return { link: input.link, due_date: formatDueDate(input.dueAt), court_code: input.courtCode, enquiry: enquiryNames[input.checkType] };
}

export function officerPersonalisation(input: { proposalId: string; checkType: CheckType | undefined }): Personalisation {
  return { proposal_id: input.proposalId, check_type: input.checkType === undefined ? 'not recorded' : enquiryNames[input.checkType] };
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

/** GOV.UK style, London time: "5pm on Friday 12 June 2026", "9:30am on …". */
export function formatDueDate(dueAt: string): string {
  const parts = londonParts.formatToParts(new Date(dueAt));
  const part = (type: Intl.DateTimeFormatPartTypes): string => parts.find((candidate) => candidate.type === type)?.value ?? '';
  const minute = part('minute');
  const time = `${part('hour')}${minute === '00' ? '' : `:${minute}`}${part('dayPeriod').toLowerCase().replace(/\s|\./g, '')}`;
  return `${time} on ${part('weekday')} ${part('day')} ${part('month')} ${part('year')}`;
}
