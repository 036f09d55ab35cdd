import { beforeAll, describe, expect, it } from 'vitest';
import { auditInsertFilter, performanceCountsSettings } from '#infra/constructs/performance-counts';
import type { CurfewChecksStack } from '#infra/curfew-checks-stack';
import { buildMainStack, synthesized, type SynthesizedStack } from './support/stack-template.ts';
import { asArray, type PolicyStatement } from './support/template-reading.ts';

/**
 * The P&Q counters deployed (ADR 0020): the table's stream feeds keep-performance-counts new audit
 * records only, with a dead-letter queue; the function may read the stream and write the table, and
 * nothing of the workflow; and the operators' dashboard shows the metrics it emits, by region and
 * check type.
 */
let stack: CurfewChecksStack;
let synth: SynthesizedStack;

beforeAll(() => {
  stack = buildMainStack();
  synth = synthesized(stack);
}, 120_000);

const counterId = () => synth.logicalIdOf(stack.handlerNamed('keep-performance-counts').function);
const counterRoleId = () => synth.logicalIdOf(stack.handlerNamed('keep-performance-counts').role);

describe('the performance and quality counts on AWS', () => {
  it('feeds the function new audit records of proposals from the table stream, in batches, bisected on error, with a dead-letter queue', () => {
    const mappings = synth.resourcesOfType('AWS::Lambda::EventSourceMapping').filter(([, mapping]) => JSON.stringify(mapping.Properties['FunctionName']).includes(counterId()));
    expect(mappings).toHaveLength(1);
    const properties = mappings[0]?.[1].Properties ?? {};
    expect(properties).toMatchObject({
      BatchSize: performanceCountsSettings.batchSize,
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: performanceCountsSettings.retryAttempts,
      StartingPosition: 'TRIM_HORIZON',
      FilterCriteria: { Filters: [{ Pattern: JSON.stringify(auditInsertFilter) }] },
    });
    expect(properties['DestinationConfig']).toEqual({ OnFailure: { Destination: { 'Fn::GetAtt': [synth.logicalIdOf(stack.performanceCounts.deadLetterQueue), 'Arn'] } } });
  });

  it("grants the function the stream's records and the table's writes, and nothing of the workflow", () => {
    const actions = synth
      .resourcesOfType('AWS::IAM::Policy')
      .filter(([, policy]) => (policy.Properties['Roles'] as { Ref: string }[]).some((ref) => ref.Ref === counterRoleId()))
      .flatMap(([, policy]) => (policy.Properties['PolicyDocument'] as { Statement: PolicyStatement[] }).Statement)
      .flatMap((statement) => asArray(statement.Action));
    for (const action of ['dynamodb:GetRecords', 'dynamodb:GetShardIterator', 'dynamodb:DescribeStream', 'dynamodb:ListStreams', 'dynamodb:UpdateItem', 'dynamodb:PutItem', 'dynamodb:Query', 'sqs:SendMessage']) {
      expect(actions, action).toContain(action);
    }
    expect(actions.filter((action) => action.startsWith('states:'))).toEqual([]);
  });

  it('has a dashboard of the metrics the function emits, by region and check type', () => {
    const dashboards = synth.resourcesOfType('AWS::CloudWatch::Dashboard');
    expect(dashboards).toHaveLength(1);
    const body = JSON.stringify(dashboards[0]?.[1].Properties['DashboardBody']);
    for (const text of ['CurfewChecks', 'ProposalsStarted', 'CheckedBeforeHearing', 'ChecksAnswered', 'ChecksOverdue', 'CountersignaturesNeeded', 'SOUTH_WEST', 'WALES', 'DOMESTIC_ABUSE', 'Region', 'CheckType']) {
      expect(body, text).toContain(text);
    }
    // Never a court or a person: the dimensions are the service, the region and the check type.
    expect(body).not.toContain('B01LY00');
  });
});
