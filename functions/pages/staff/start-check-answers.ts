import { weekdays, type Weekday } from '#domain/calendar-date';
import { findLocalAuthority, findPoliceForce } from '#schemas/directory';
import { field, fieldList, type FormFields } from '#pages/form-body';
import { courtDisplayName, formatDate, formatDateTime } from '#pages/filters';
import { dateFromParts, dayLabels, normaliseTime, relationshipLabels, reportTypeLabels, rowsIn } from './start-checks.ts';
import { startPageHref, stepHeadings, type StartStep } from './start-steps.ts';

export interface AnswerRow {
  key: string;
  /** Shown one under another; never HTML, so nothing typed can become markup. */
  lines: string[];
}

export interface AnswerSection {
  step: StartStep;
  title: string;
  changeHref: string;
  rows: AnswerRow[];
}

const notGiven = 'Not given';

function dateText(fields: FormFields, prefix: string): string {
  const date = dateFromParts(field(fields, `${prefix}-day`), field(fields, `${prefix}-month`), field(fields, `${prefix}-year`));
  return date === undefined ? notGiven : formatDate(date) || `${field(fields, `${prefix}-day`)} ${field(fields, `${prefix}-month`)} ${field(fields, `${prefix}-year`)}`;
}

function textOf(fields: FormFields, name: string, fallback = notGiven): string {
  const value = field(fields, name).trim();
  return value === '' ? fallback : value;
}

/** "Monday to Friday" for a run of three or more days in a row; otherwise each day, in week order. */
export function daysText(days: readonly string[]): string {
  const indexes = weekdays.map((day, index) => (days.includes(day) ? index : -1)).filter((index) => index >= 0);
  const first = indexes[0];
  const last = indexes[indexes.length - 1];
  if (first !== undefined && last !== undefined && indexes.length >= 3 && last - first === indexes.length - 1) {
    return `${dayLabels[weekdays[first] as Weekday]} to ${dayLabels[weekdays[last] as Weekday]}`;
  }
  return indexes.map((index) => dayLabels[weekdays[index] as Weekday]).join(', ');
}

function section(step: StartStep, rows: AnswerRow[]): AnswerSection {
  return { step, title: stepHeadings[step], changeHref: startPageHref(step, true), rows };
}

/** "Check your answers": every answer as the officer typed it, grouped by the page that asks for it. */
export function checkAnswersView(fields: FormFields): AnswerSection[] {
  const reportType = field(fields, 'reportType');
  const periods = Array.from({ length: rowsIn(fields, 'period') }, (_unused, row) => row)
    .filter((row) => fieldList(fields, `period-${row}-days`).length > 0 || field(fields, `period-${row}-from`).trim() !== '')
    .map((row) => `${daysText(fieldList(fields, `period-${row}-days`))}: ${normaliseTime(field(fields, `period-${row}-from`))} to ${normaliseTime(field(fields, `period-${row}-to`))}`);
  const adults: AnswerRow[] = Array.from({ length: rowsIn(fields, 'resident') }, (_unused, row) => `resident-${row}-`)
    .filter((p) => ['fullName', 'email', 'mobile', 'relationship'].some((name) => field(fields, `${p}${name}`).trim() !== ''))
    .map((p) => ({
      key: textOf(fields, `${p}fullName`, 'Name not given'),
      lines: [
        relationshipLabels[field(fields, `${p}relationship`) as keyof typeof relationshipLabels] ?? 'Relationship not given',
        ...[field(fields, `${p}email`).trim(), field(fields, `${p}mobile`).trim()].filter((value) => value !== ''),
        field(fields, `${p}language`) === 'cy' ? 'Messages in Welsh' : 'Messages in English',
      ],
    }));
  const noOtherAdults = fieldList(fields, 'noOtherAdults').includes('yes');
  const children = field(fields, 'children-any');
  const courtCode = field(fields, 'courtCode').trim();
  return [
    section('hearing', [
      { key: 'Court', lines: [courtCode === '' ? notGiven : courtDisplayName(courtCode)] },
      { key: 'Hearing date', lines: [dateText(fields, 'hearingDate')] },
      { key: 'Type of report', lines: [reportTypeLabels[reportType as keyof typeof reportTypeLabels] ?? notGiven] },
      { key: 'Conviction date', lines: [dateText(fields, 'convictionDate')] },
    ]),
    section('defendant', [
      { key: 'Name', lines: [`${field(fields, 'defendant-givenName').trim()} ${field(fields, 'defendant-familyName').trim()}`.trim() || notGiven] },
      { key: 'Date of birth', lines: [dateText(fields, 'defendant-dateOfBirth')] },
      { key: 'PNC number', lines: [textOf(fields, 'defendant-pnc', '').toUpperCase() || notGiven] },
      { key: 'Case reference number (CRN)', lines: [textOf(fields, 'defendant-crn', '').toUpperCase() || notGiven] },
    ]),
    section('curfew', [
      { key: 'Address', lines: ['address-line1', 'address-line2', 'address-town'].map((name) => field(fields, name).trim()).concat(field(fields, 'address-postcode').trim().toUpperCase()).filter((line) => line !== '') },
      { key: 'Curfew dates', lines: [`${dateText(fields, 'curfewStart')} to ${dateText(fields, 'curfewEnd')}`] },
      { key: 'Curfew periods', lines: periods.length === 0 ? [notGiven] : periods },
    ]),
    section('adults', [
      ...adults,
      ...(noOtherAdults ? [{ key: 'Other adults', lines: ['No other adults live at this address'] }] : []),
      ...(adults.length === 0 && !noOtherAdults ? [{ key: 'Adults', lines: [notGiven] }] : []),
    ]),
    section('children', [
      {
        key: 'Does the defendant say children live at or visit the address?',
        lines: [children === 'yes' ? `Yes, ${textOf(fields, 'children-count', 'number not given')}` : children === 'no' ? 'No' : notGiven, "Children's services are asked whatever the defendant says"],
      },
    ]),
    section('agencies', [
      { key: 'Police force', lines: [findPoliceForce(field(fields, 'policeForce'))?.name ?? notGiven] },
      { key: 'Local authority', lines: [findLocalAuthority(field(fields, 'localAuthority'))?.name ?? notGiven] },
    ]),
  ];
}

/** What "Delete this draft?" says of the draft: whose checks, if the officer got that far, and when it was last saved. */
export function discardView(fields: FormFields, savedAt: string): { defendant?: string; savedAt: string } {
  const defendant = `${field(fields, 'defendant-givenName').trim()} ${field(fields, 'defendant-familyName').trim()}`.trim();
  return { ...(defendant === '' ? {} : { defendant }), savedAt: formatDateTime(savedAt) };
}
