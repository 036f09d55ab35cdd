/** The fake account and region every local ARN uses, so ARNs look like AWS's and parse the same way. */
export const LOCAL_REGION = 'eu-west-2';
export const LOCAL_ACCOUNT = '000000000000';

/** The state machine ARN the app is configured with locally, built exactly as AWS would. */
export function stateMachineArnFor(stateMachineName: string): string {
  return `arn:aws:states:${LOCAL_REGION}:${LOCAL_ACCOUNT}:stateMachine:${stateMachineName}`;
}

/** Execution ARNs embed the state machine name and the execution name, as on AWS. */
export function executionArnFor(stateMachineName: string, executionName: string): string {
  return `arn:aws:states:${LOCAL_REGION}:${LOCAL_ACCOUNT}:execution:${stateMachineName}:${executionName}`;
}

/** Tells a malformed ARN (InvalidArn) apart from a well-formed one we do not know (…DoesNotExist). */
export function isWellFormedArn(arn: unknown, resourceType: 'stateMachine' | 'execution'): arn is string {
  return typeof arn === 'string' && new RegExp(`^arn:aws:states:[a-z0-9-]+:\\d{12}:${resourceType}:[^:]+${resourceType === 'execution' ? ':[^:]+' : ''}$`).test(arn);
}
