import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { Context } from 'aws-lambda';
import type { z } from 'zod';
import { logger } from './logger.ts';

/**
 * Every workflow step is built here: the input (ids only) is checked against a schema, and the
 * handler always returns a value. Errors propagate so the workflow's Retry/Catch handle them.
 */
export function workflowHandler<Schema extends z.ZodType, Output extends object>(
  inputSchema: Schema,
  step: (input: z.infer<Schema>) => Promise<Output>,
) {
  return middy<unknown, Output, Error, Context>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .handler(async (event) => step(inputSchema.parse(event)));
}
