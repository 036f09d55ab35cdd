import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { policiesWithout } from '../support/permissions.ts';
import { proposalBody } from '../support/proposals.ts';
import { startChecks } from '../support/journeys.ts';
import { useLocalStack } from '../support/local-stack.ts';

/**
 * The local EventBridge checks PutEvents against the caller's role in the synthesized CDK app, as
 * the table and the workflow endpoint do (docs/decisions/0015-local-stack-parity.md): without its
 * one grant, publish-domain-events is refused, publishes nothing, and the event waits in its outbox.
 */
const fixture = useLocalStack({ rolePolicies: policiesWithout({ 'publish-domain-events': 'events:PutEvents' }) });

describe('publish-domain-events without events:PutEvents', () => {
  it('is refused by the bus: nothing is published and the event stays waiting', async () => {
    const proposalId = await startChecks(fixture.api, proposalBody());
    await expect(fixture.stack.drainTableStream()).rejects.toThrow(/AccessDenied|not authorized|may not/i);
    expect(fixture.stack.eventBridge.events().filter((event) => event.detail['proposalId'] === proposalId)).toEqual([]);
    const { Items = [] } = await fixture.table().send(new QueryCommand({ TableName: fixture.stack.tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': 'DOMAIN_EVENTS' }, ConsistentRead: true }));
    const waiting = Items.filter((item) => (item['detail'] as { proposalId?: string }).proposalId === proposalId);
    expect(waiting.map((item) => [item['type'], item['publishStatus']])).toEqual([['ProposalStarted', 'PENDING']]);
  });
});
