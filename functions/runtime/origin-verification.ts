import { createHash, timingSafeEqual } from 'node:crypto';
import type middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { environment } from './environment.ts';
import { logger } from './logger.ts';
import { originVerifyHeader } from './origin-header.ts';
import { loadSecretBackedVariable } from './secret-variables.ts';
import { securityHeaders } from './security-headers.ts';

/*
 * The API's own execute-api address would skip CloudFront and AWS WAF (their rate limits, managed
 * rules, body limit and logs). CloudFront adds the x-origin-verify header (origin-header.ts), with
 * a value from a secret only it and the route functions know, to every request it sends the API;
 * the local HTTP server does the same. Every route refuses a request without it
 * (docs/decisions/0012-origin-verification-body-limits-and-nested-stacks.md).
 */

// Deployed, the value is in Secrets Manager: read once, at cold start, before any request.
await loadSecretBackedVariable('ORIGIN_VERIFY_TOKEN');

/** SHA-256 of both sides, so the comparison takes the same time whatever the lengths. */
function sameToken(given: string, expected: string): boolean {
  const digest = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/** Whether the request came through CloudFront (or the local server that plays it). */
export function cameThroughCloudFront(event: APIGatewayProxyEventV2): boolean {
  const given = event.headers?.[originVerifyHeader];
  return given !== undefined && sameToken(given, environment('originVerify').ORIGIN_VERIFY_TOKEN);
}

/**
 * First in every HTTP handler factory: a request that did not come through CloudFront gets 403
 * with a plain reason, is logged by its request id only, and reaches no route, so it reads and
 * changes nothing.
 */
export function refuseRequestsNotThroughCloudFront(): middy.MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2> {
  return {
    before: (request) => {
      if (cameThroughCloudFront(request.event)) return undefined;
      logger.warn('Refused a request that did not come through CloudFront', { requestId: request.event.requestContext?.requestId });
      return {
        statusCode: 403,
        headers: { ...securityHeaders, 'content-type': 'application/json; charset=utf-8' },
        body: JSON.stringify({ error: 'FORBIDDEN', message: 'Use the service\'s public address.' }),
      };
    },
  };
}
