import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { Context } from 'aws-lambda';
import { ClientError, UnauthenticatedError } from '#runtime/errors';
import type { HttpEvent, HttpResult } from '#runtime/http-handler';
import { logger } from '#runtime/logger';
import { refuseRequestsNotThroughCloudFront } from '#runtime/origin-verification';
import { seeOther } from '#runtime/redirect';
import { renderPage } from './render.ts';
import { errorPageContextOf } from './error-context.ts';

/**
 * Every page handler is built here. A page for someone not signed in sends them to sign in; any
 * other refusal is a GOV.UK error page with the right status, and our own failures a plain
 * "Sorry, there is a problem" page that reveals nothing.
 */
export function pageHandler(route: (event: HttpEvent) => Promise<HttpResult>) {
  return middy<HttpEvent, HttpResult, Error, Context>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    // As in httpHandler: a request that bypassed CloudFront reaches no page.
    .use(refuseRequestsNotThroughCloudFront())
    .use({
      onError: async (request) => {
        const error = request.error;
        if (error instanceof UnauthenticatedError) {
          request.response = seeOther('/auth/sign-in');
          return;
        }
        if (error instanceof ClientError) {
          request.response = renderPage('error.njk', { ...errorPageContextOf(request.event), statusCode: error.statusCode, message: error.message }, { statusCode: error.statusCode });
          return;
        }
        logger.error('Unhandled error on a page', { errorName: error instanceof Error ? error.name : 'unknown' });
        request.response = renderPage('error.njk', { statusCode: 500 }, { statusCode: 500 });
      },
    })
    .handler(route);
}
