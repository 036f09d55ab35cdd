import { environment } from './environment.ts';

/**
 * The settings every function has (the `core` group of environment.ts), under the names the code
 * uses. Read when the first module that needs them loads, so a misconfigured function fails at
 * cold start, naming the variable, instead of on a user's request.
 */
const core = environment('core');

/** STATE_MACHINE_ARN once read, or what a test put in its place. */
let stateMachineArn: string | undefined;

export const config = {
  /** Links in messages are built from this (the public address of the service), without a trailing slash. */
  publicBaseUrl: core.PUBLIC_BASE_URL,
  /** Set by the Lambda runtime; the local stack sets it too. */
  region: core.AWS_REGION,
  /** Whether the environment holds credentials (Lambda's, or a local stack function's role's). */
  awsAccessKeyIdSet: core.AWS_ACCESS_KEY_ID !== undefined,
  /** Local stack only: DynamoDB Local and the local Step Functions endpoint. */
  dynamoDbEndpoint: core.DYNAMODB_ENDPOINT,
  stepFunctionsEndpoint: core.SFN_ENDPOINT,
  /** Local stack only: the local EventBridge endpoint. */
  eventBridgeEndpoint: core.EVENTBRIDGE_ENDPOINT,
  /**
   * Local stack only: developer endpoints such as the outbox. Only the local stack sets it; the
   * CDK stack never does (an infra test asserts that).
   */
  localDevelopmentEndpoints: core.LOCAL_DEVELOPMENT_ENDPOINTS,
  /**
   * The `workflow` group's STATE_MACHINE_ARN, read on first use rather than at load: many more
   * functions import the module that starts executions than ever call it, and the registry gives
   * the group only to those that do. Assignable, so a test can make Step Functions refuse a start
   * (test/integration/pending-starts.test.ts).
   */
  get stateMachineArn(): string {
    stateMachineArn ??= environment('workflow').STATE_MACHINE_ARN;
    return stateMachineArn;
  },
  set stateMachineArn(value: string) {
    stateMachineArn = value;
  },
};

/** The state machine ARN, for the functions that start, stop or describe executions. */
export function requireStateMachineArn(): string {
  return config.stateMachineArn;
}
