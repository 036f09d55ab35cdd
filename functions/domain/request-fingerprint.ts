import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json.ts';

/**
 * A hash of a JSON value that ignores key order, so "the same body" under an Idempotency-Key
 * means the same content, however a client serialised it.
 */
export function requestFingerprint(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex');
}
