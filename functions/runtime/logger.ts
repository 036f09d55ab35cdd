import { Logger } from '@aws-lambda-powertools/logger';

/**
 * One logger for every handler. Log ids and types only: never events, bodies, tokens,
 * names, addresses, dates of birth or free text. Powertools reads its own variables
 * (POWERTOOLS_SERVICE_NAME, POWERTOOLS_LOG_LEVEL), which both stacks set for every function.
 */
export const logger = new Logger();
