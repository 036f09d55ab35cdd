import { weekdays } from '#domain/calendar-date';
import { reportTypes } from '#domain/report-types';
import type { FieldError } from '#schemas/field-error';
import { relationships } from '#schemas/proposal';
import { field, fieldList, type FormFields } from '#pages/form-body';
import { formErrors, noErrors, type FormErrors } from './form-errors.ts';
import { courtDisplayName } from '#pages/filters';

/** Rows the officer may open with "add another": as many as the schema takes (and no more, so the page stays short). */
export const maxRows = { period: 10, resident: 10 } as const;
export type RowKind = keyof typeof maxRows;

/** How many rows of a kind the fields hold: one past the highest row number named (at least `atLeast`). */
export function rowsIn(fields: FormFields, kind: RowKind, atLeast = 0): number {
  const pattern = new RegExp(`^${kind}-(\\d+)-`);
  let rows = atLeast;
  for (const name of Object.keys(fields)) {
    const row = Number(pattern.exec(name)?.[1] ?? -1);
    if (row < maxRows[kind]) rows = Math.max(rows, row + 1);
  }
  return Math.min(rows, maxRows[kind]);
}

export const dayLabels: Record<(typeof weekdays)[number], string> = { MON: 'Monday', TUE: 'Tuesday', WED: 'Wednesday', THU: 'Thursday', FRI: 'Friday', SAT: 'Saturday', SUN: 'Sunday' };

export const reportTypeLabels: Record<(typeof reportTypes)[number], string> = {
  ORAL: 'Oral report',
  SHORT_FORMAT: 'Short-format (fast delivery) report',
  STANDARD: 'Standard delivery report',
};

export const relationshipLabels: Record<(typeof relationships)[number], string> = {
  PARTNER: 'Partner',
  SPOUSE: 'Husband, wife or civil partner',
  PARENT: 'Parent',
  SIBLING: 'Brother or sister',
  ADULT_CHILD: 'Adult son or daughter',
  OTHER_RELATIVE: 'Other relative',
  FRIEND: 'Friend',
  LANDLORD: 'Landlord',
  OTHER: 'Other',
};

/** The date inputs on the form: field id prefix → label. */
const dateFields = ['hearingDate', 'convictionDate', 'defendant-dateOfBirth', 'curfewStart', 'curfewEnd'] as const;

/**
 * A GOV.UK date input's three boxes as the schema's YYYY-MM-DD. All empty is "not given"; anything
 * that is not a number becomes an impossible date, so the schema says "must be a real date".
 */
export function dateFromParts(day: string, month: string, year: string): string | undefined {
  const parts = [day.trim(), month.trim(), year.trim()];
  if (parts.every((part) => part === '')) return undefined;
  if (!parts.every((part) => /^\d+$/.test(part))) return '0000-00-00';
  const [d = '', m = '', y = ''] = parts;
  return `${y.padStart(4, '0')}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
}

/** "7:00", "0700" or "19.30" as HH:MM; anything else is passed on for the schema to refuse. */
export function normaliseTime(value: string): string {
  const trimmed = value.trim();
  const match = /^(\d{1,2})[:.]?(\d{2})$/.exec(trimmed);
  return match === null ? trimmed : `${(match[1] ?? '').padStart(2, '0')}:${match[2] ?? ''}`;
}

function text(fields: FormFields, name: string): string | undefined {
  const value = field(fields, name).trim();
  return value === '' ? undefined : value;
}

function date(fields: FormFields, prefix: string): string | undefined {
  return dateFromParts(field(fields, `${prefix}-day`), field(fields, `${prefix}-month`), field(fields, `${prefix}-year`));
}

/** The proposal as the API takes it, and which form row each period and resident came from. */
export interface MappedProposal {
  input: Record<string, unknown>;
  /** Index in the input → row on the form (blank rows are left out). */
  periodRowOf: number[];
  residentRowOf: number[];
}

/**
 * The start-checks form as the body `POST /api/proposals` takes, so the page and the API validate
 * the same thing the same way. Blank rows are left out; blank optional fields are not sent.
 */
export function proposalFromForm(fields: FormFields): MappedProposal {
  const periodRowOf: number[] = [];
  const periods: Record<string, unknown>[] = [];
  for (let row = 0; row < rowsIn(fields, 'period'); row += 1) {
    const days = fieldList(fields, `period-${row}-days`);
    const from = field(fields, `period-${row}-from`);
    const to = field(fields, `period-${row}-to`);
    if (days.length === 0 && from.trim() === '' && to.trim() === '') continue;
    periodRowOf.push(row);
    periods.push({ days, ...(from.trim() === '' ? {} : { from: normaliseTime(from) }), ...(to.trim() === '' ? {} : { to: normaliseTime(to) }) });
  }
  const residentRowOf: number[] = [];
  const residents: Record<string, unknown>[] = [];
  for (let row = 0; row < rowsIn(fields, 'resident'); row += 1) {
    const name = (suffix: string) => text(fields, `resident-${row}-${suffix}`);
    const fullName = name('fullName');
    const email = name('email');
    const mobile = name('mobile');
    const relationship = name('relationship');
    if (fullName === undefined && email === undefined && mobile === undefined && relationship === undefined) continue;
    residentRowOf.push(row);
    residents.push({
      ...(fullName === undefined ? {} : { fullName }),
      ...(relationship === undefined ? {} : { relationship }),
      ...(email === undefined ? {} : { email }),
      ...(mobile === undefined ? {} : { mobile }),
      language: name('language') ?? 'en',
    });
  }
  const childrenAny = field(fields, 'children-any');
  const childrenCount = field(fields, 'children-count').trim();
  const line2 = text(fields, 'address-line2');
  const pnc = text(fields, 'defendant-pnc');
  const crn = text(fields, 'defendant-crn');
  const optional = (key: string, value: string | undefined) => (value === undefined ? {} : { [key]: value });
  const input: Record<string, unknown> = {
    ...optional('courtCode', text(fields, 'courtCode')),
    ...optional('hearingDate', date(fields, 'hearingDate')),
    ...optional('reportType', text(fields, 'reportType')),
    ...optional('convictionDate', date(fields, 'convictionDate')),
    defendant: {
      ...optional('givenName', text(fields, 'defendant-givenName')),
      ...optional('familyName', text(fields, 'defendant-familyName')),
      ...optional('dateOfBirth', date(fields, 'defendant-dateOfBirth')),
      ...optional('pnc', pnc?.toUpperCase()),
      ...optional('crn', crn?.toUpperCase()),
    },
    curfew: {
      address: {
        ...optional('line1', text(fields, 'address-line1')),
        ...optional('line2', line2),
        ...optional('town', text(fields, 'address-town')),
        ...optional('postcode', text(fields, 'address-postcode')),
      },
      ...optional('startDate', date(fields, 'curfewStart')),
      ...optional('endDate', date(fields, 'curfewEnd')),
      periods,
    },
    residents,
    noOtherAdults: fieldList(fields, 'noOtherAdults').includes('yes'),
    childrenDeclaredByDefendant: {
      ...(childrenAny === 'yes' ? { any: true } : childrenAny === 'no' ? { any: false } : {}),
      ...(childrenAny === 'yes' && childrenCount !== '' ? { count: /^\d+$/.test(childrenCount) ? Number(childrenCount) : Number.NaN } : {}),
    },
    ...optional('policeForce', text(fields, 'policeForce')),
    ...optional('localAuthority', text(fields, 'localAuthority')),
  };
  return { input, periodRowOf, residentRowOf };
}

const dateSlots: Record<string, string> = {
  hearingDate: 'hearingDate',
  convictionDate: 'convictionDate',
  'defendant.dateOfBirth': 'defendant-dateOfBirth',
  'curfew.startDate': 'curfewStart',
  'curfew.endDate': 'curfewEnd',
};

/**
 * Where a schema path's message goes on the form: the field that shows it, and the element the
 * error summary links to (a date's day box; a group's first input).
 */
export function placeOfPath(path: string, mapped: Pick<MappedProposal, 'periodRowOf' | 'residentRowOf'>): { slot: string; anchor: string } {
  const dateSlot = dateSlots[path];
  if (dateSlot !== undefined) return { slot: dateSlot, anchor: `${dateSlot}-day` };
  const parts = path.split('.');
  if (parts[0] === 'curfew' && parts[1] === 'periods') {
    const index = parts[2] === undefined ? undefined : Number(parts[2]);
    if (index === undefined || Number.isNaN(index)) return { slot: 'periods', anchor: 'period-0-days' };
    const row = mapped.periodRowOf[index] ?? index;
    const part = parts[3] ?? 'days';
    return { slot: `period-${row}-${part}`, anchor: `period-${row}-${part}` };
  }
  if (parts[0] === 'curfew' && parts[1] === 'address') {
    const slot = `address-${parts[2] ?? 'line1'}`;
    return { slot, anchor: slot };
  }
  if (parts[0] === 'residents') {
    const index = parts[1] === undefined ? undefined : Number(parts[1]);
    if (index === undefined || Number.isNaN(index)) return { slot: 'residents', anchor: 'resident-0-fullName' };
    const row = mapped.residentRowOf[index] ?? index;
    const slot = `resident-${row}-${parts[2] ?? 'fullName'}`;
    return { slot, anchor: slot };
  }
  if (parts[0] === 'defendant') {
    const slot = `defendant-${parts[1] ?? 'givenName'}`;
    return { slot, anchor: slot };
  }
  if (parts[0] === 'childrenDeclaredByDefendant') {
    return parts[1] === 'count' ? { slot: 'children-count', anchor: 'children-count' } : { slot: 'children-any', anchor: 'children-any' };
  }
  if (parts[0] === 'noOtherAdults') return { slot: 'residents', anchor: 'noOtherAdults' };
  const top = parts[0] ?? '';
  if (['courtCode', 'reportType', 'policeForce', 'localAuthority'].includes(top)) return { slot: top, anchor: top };
  return { slot: 'form', anchor: 'courtCode' };
}

/** The start-checks form's errors, placed on its fields. */
export function startChecksErrors(errors: readonly FieldError[], mapped: Pick<MappedProposal, 'periodRowOf' | 'residentRowOf'>): FormErrors {
  return formErrors(errors, (path) => placeOfPath(path, mapped));
}

export interface Choice {
  value: string;
  text: string;
}

export interface StartChecksOptions {
  courts: readonly string[];
  policeForces: readonly Choice[];
  localAuthorities: readonly Choice[];
}

/**
 * Everything the start-checks template needs: the values typed so far (so nothing is lost on an
 * error), the choices for each select and radio, and the errors placed on their fields.
 */
export function startChecksView(fields: FormFields, options: StartChecksOptions, errors: FormErrors = noErrors, rows: { periods: number; residents: number } = { periods: 1, residents: 1 }) {
  const value = (name: string) => field(fields, name);
  const selected = (choices: readonly Choice[], current: string, prompt: string) => [
    { value: '', text: prompt, selected: current === '' },
    ...choices.map((choice) => ({ ...choice, selected: choice.value === current })),
  ];
  const dateItems = (prefix: string) =>
    (['day', 'month', 'year'] as const).map((part) => ({
      name: part,
      label: part === 'day' ? 'Day' : part === 'month' ? 'Month' : 'Year',
      value: value(`${prefix}-${part}`),
      classes: `${part === 'year' ? 'govuk-input--width-4' : 'govuk-input--width-2'}${errors.fields[prefix] === undefined ? '' : ' govuk-input--error'}`,
    }));
  const periods = Array.from({ length: Math.max(1, rowsIn(fields, 'period', rows.periods)) }, (_unused, row) => {
    const days = fieldList(fields, `period-${row}-days`);
    return {
      row,
      number: row + 1,
      days: weekdays.map((day) => ({ value: day, text: dayLabels[day], checked: days.includes(day) })),
      from: value(`period-${row}-from`),
      to: value(`period-${row}-to`),
    };
  });
  const residents = Array.from({ length: Math.max(1, rowsIn(fields, 'resident', rows.residents)) }, (_unused, row) => {
    const relationship = value(`resident-${row}-relationship`);
    const language = value(`resident-${row}-language`) || 'en';
    return {
      row,
      number: row + 1,
      fullName: value(`resident-${row}-fullName`),
      email: value(`resident-${row}-email`),
      mobile: value(`resident-${row}-mobile`),
      relationships: selected(relationships.map((code) => ({ value: code, text: relationshipLabels[code] })), relationship, 'Choose a relationship'),
      languages: [
        { value: 'en', text: 'English', checked: language === 'en' },
        { value: 'cy', text: 'Welsh (Cymraeg)', checked: language === 'cy' },
      ],
    };
  });
  const courtCode = value('courtCode') || (options.courts.length === 1 ? (options.courts[0] ?? '') : '');
  return {
    errors,
    maxRows,
    courts: selected(options.courts.map((code) => ({ value: code, text: courtDisplayName(code) })), courtCode, 'Choose a court'),
    dates: Object.fromEntries(dateFields.map((prefix) => [prefix, dateItems(prefix)])),
    reportTypes: reportTypes.map((code) => ({ value: code, text: reportTypeLabels[code], checked: value('reportType') === code })),
    values: {
      givenName: value('defendant-givenName'),
      familyName: value('defendant-familyName'),
      pnc: value('defendant-pnc'),
      crn: value('defendant-crn'),
      line1: value('address-line1'),
      line2: value('address-line2'),
      town: value('address-town'),
      postcode: value('address-postcode'),
      childrenCount: value('children-count'),
    },
    periods,
    residents,
    noOtherAdults: fieldList(fields, 'noOtherAdults').includes('yes'),
    childrenAny: value('children-any'),
    policeForces: selected(options.policeForces, value('policeForce'), 'Choose a police force'),
    localAuthorities: selected(options.localAuthorities, value('localAuthority'), 'Choose a local authority'),
  };
}
