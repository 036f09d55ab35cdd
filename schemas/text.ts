import * as z from 'zod';

/** A required piece of free text, trimmed, with a plain-English message when missing or too long. */
export function requiredText(label: string, max: number) {
  return z
    .string({ error: `Enter ${label}` })
    .trim()
    .min(1, { error: `Enter ${label}` })
    .max(max, { error: `${capitalise(label)} must be ${max} characters or fewer` });
}

/** Optional free text, trimmed, with a length limit. */
export function optionalText(label: string, max: number) {
  return z
    .string({ error: `${capitalise(label)} must be text` })
    .trim()
    .max(max, { error: `${capitalise(label)} must be ${max} characters or fewer` })
    .optional();
}

function capitalise(label: string): string {
  return label.charAt(0).toUpperCase() + label.slice(1);
}
