import type { FieldError } from '#schemas/field-error';

/**
 * Every error a client can cause, in one table: its code, the HTTP status `http-handler.ts` maps it
 * to, and the message it carries unless the thrower gives a better one. Anything that is not a
 * ClientError is our fault and becomes a 500 without detail.
 */
export const clientErrors = {
  VALIDATION_FAILED: { statusCode: 400, message: 'The request is not valid' },
  SIGN_IN_FAILED: { statusCode: 400, message: 'Sign-in did not complete. Start again.' },
  UNAUTHENTICATED: { statusCode: 401, message: 'Sign in to use this service' },
  FORBIDDEN: { statusCode: 403, message: 'You do not have permission to do this' },
  CSRF_TOKEN_INVALID: { statusCode: 403, message: 'This request could not be checked. Reload the page and try again.' },
  NOT_FOUND: { statusCode: 404, message: 'Not found' },
  // Unknown tokens get 404 and used, expired or withdrawn ones 410, with the same body, so the body never tells which.
  LINK_NOT_USABLE: { statusCode: 410, message: 'This link cannot be used. If you still need to answer, contact the court team that sent it.' },
  PAYLOAD_TOO_LARGE: { statusCode: 413, message: 'The request body is larger than 64 KiB' },
} as const;

export type ClientErrorCode = keyof typeof clientErrors;

/** An error the client caused: the response is `statusCode` with `body()`, and nothing was changed. */
export class ClientError extends Error {
  constructor(
    readonly code: string,
    readonly statusCode: number,
    message: string,
    /** More of the body, beside `error` and `message` (the fields at fault, a conflict's details). */
    private readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }

  body(): Record<string, unknown> {
    return { error: this.code, message: this.message, ...this.details };
  }
}

/** The class of one row of the table, for `instanceof` checks and `new NotFoundError('No such proposal')`. */
function errorOfCode(code: ClientErrorCode) {
  return class extends ClientError {
    constructor(message: string = clientErrors[code].message) {
      super(code, clientErrors[code].statusCode, message);
    }
  };
}

export class SignInFailedError extends errorOfCode('SIGN_IN_FAILED') {}
export class UnauthenticatedError extends errorOfCode('UNAUTHENTICATED') {}
export class ForbiddenError extends errorOfCode('FORBIDDEN') {}
/** A state-changing request carried a session cookie but not the session's CSRF token (or came from another site). */
export class CsrfTokenInvalidError extends errorOfCode('CSRF_TOKEN_INVALID') {}
export class NotFoundError extends errorOfCode('NOT_FOUND') {}
export class PayloadTooLargeError extends errorOfCode('PAYLOAD_TOO_LARGE') {}

/** 400 with the fields at fault, as a form shows them. */
export class ValidationError extends ClientError {
  constructor(
    readonly fields: FieldError[],
    message: string = clientErrors.VALIDATION_FAILED.message,
  ) {
    super('VALIDATION_FAILED', clientErrors.VALIDATION_FAILED.statusCode, message, { fields });
  }
}

/** 409 with a body chosen by the caller (the contract names several conflict shapes). */
export class ConflictError extends ClientError {
  constructor({ error, message, ...details }: { error: string; message: string } & Record<string, unknown>) {
    super(error, 409, message, details);
  }
}

/** A link that cannot be used: 404 for an unknown token, 410 for a used, expired or withdrawn one, with the same body. */
export class LinkNotUsableError extends ClientError {
  declare readonly statusCode: 404 | 410;
  constructor(statusCode: 404 | 410) {
    super('LINK_NOT_USABLE', statusCode, clientErrors.LINK_NOT_USABLE.message);
  }
}
