import type * as z from 'zod';

/**
 * Checks a checked-in data file against its schema; throws, naming each bad field and saying which
 * file (`what`), when it is not valid. Data files are checked as their module loads, so a bad one
 * stops a function at cold start (and fails the tests) instead of being half applied.
 */
export function parseDataFile<Schema extends z.ZodType>(schema: Schema, data: unknown, what: string): z.output<Schema> {
  const result = schema.safeParse(data);
  if (!result.success) {
    throw new Error(`${what} is not valid: ${result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`);
  }
  return result.data;
}
