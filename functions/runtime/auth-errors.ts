import { ClientError } from './errors.ts';

/** A state-changing request carried a session cookie but not the session's CSRF token (or came from another site). */
export class CsrfTokenInvalidError extends ClientError {
  readonly statusCode = 403;
  constructor() {
    super('This request could not be checked. Reload the page and try again.');
    this.name = 'CsrfTokenInvalidError';
  }
  body() {
    return { error: 'CSRF_TOKEN_INVALID', message: this.message };
  }
}

/** The provider sent the browser back without a sign-in we can accept (unknown, reused or expired state, bad code). */
export class SignInFailedError extends ClientError {
  readonly statusCode = 400;
  constructor() {
    super('Sign-in did not complete. Start again.');
    this.name = 'SignInFailedError';
  }
  body() {
    return { error: 'SIGN_IN_FAILED', message: this.message };
  }
}
