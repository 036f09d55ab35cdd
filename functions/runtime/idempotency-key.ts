import { ValidationError } from './errors.ts';
import type { HttpEvent } from './http-handler.ts';

const idempotencyKeyPattern = /^[A-Za-z0-9_.:-]{1,200}$/;

/** The optional `Idempotency-Key` header of a request that creates something; a malformed one is a 400. */
export function readIdempotencyKey(event: HttpEvent): string | undefined {
  const key = event.headers['idempotency-key'];
  if (key === undefined) {
    return undefined;
  }
  if (!idempotencyKeyPattern.test(key)) {
    throw new ValidationError([{ path: 'Idempotency-Key', message: 'Idempotency-Key must be 1 to 200 letters, digits or ._:-' }]);
  }
  return key;
}
