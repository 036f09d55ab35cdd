import * as client from 'openid-client';
import { authConfig } from './auth-config.ts';
import { hashCookieId, newCookieId } from './cookie-ids.ts';
import { clearedCookie, cookieName, serializeCookie } from '#runtime/cookies';
import { putSignInState, takeSignInState, type StoredSignInState } from '#store/sign-in-states';

/**
 * What the callback needs to check the provider's answer (PKCE verifier, state, nonce), kept
 * server-side for the few minutes a sign-in takes and used once. The browser holds only a random
 * id in a cookie; the table only its SHA-256.
 */
export type PendingSignIn = Pick<StoredSignInState, 'codeVerifier' | 'state' | 'nonce'>;

/** Ten minutes to type a username and password. */
export const signInStateSeconds = 10 * 60;
export const signInCookieName = cookieName('sign-in', authConfig.sessionCookieSecure);

export async function startSignIn(at: Date): Promise<{ id: string; pending: PendingSignIn }> {
  const { id, idHash } = newCookieId();
  const pending = { codeVerifier: client.randomPKCECodeVerifier(), state: client.randomState(), nonce: client.randomNonce() };
  await putSignInState(idHash, { ...pending, expiresAt: Math.floor(at.getTime() / 1000) + signInStateSeconds });
  return { id, pending };
}

/** Deletes and returns the pending sign-in, so a callback can be used once; undefined if unknown, used or expired. */
export async function takeSignIn(id: string, at: Date): Promise<PendingSignIn | undefined> {
  const stored = await takeSignInState(hashCookieId(id));
  if (stored === undefined || stored.expiresAt <= Math.floor(at.getTime() / 1000)) {
    return undefined;
  }
  return { codeVerifier: stored.codeVerifier, state: stored.state, nonce: stored.nonce };
}

export function signInCookie(id: string): string {
  return serializeCookie(signInCookieName, id, { secure: authConfig.sessionCookieSecure, maxAgeSeconds: signInStateSeconds });
}

export function clearedSignInCookie(): string {
  return clearedCookie(signInCookieName, authConfig.sessionCookieSecure);
}
