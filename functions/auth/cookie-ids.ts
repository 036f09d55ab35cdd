import { createHash, randomBytes } from 'node:crypto';

/**
 * The random id a sign-in or session cookie holds (32 bytes, base64url), and the SHA-256 the table
 * keeps in its place, so a copy of the table cannot be replayed as a cookie.
 */
export function newCookieId(): { id: string; idHash: string } {
  const id = randomBytes(32).toString('base64url');
  return { id, idHash: hashCookieId(id) };
}

export function hashCookieId(id: string): string {
  return createHash('sha256').update(id, 'utf8').digest('hex');
}
