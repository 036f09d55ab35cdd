import * as z from 'zod';
import { weekdays } from '#domain/calendar-date';
import { validateCurfewSchedule } from '#domain/curfew-schedule';
import { reportTypes } from '#domain/report-types';
import { findLocalAuthority, findPoliceForce } from './directory';
import type { FieldError } from './field-error';
import { toFieldErrors } from './field-error';
import { calendarDate, clockTime, crnSchema, pncSchema, postcodeSchema, ukMobileSchema } from './formats';
import { optionalText, requiredText } from './text';

export type { FieldError } from './field-error';
export { toFieldErrors } from './field-error';

/** How a resident is related to the defendant, so the officer can judge whose consent matters. */
export const relationships = ['PARTNER', 'SPOUSE', 'PARENT', 'SIBLING', 'ADULT_CHILD', 'OTHER_RELATIVE', 'FRIEND', 'LANDLORD', 'OTHER'] as const;

const defendantSchema = z
  .object({
    givenName: requiredText('the given name', 100),
    familyName: requiredText('the family name', 100),
    dateOfBirth: calendarDate('date of birth'),
    pnc: pncSchema.optional(),
    crn: crnSchema.optional(),
  })
  .strict();

const periodSchema = z
  .object({
    days: z
      .array(z.enum(weekdays, { error: 'Choose days from Monday to Sunday' }))
      .min(1, { error: 'Choose at least one day for this curfew period' })
      .max(7, { error: 'A curfew period can have at most 7 days' })
      .refine((days) => new Set(days).size === days.length, { error: 'Choose each day only once' }),
    from: clockTime('the start time'),
    to: clockTime('the end time'),
  })
  .strict();

const addressSchema = z
  .object({
    line1: requiredText('the first line of the address', 100),
    line2: optionalText('the second line of the address', 100),
    town: requiredText('the town', 100),
    postcode: postcodeSchema,
  })
  .strict();

const curfewSchema = z
  .object({
    address: addressSchema,
    startDate: calendarDate('the curfew start date'),
    endDate: calendarDate('the curfew end date'),
    periods: z
      .array(periodSchema)
      .min(1, { error: 'Add at least one curfew period' })
      .max(10, { error: 'A curfew can have at most 10 periods' }),
  })
  .strict();

/** A resident's email address, as the officer enters it. */
export const residentEmailSchema = z.string({ error: 'Enter an email address' }).trim().max(254).pipe(z.email({ error: 'Enter a real email address, like name@example.org' }));

/** A resident must be reachable: an email address, a UK mobile number, or both. */
function requireContact(resident: { email?: string | undefined; mobile?: string | undefined }, ctx: z.RefinementCtx): void {
  if (resident.email === undefined && resident.mobile === undefined) {
    ctx.addIssue({ code: 'custom', path: ['email'], message: 'Enter an email address or a UK mobile number for this resident' });
  }
}

const residentSchema = z
  .object({
    fullName: requiredText('the full name', 100),
    relationship: z.enum(relationships, { error: 'Choose how the resident is related to the defendant' }),
    email: residentEmailSchema.optional(),
    mobile: ukMobileSchema.optional(),
    language: z.enum(['en', 'cy'], { error: 'Choose English or Welsh' }).default('en'),
  })
  .strict()
  .superRefine(requireContact);

/** New contact details for a resident (they replace the old ones), validated as when the checks started. */
export const residentContactSchema = z
  .object({
    email: residentEmailSchema.optional(),
    mobile: ukMobileSchema.optional(),
  })
  .strict()
  .superRefine(requireContact);

/** See residentContactSchema. */
export type ResidentContact = z.infer<typeof residentContactSchema>;

const childrenSchema = z
  .object({
    any: z.boolean({ error: 'Say whether the defendant says children live at or visit the address' }),
    count: z.number({ error: 'Enter how many children' }).int({ error: 'Enter a whole number of children' })
      .min(0, { error: 'Number of children cannot be negative' }).max(20, { error: 'Number of children must be 20 or fewer' }).optional(),
  })
  .strict()
  .superRefine((children, ctx) => {
    if (children.any && children.count === undefined) {
      ctx.addIssue({ code: 'custom', path: ['count'], message: 'Enter how many children the defendant says there are' });
    }
  });

/** What depends on the address: who lives there, and which police force and local authority to ask (the start form and another address alike). */
const householdAndAgencyFields = {
  residents: z.array(residentSchema).max(10, { error: 'List at most 10 residents' }),
  noOtherAdults: z.boolean({ error: 'Say whether any other adults live at the address' }),
  childrenDeclaredByDefendant: childrenSchema,
  policeForce: z.string({ error: 'Choose a police force' }).refine((code) => findPoliceForce(code) !== undefined, { error: 'Police force is not in the directory' }),
  localAuthority: z.string({ error: 'Choose a local authority' }).refine((code) => findLocalAuthority(code) !== undefined, { error: 'Local authority is not in the directory' }),
};

/** Whoever lives at the address must all be asked: a list of adults, or "no other adults", never both or neither. */
function requireAdultsAnswer(proposal: { noOtherAdults: boolean; residents: readonly unknown[] }, ctx: z.RefinementCtx): void {
  if (proposal.noOtherAdults && proposal.residents.length > 0) {
    ctx.addIssue({ code: 'custom', path: ['noOtherAdults'], message: 'You said no other adults live at the address, but residents are listed' });
  }
  if (!proposal.noOtherAdults && proposal.residents.length === 0) {
    ctx.addIssue({ code: 'custom', path: ['residents'], message: 'List every adult who lives at the address, or confirm that no other adults live there' });
  }
}

/**
 * Another address for a proposal that was unsuitable or withdrawn (POST
 * /api/proposals/{proposalId}/alternative-address): what depends on the address, in the same shapes
 * as POST /api/proposals takes them. Everything else is carried over from the proposal it replaces.
 */
export const alternativeAddressInputSchema = z
  .object({
    address: addressSchema,
    ...householdAndAgencyFields,
  })
  .strict()
  .superRefine(requireAdultsAnswer);

/** See alternativeAddressInputSchema. */
export type AlternativeAddressInput = z.infer<typeof alternativeAddressInputSchema>;

/** A court officer's request to start the checks for a proposed curfew address. */
export const proposalInputSchema = z
  .object({
    courtCode: z.string({ error: 'Enter the court code' }).regex(/^[A-Z]\d{2}[A-Z]{2}\d{2}$/, { error: 'Court code must look like B01LY00' }),
    hearingDate: calendarDate('the hearing date'),
    reportType: z.enum(reportTypes, { error: 'Choose oral, short-format or standard report' }),
    convictionDate: calendarDate('the conviction date'),
    defendant: defendantSchema,
    curfew: curfewSchema,
    ...householdAndAgencyFields,
  })
  .strict()
  .superRefine(requireAdultsAnswer);

/** A valid proposal, with postcodes and mobile numbers normalised. */
export type ProposalInput = z.infer<typeof proposalInputSchema>;

function dateRules(proposal: ProposalInput, today: string): FieldError[] {
  const errors: FieldError[] = [];
  if (proposal.defendant.dateOfBirth >= today) errors.push({ path: 'defendant.dateOfBirth', message: 'Date of birth must be in the past' });
  if (proposal.convictionDate > today) errors.push({ path: 'convictionDate', message: 'Conviction date cannot be in the future' });
  if (proposal.hearingDate < today) errors.push({ path: 'hearingDate', message: 'Hearing date cannot be in the past' });
  return errors;
}

/** Structure first (zod), then the rules that need today's date (domain). */
export function validateProposal(
  body: unknown,
  today: string /* YYYY-MM-DD in Europe/London */,
): { success: true; data: ProposalInput } | { success: false; fields: FieldError[] } {
  const parsed = proposalInputSchema.safeParse(body);
  if (!parsed.success) return { success: false, fields: toFieldErrors(parsed.error) };
  const fields = [...dateRules(parsed.data, today), ...validateCurfewSchedule(parsed.data.curfew, parsed.data.convictionDate, today)];
  return fields.length > 0 ? { success: false, fields } : { success: true, data: parsed.data };
}
