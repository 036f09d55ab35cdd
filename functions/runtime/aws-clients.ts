import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { SFNClient } from '@aws-sdk/client-sfn';
import { config } from './config.ts';

/**
 * For a local endpoint. A function in the local stack has its role's credentials in its
 * environment, as in Lambda, and the SDK reads them from there itself: the local endpoints check
 * that role's policy (infra/local/permissions). Without any (a test against DynamoDB Local), fixed
 * ones, so the SDK does not go looking for real ones.
 */
const localCredentials = config.awsAccessKeyIdSet ? {} : { credentials: { accessKeyId: 'local', secretAccessKey: 'local' } };
const { region } = config;

/**
 * Written out rather than left to the SDK's defaults, which could change under us. Standard mode
 * backs off exponentially with full jitter (so instances retrying after a blip do not retry in
 * step) and stops retrying when its retry quota runs out (so an outage does not turn into a retry
 * storm). Three attempts keep a request well inside a handler's 10 s timeout; longer failures are
 * retried by whoever called the handler (the workflow's Retry, the user, the sweep), and every
 * retried call is safe: writes are conditional and executions are named by proposal id.
 */
const retries = { retryMode: 'standard', maxAttempts: 3 } as const;

/** Built once per cold start and shared by every request. */
export const dynamoDbClient = new DynamoDBClient(
  config.dynamoDbEndpoint === undefined
    ? { region, ...retries }
    : { region, ...retries, endpoint: config.dynamoDbEndpoint, ...localCredentials },
);

/** Plain JavaScript values in and out; undefined attributes are left out rather than rejected. */
export const dynamoDb = DynamoDBDocumentClient.from(dynamoDbClient, { marshallOptions: { removeUndefinedValues: true } });

export const stepFunctions = new SFNClient(
  config.stepFunctionsEndpoint === undefined
    ? { region, ...retries }
    : { region, ...retries, endpoint: config.stepFunctionsEndpoint, ...localCredentials },
);

/*
 * We never log the SDK's calls (they carry names and addresses). Its logger middleware still builds
 * a copy of every command's input and output with sensitive fields filtered, for a logger that
 * does nothing with it: a walk over every item read or written, on every call, deployed as locally
 * (about 1% of the stack's CPU while starting checks under load). Removed, nothing is built and
 * nothing is logged.
 */
for (const client of [dynamoDbClient, stepFunctions]) {
  client.middlewareStack.remove('loggerMiddleware');
}
