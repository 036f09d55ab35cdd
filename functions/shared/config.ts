/**
 * Configuration read once, when a handler module loads. A missing required value throws with
 * its name, so a misconfigured function fails at cold start instead of on a user's request.
 */

function required(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === '') {
    throw new Error(`Missing required environment variable ${name}`);
  }
  return value;
}

function optional(name: string): string | undefined {
  const value = process.env[name];
  return value === undefined || value === '' ? undefined : value;
}

export const config = {
  tableName: required('TABLE_NAME'),
  /** Links in messages are built from this (the public address of the service). */
  publicBaseUrl: required('PUBLIC_BASE_URL').replace(/\/+$/, ''),
  /** Only functions that start, stop or describe executions receive it. */
  stateMachineArn: optional('STATE_MACHINE_ARN'),
  /** Local stack only: DynamoDB Local and the local Step Functions endpoint. */
  dynamoDbEndpoint: optional('DYNAMODB_ENDPOINT'),
  stepFunctionsEndpoint: optional('SFN_ENDPOINT'),
  /**
   * `local-header` trusts the X-Local-User header. Only the local stack sets it; the CDK stack
   * never does (an infra test asserts that), so a deployed function ignores the header.
   */
  staffIdentityMode: optional('STAFF_IDENTITY_MODE') === 'local-header' ? 'local-header' : 'verified-token',
} as const;

/** The state machine ARN, for the few functions that need it. */
export function requireStateMachineArn(): string {
  if (config.stateMachineArn === undefined) {
    throw new Error('Missing required environment variable STATE_MACHINE_ARN');
  }
  return config.stateMachineArn;
}
