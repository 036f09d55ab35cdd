import type { z } from 'zod';

/** One problem with one field, as a form shows it next to that field. `path` is dotted: `residents.1.email`. */
export type FieldError = { path: string; message: string };

/**
 * Turns zod's issues into field errors a page can show, so every handler reports invalid input the
 * same way. An unexpected field is reported against that field's own path.
 */
export function toFieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.flatMap((issue) => {
    const path = issue.path.map(String);
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ path: [...path, key].join('.'), message: 'This field is not expected' }));
    }
    return [{ path: path.join('.'), message: issue.message }];
  });
}
