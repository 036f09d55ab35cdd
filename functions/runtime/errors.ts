import type { FieldError } from '#schemas/field-error';

/**
 * Errors a client can cause, each with the HTTP status it maps to in `http-handler.ts`.
 * Anything else is our fault and becomes a 500 without detail.
 */
export abstract class ClientError extends Error {
  abstract readonly statusCode: number;
  abstract body(): Record<string, unknown>;
}

export class ValidationError extends ClientError {
  readonly statusCode = 400;
  constructor(
    readonly fields: FieldError[],
    message = 'The request is not valid',
  ) {
    super(message);
    this.name = 'ValidationError';
  }
  body() {
    return { error: 'VALIDATION_FAILED', message: this.message, fields: this.fields };
  }
}

export class UnauthenticatedError extends ClientError {
  readonly statusCode = 401;
  constructor() {
    super('Sign in to use this service');
    this.name = 'UnauthenticatedError';
  }
  body() {
    return { error: 'UNAUTHENTICATED', message: this.message };
  }
}

export class ForbiddenError extends ClientError {
  readonly statusCode = 403;
  constructor(message = 'You do not have permission to do this') {
    super(message);
    this.name = 'ForbiddenError';
  }
  body() {
    return { error: 'FORBIDDEN', message: this.message };
  }
}

export class NotFoundError extends ClientError {
  readonly statusCode = 404;
  constructor(message = 'Not found') {
    super(message);
    this.name = 'NotFoundError';
  }
  body() {
    return { error: 'NOT_FOUND', message: this.message };
  }
}

/** 409 with a body chosen by the caller (the contract names several conflict shapes). */
export class ConflictError extends ClientError {
  readonly statusCode = 409;
  constructor(private readonly details: { error: string; message: string } & Record<string, unknown>) {
    super(details.message);
    this.name = 'ConflictError';
  }
  body() {
    return this.details;
  }
}

export class PayloadTooLargeError extends ClientError {
  readonly statusCode = 413;
  constructor() {
    super('The request body is larger than 64 KiB');
    this.name = 'PayloadTooLargeError';
  }
  body() {
    return { error: 'PAYLOAD_TOO_LARGE', message: this.message };
  }
}

/**
 * A link that cannot be used. Unknown tokens get 404 and used, expired or withdrawn ones 410,
 * with the same body, so the body never tells which.
 */
export class LinkNotUsableError extends ClientError {
  constructor(readonly statusCode: 404 | 410) {
    super('This link cannot be used. If you still need to answer, contact the court team that sent it.');
    this.name = 'LinkNotUsableError';
  }
  body() {
    return { error: 'LINK_NOT_USABLE', message: this.message };
  }
}
