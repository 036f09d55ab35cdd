import { Logger } from '@aws-lambda-powertools/logger';

/**
 * One logger for every handler. Log ids and types only: never events, bodies, tokens,
 * names, addresses, dates of birth or free text.
 */
export const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'curfew-checks' });
