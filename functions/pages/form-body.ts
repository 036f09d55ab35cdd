import { PayloadTooLargeError } from '#runtime/errors';
import { maxBodyBytes, type HttpEvent } from '#runtime/http-handler';

export type FormFields = Record<string, string | string[]>;

/**
 * Reads an HTML form post (application/x-www-form-urlencoded). Repeated names (checkboxes) become
 * arrays. Too large → 413, as for JSON.
 */
export function readFormBody(event: HttpEvent): FormFields {
  const raw = event.body === undefined ? '' : event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  if (Buffer.byteLength(raw, 'utf8') > maxBodyBytes) {
    throw new PayloadTooLargeError();
  }
  const fields: FormFields = {};
  for (const [name, value] of new URLSearchParams(raw)) {
    const existing = fields[name];
    fields[name] = existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return fields;
}

/** One field as a single string ('' when absent; the first when repeated). */
export function field(fields: FormFields, name: string): string {
  const value = fields[name];
  return (Array.isArray(value) ? value[0] : value) ?? '';
}

/** One field as a list (checkboxes). */
export function fieldList(fields: FormFields, name: string): string[] {
  const value = fields[name];
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}
