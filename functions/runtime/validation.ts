import type { z } from 'zod';
import { toFieldErrors, type FieldError } from '#schemas/field-error';
import { ValidationError } from './errors.ts';

/**
 * Keys that name the prototype chain. JSON.parse keeps `"__proto__"` as an own key, but a schema
 * that copies its input (a `.loose()` object, an object rest) assigns it, which sets the copy's
 * prototype instead: the key vanishes and a strict schema after it never sees it. So they are
 * refused here, before any schema, with the same error as any other unexpected field.
 */
const prototypeKeys = new Set(['__proto__', 'constructor', 'prototype']);

/** Where a value sits in the input: its key and its parent's place, so a path is built only when reported. */
interface Place {
  readonly key: string;
  readonly parent: Place | undefined;
}

const pathOf = (place: Place | undefined): string => {
  const keys: string[] = [];
  for (let at = place; at !== undefined; at = at.parent) keys.unshift(at.key);
  return keys.join('.');
};

/** Every prototype key anywhere in a parsed value; iterative, so deep nesting cannot overflow the stack. */
function prototypeKeyErrors(value: unknown): FieldError[] {
  const errors: FieldError[] = [];
  const pending: { value: unknown; place: Place | undefined }[] = [{ value, place: undefined }];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    if (next.value === null || typeof next.value !== 'object') continue;
    const isArray = Array.isArray(next.value);
    for (const [key, child] of Object.entries(next.value)) {
      const place = { key, parent: next.place };
      if (!isArray && prototypeKeys.has(key)) {
        errors.push({ path: pathOf(place), message: 'This field is not expected' });
      } else {
        pending.push({ value: child, place });
      }
    }
  }
  return errors;
}

/**
 * The one way input is checked against a schema, by handlers and use cases alike: the parsed value,
 * or a 400 naming every field at fault. Nothing has been changed when it throws.
 */
export function parseWith<Schema extends z.ZodType>(value: unknown, schema: Schema): z.infer<Schema> {
  const refused = prototypeKeyErrors(value);
  if (refused.length > 0) {
    throw new ValidationError(refused);
  }
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new ValidationError(toFieldErrors(result.error));
  }
  return result.data;
}
