import * as z from 'zod';
import { isCalendarDate } from '#domain/calendar-date';

const sentence = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

/** A real calendar date written YYYY-MM-DD; "2026-02-30" is refused, not rolled into March. */
export function calendarDate(label: string) {
  return z
    .string({ error: `Enter ${label}` })
    .regex(/^\d{4}-\d{2}-\d{2}$/, { error: sentence(`${label} must be a date like 2026-12-14`), abort: true })
    .refine(isCalendarDate, { error: sentence(`${label} must be a real date`) });
}

/** A 24-hour clock time HH:MM from 00:00 to 23:59. */
export function clockTime(label: string) {
  return z
    .string({ error: `Enter ${label}` })
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: sentence(`${label} must be a time from 00:00 to 23:59`) });
}

const postcodePattern = /^([A-Z]{1,2}\d[A-Z\d]?)(\d[A-Z]{2})$/;

/** A UK postcode, accepted with or without the space and in any case, stored as "SN1 1AA". */
export const postcodeSchema = z
  .string({ error: 'Enter a postcode' })
  .transform((value) => value.toUpperCase().replace(/\s+/g, ''))
  .refine((value) => postcodePattern.test(value), { error: 'Enter a real UK postcode, like SN1 1AA' })
  .transform((value) => `${value.slice(0, -3)} ${value.slice(-3)}`);

/** A UK mobile number (07… or +447…), spaces allowed, stored without spaces. */
export const ukMobileSchema = z
  .string({ error: 'Enter a UK mobile number' })
  .transform((value) => value.replace(/\s+/g, ''))
  .refine((value) => /^(?:07\d{9}|\+447\d{9})$/.test(value), { error: 'Enter a UK mobile number, like 07700 900123' });

/** A Police National Computer number, form YYYY/NNNNNNNL. */
export const pncSchema = z
  .string({ error: 'Enter the PNC number' })
  .trim()
  .regex(/^\d{4}\/\d{7}[A-Z]$/, { error: 'PNC number must look like 2001/0012345X' });

/** A probation case reference number, one letter and six digits. */
export const crnSchema = z
  .string({ error: 'Enter the CRN' })
  .trim()
  .regex(/^[A-Z]\d{6}$/, { error: 'CRN must be a letter followed by 6 digits, like X123456' });
