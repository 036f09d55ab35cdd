import { field, type FormFields } from '#pages/form-body';

/**
 * The staff action forms as the bodies the JSON API takes. Only the schema's own fields are sent
 * (never `_csrf`); an unanswered choice is left out so the schema says what to choose.
 */

function choice(fields: FormFields, name: string): string | undefined {
  const value = field(fields, name);
  return value === '' ? undefined : value;
}

function yesNo(fields: FormFields, name: string): boolean | undefined {
  const value = field(fields, name);
  return value === 'yes' ? true : value === 'no' ? false : undefined;
}

function defined<T extends Record<string, unknown>>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as Partial<T>;
}

export function decisionFromForm(fields: FormFields) {
  return defined({ outcome: choice(fields, 'outcome'), rationale: field(fields, 'rationale'), riskOfSeriousHarm: choice(fields, 'riskOfSeriousHarm') });
}

export function withdrawalFromForm(fields: FormFields) {
  return { reason: field(fields, 'reason') };
}

/** Which resident withdrew (their consent check, from the proposal page's radios); unchosen is left out for the schema to say. */
export function consentWithdrawalFromForm(fields: FormFields) {
  return defined({ checkId: choice(fields, 'checkId') });
}

export function consentFromForm(fields: FormFields) {
  return defined({ decision: choice(fields, 'decision'), method: choice(fields, 'method'), spokenToAlone: yesNo(fields, 'spokenToAlone') });
}

export function countersignFromForm(fields: FormFields) {
  return defined({ agree: yesNo(fields, 'agree'), comment: field(fields, 'comment') });
}

/**
 * The resend button's form: the number of resends the page showed, so a second click (or a
 * colleague's resend meanwhile) is refused rather than sending another link. Missing or not a
 * number is passed on for the schema to refuse.
 */
export function resendFromForm(fields: FormFields) {
  const count = field(fields, 'resendCount').trim();
  return { resendCount: /^\d{1,6}$/.test(count) ? Number(count) : count };
}

/** New contact details: blank fields are left out (and so removed from the resident's record). */
export function contactFromForm(fields: FormFields) {
  const text = (name: string) => {
    const value = field(fields, name).trim();
    return value === '' ? undefined : value;
  };
  return defined({ email: text('email'), mobile: text('mobile') });
}

/** What was typed, under the page's field ids, to show again after an error. */
export function valuesWithPrefix(fields: FormFields, prefix: string, names: readonly string[]): Record<string, string> {
  return Object.fromEntries(names.map((name) => [`${prefix}${name}`, field(fields, name)]));
}
