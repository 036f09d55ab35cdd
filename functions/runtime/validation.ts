import type { z } from 'zod';
import { toFieldErrors } from '#schemas/field-error';
import { ValidationError } from './errors.ts';

/**
 * The one way input is checked against a schema, by handlers and use cases alike: the parsed value,
 * or a 400 naming every field at fault. Nothing has been changed when it throws.
 */
export function parseWith<Schema extends z.ZodType>(value: unknown, schema: Schema): z.infer<Schema> {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new ValidationError(toFieldErrors(result.error));
  }
  return result.data;
}
