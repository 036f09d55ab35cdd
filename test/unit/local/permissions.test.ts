import { describe, expect, it } from 'vitest';
import { callerOf, localFunctionHeader, sessionTokenFor } from '../../../infra/local/permissions/caller-identity.ts';
import { dynamoDbAccessOf } from '../../../infra/local/permissions/dynamodb-access.ts';
import { isAllowed, type LocalPolicyStatement } from '../../../infra/local/permissions/policy-evaluation.ts';
import { stepFunctionsAccessOf } from '../../../infra/local/permissions/step-functions-access.ts';

const table = 'arn:aws:dynamodb:eu-west-2:000000000000:table/curfew-checks';
const readOnly: LocalPolicyStatement[] = [{ effect: 'Allow', actions: ['dynamodb:GetItem', 'dynamodb:Query'], resources: [table, `${table}/index/*`] }];

describe('IAM policy evaluation, as AWS evaluates an identity-based policy', () => {
  it('allows an action and resource some Allow matches, with wildcards', () => {
    expect(isAllowed(readOnly, 'dynamodb:Query', `${table}/index/byCourt`)).toBe(true);
    expect(isAllowed(readOnly, 'DynamoDB:GetItem', table)).toBe(true);
    expect(isAllowed([{ effect: 'Allow', actions: ['states:*'], resources: ['arn:aws:states:*:*:execution:curfew-checks:*'] }], 'states:StopExecution', 'arn:aws:states:eu-west-2:000000000000:execution:curfew-checks:p-1')).toBe(true);
  });

  it('refuses what no Allow matches: another action, another table, a resource named in another case', () => {
    expect(isAllowed(readOnly, 'dynamodb:PutItem', table)).toBe(false);
    expect(isAllowed(readOnly, 'dynamodb:GetItem', 'arn:aws:dynamodb:eu-west-2:000000000000:table/curfew-checks-other')).toBe(false);
    expect(isAllowed(readOnly, 'dynamodb:GetItem', table.toUpperCase())).toBe(false);
    expect(isAllowed([], 'dynamodb:GetItem', table)).toBe(false);
  });

  it('lets an explicit Deny win over any Allow', () => {
    expect(isAllowed([...readOnly, { effect: 'Deny', actions: ['dynamodb:*'], resources: ['*'] }], 'dynamodb:GetItem', table)).toBe(false);
  });
});

describe('what a DynamoDB request asks IAM for', () => {
  it('a transaction: each item under its own action, on its own table', () => {
    expect(
      dynamoDbAccessOf('TransactWriteItems', {
        TransactItems: [{ Put: { TableName: 'curfew-checks' } }, { ConditionCheck: { TableName: 'curfew-checks' } }, { Update: { TableName: 'other' } }],
      }),
    ).toEqual([
      { action: 'dynamodb:PutItem', resource: table },
      { action: 'dynamodb:ConditionCheckItem', resource: table },
      { action: 'dynamodb:UpdateItem', resource: 'arn:aws:dynamodb:eu-west-2:000000000000:table/other' },
    ]);
  });

  it('a batch per table, a query of an index on the index', () => {
    expect(dynamoDbAccessOf('BatchGetItem', { RequestItems: { 'curfew-checks': {} } })).toEqual([{ action: 'dynamodb:BatchGetItem', resource: table }]);
    expect(dynamoDbAccessOf('Query', { TableName: 'curfew-checks', IndexName: 'byCourt' })).toEqual([{ action: 'dynamodb:Query', resource: `${table}/index/byCourt` }]);
  });
});

describe('what a Step Functions request asks IAM for', () => {
  const stateMachine = 'arn:aws:states:eu-west-2:000000000000:stateMachine:curfew-checks';
  it('stopping: the execution; starting: the state machine; answering a task token: the state machine', () => {
    const execution = 'arn:aws:states:eu-west-2:000000000000:execution:curfew-checks:p-1';
    expect(stepFunctionsAccessOf('StopExecution', { executionArn: execution }, stateMachine)).toEqual({ action: 'states:StopExecution', resource: execution });
    expect(stepFunctionsAccessOf('StartExecution', { stateMachineArn: stateMachine }, stateMachine)).toEqual({ action: 'states:StartExecution', resource: stateMachine });
    expect(stepFunctionsAccessOf('SendTaskSuccess', { taskToken: 't' }, stateMachine)).toEqual({ action: 'states:SendTaskSuccess', resource: stateMachine });
  });
});

describe('who made a call', () => {
  it("a worker's role session token, or the in-process runner's header; otherwise nobody's function", () => {
    expect(callerOf({ 'x-amz-security-token': sessionTokenFor('plan-checks') })).toBe('plan-checks');
    expect(callerOf({ [localFunctionHeader]: 'home-page' })).toBe('home-page');
    expect(callerOf({ 'x-amz-security-token': 'a-real-looking-token' })).toBeUndefined();
    expect(callerOf({})).toBeUndefined();
  });
});
