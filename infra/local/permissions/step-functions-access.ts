import type { RequestedAccess } from './dynamodb-access.ts';

/**
 * What IAM checks for one Step Functions request: the action named by the operation, on the
 * state machine (starting, describing, listing, and answering a task token, which CDK's
 * grantTaskResponse grants on the state machine) or on the execution (stopping, describing).
 */
export function stepFunctionsAccessOf(operation: string, body: Record<string, unknown>, stateMachineArn: string): RequestedAccess {
  const action = `states:${operation}`;
  if (typeof body['executionArn'] === 'string') return { action, resource: body['executionArn'] };
  if (typeof body['stateMachineArn'] === 'string') return { action, resource: body['stateMachineArn'] };
  return { action, resource: stateMachineArn };
}
