import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type { z } from 'zod';
import { ClientError, PayloadTooLargeError, ValidationError } from './errors.ts';
import { logger } from './logger.ts';
import { refuseRequestsNotThroughCloudFront } from './origin-verification.ts';
import { parseWith } from './validation.ts';
import { securityHeaders } from './security-headers.ts';
import { maxBodyBytes } from './request-limits.ts';

export { maxBodyBytes };

export type HttpEvent = APIGatewayProxyEventV2;
export type HttpResult = APIGatewayProxyStructuredResultV2;

/** A JSON response with the headers every API response carries. */
export function json(statusCode: number, body: unknown): HttpResult {
  return {
    statusCode,
    headers: { ...securityHeaders, 'content-type': 'application/json; charset=utf-8' },
    body: JSON.stringify(body),
  };
}

/**
 * Parses the JSON body against a schema. Too large → 413; not JSON or not valid → 400 with the
 * fields at fault. Nothing has been changed when either is thrown.
 */
export function parseBody<Schema extends z.ZodType>(event: HttpEvent, schema: Schema): z.infer<Schema> {
  return parseWith(readJsonBody(event), schema);
}

/** Reads the raw JSON body (size checked) for handlers that validate it in two steps. */
export function readJsonBody(event: HttpEvent): unknown {
  const raw = event.body === undefined ? '' : event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  if (Buffer.byteLength(raw, 'utf8') > maxBodyBytes) {
    throw new PayloadTooLargeError();
  }
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    throw new ValidationError([{ path: '', message: 'The request body must be valid JSON' }], 'The request body must be valid JSON');
  }
}


/** Maps client errors to their status; anything else is logged by name and becomes a bare 500. */
const httpErrors = (): middy.MiddlewareObj<HttpEvent, HttpResult> => ({
  onError: async (request) => {
    const error = request.error;
    if (error instanceof ClientError) {
      request.response = json(error.statusCode, error.body());
      return;
    }
    logger.error('Unhandled error', { errorName: error instanceof Error ? error.name : 'unknown', causeName: error instanceof Error && error.cause instanceof Error ? error.cause.name : undefined });
    request.response = json(500, { error: 'INTERNAL_ERROR', message: 'Something went wrong. Try again later.' });
  },
});

/**
 * Every HTTP handler is built here, so they all log, map errors and respond the same way.
 * Order: logging context first, then the refusal of requests that bypassed CloudFront, then error
 * mapping around the route.
 */
export function httpHandler(route: (event: HttpEvent) => Promise<HttpResult>) {
  return middy<HttpEvent, HttpResult, Error, Context>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(refuseRequestsNotThroughCloudFront())
    .use(httpErrors())
    .handler(route);
}

/** A path parameter the route guarantees; a missing one is a routing bug, not a client error. */
export function pathParameter(event: HttpEvent, name: string): string {
  const value = event.pathParameters?.[name];
  if (value === undefined) {
    throw new Error(`Route has no path parameter ${name}`);
  }
  return value;
}
