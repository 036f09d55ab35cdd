import { describe, expect, it } from 'vitest';
import { policiesWithout, tableKeys } from '../support/permissions.ts';
import { proposalBody } from '../support/proposals.ts';
import { useLocalStack } from '../support/local-stack.ts';

/**
 * IAM on the local stack (docs/decisions/0015-local-stack-parity.md): every function's calls to
 * DynamoDB and Step Functions are checked against its role in the synthesized CDK app. The other
 * integration tests run their journeys under the app's own policies, which proves the grants are
 * enough; this shows the checks are really made, with the handlers run in this process (the
 * default runner), by taking one grant from two functions: each then fails as it would on AWS,
 * changing nothing, while the functions keeping their grants work. permissions-on-bundles.test.ts
 * does the same with each function's bundle in its own worker.
 */

const fixture = useLocalStack({ rolePolicies: policiesWithout({ 'create-proposal': 'dynamodb:PutItem', health: 'states:DescribeStateMachine' }) });

describe('a function whose role lacks a grant, with the handlers in this process', () => {
  it('is refused by the table: starting checks fails, says nothing of why, and stores nothing', async () => {
    const before = await tableKeys(fixture);
    const created = await fixture.api.post('/api/proposals', proposalBody(), 'court.officer');
    expect(created.status).toBe(500);
    expect(JSON.stringify(created.body)).not.toMatch(/AccessDenied|dynamodb|arn:/i);
    expect(await tableKeys(fixture)).toEqual(before);
  });

  it('is refused by the workflow endpoint: health reports the workflow down, and the table (still granted) up', async () => {
    expect(await fixture.api.get('/health')).toMatchObject({ status: 503, body: { status: 'DOWN', dependencies: { table: 'UP', workflow: 'DOWN' } } });
  });
});
