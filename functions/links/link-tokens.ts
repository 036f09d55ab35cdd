import { createHash, randomBytes } from 'node:crypto';

/**
 * A link token is 32 random bytes, base64url. Only its SHA-256 is stored, so a copy of the
 * table cannot be used to answer a check.
 */
export function createLinkToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, tokenHash: hashLinkToken(token) };
}

export function hashLinkToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
