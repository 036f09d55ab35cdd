import { beforeAll, describe, expect, it } from 'vitest';
import { domainEventInsertFilter, domainEventsSettings, schemaNameOf } from '#infra/constructs/domain-events';
import type { CurfewChecksStack } from '#infra/curfew-checks-stack';
import { deployedFunctions } from '#infra/function-registry';
import { domainEventJsonSchema, domainEventSource, domainEventTypes } from '#schemas/domain-events';
import { buildMainStack, synthesized, type SynthesizedStack } from './support/stack-template.ts';
import { asArray, flatten, templateVariablesOf, type PolicyStatement } from './support/template-reading.ts';

/**
 * The domain events deployed (ADR 0027): a bus with an archive and a rule for every event, the
 * schema registry with each event's JSON Schema, the table's stream feeding publish-domain-events
 * new events only (with a dead-letter queue and its alarm), and events:PutEvents on that bus for
 * that function alone.
 */
let stack: CurfewChecksStack;
let synth: SynthesizedStack;

beforeAll(() => {
  stack = buildMainStack();
  synth = synthesized(stack);
}, 120_000);

const publisher = () => stack.handlerNamed('publish-domain-events');
const busId = () => synth.logicalIdOf(stack.domainEvents.bus);

function statementsOfRole(roleLogicalId: string): PolicyStatement[] {
  return synth
    .resourcesOfType('AWS::IAM::Policy')
    .filter(([, policy]) => (policy.Properties['Roles'] as { Ref: string }[]).some((ref) => ref.Ref === roleLogicalId))
    .flatMap(([, policy]) => (policy.Properties['PolicyDocument'] as { Statement: PolicyStatement[] }).Statement);
}

describe('the domain events on AWS', () => {
  it('has a bus of its own, an archive of every event for replay, and a rule for every event that targets are added to', () => {
    expect(synth.resourcesOfType('AWS::Events::EventBus')).toHaveLength(1);
    const [archive] = synth.resourcesOfType('AWS::Events::Archive');
    expect(flatten(archive?.[1].Properties['SourceArn'])).toBe(`<${busId()}.Arn>`);
    expect(archive?.[1].Properties['RetentionDays']).toBe(domainEventsSettings.archiveRetention.toDays());
    expect(archive?.[1].Properties['EventPattern']).toEqual({ source: [domainEventSource] });
    const rules = synth.resourcesOfType('AWS::Events::Rule').filter(([, rule]) => rule.Properties['EventBusName'] !== undefined);
    expect(rules).toHaveLength(1);
    expect(flatten(rules[0]?.[1].Properties['EventBusName'])).toBe(`<${busId()}>`);
    expect(rules[0]?.[1].Properties['EventPattern']).toEqual({ source: [domainEventSource] });
  });

  it('registers each event type with its generated JSON Schema, as JSONSchemaDraft4', () => {
    const schemas = synth.resourcesOfType('AWS::EventSchemas::Schema');
    expect(schemas.map(([, schema]) => schema.Properties['SchemaName']).sort()).toEqual(domainEventTypes.map(schemaNameOf).sort());
    for (const type of domainEventTypes) {
      const found = schemas.find(([, schema]) => schema.Properties['SchemaName'] === schemaNameOf(type))?.[1];
      expect(found?.Properties['Type']).toBe('JSONSchemaDraft4');
      expect(JSON.parse(String(found?.Properties['Content']))).toEqual(domainEventJsonSchema(type));
      expect(flatten(found?.Properties['RegistryName'])).toBe(`<${stack.resolve(stack.domainEvents.registry.logicalId) as string}.RegistryName>`);
    }
    expect(synth.resourcesOfType('AWS::EventSchemas::Registry')).toHaveLength(1);
  });

  it('feeds publish-domain-events new events only from the table stream, in batches, bisected on error, with a dead-letter queue', () => {
    const mappings = synth.resourcesOfType('AWS::Lambda::EventSourceMapping').filter(([, mapping]) => JSON.stringify(mapping.Properties['FunctionName']).includes(synth.logicalIdOf(publisher().function)));
    expect(mappings).toHaveLength(1);
    const properties = mappings[0]?.[1].Properties ?? {};
    expect(properties).toMatchObject({
      BatchSize: domainEventsSettings.batchSize,
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: domainEventsSettings.retryAttempts,
      StartingPosition: 'TRIM_HORIZON',
      FilterCriteria: { Filters: [{ Pattern: JSON.stringify(domainEventInsertFilter) }] },
    });
    expect(properties['DestinationConfig']).toEqual({ OnFailure: { Destination: { 'Fn::GetAtt': [synth.logicalIdOf(stack.domainEvents.deadLetterQueue), 'Arn'] } } });
    // The filter names the store's partition: the messages' deliverer never sees an event.
    expect(domainEventInsertFilter.dynamodb.Keys.pk.S).toEqual(['DOMAIN_EVENTS']);
  });

  it('tells publish-domain-events the bus, and grants events:PutEvents on that bus alone, to that function alone', () => {
    expect(flatten(templateVariablesOf(synth, stack, 'publish-domain-events')['EVENT_BUS_NAME'])).toBe(`<${busId()}>`);
    const putEvents = statementsOfRole(synth.logicalIdOf(publisher().role)).filter((statement) => asArray(statement.Action).some((action) => action.startsWith('events:')));
    expect(putEvents.map((statement) => [asArray(statement.Action), asArray(statement.Resource).map(flatten)])).toEqual([[['events:PutEvents'], [`<${busId()}.Arn>`]]]);
    for (const definition of deployedFunctions.filter((candidate) => candidate.name !== 'publish-domain-events')) {
      const actions = statementsOfRole(synth.logicalIdOf(stack.handlerNamed(definition.name).role)).flatMap((statement) => asArray(statement.Action));
      expect(actions.filter((action) => action.startsWith('events:')), definition.name).toEqual([]);
    }
  });

  it('alarms on a batch given up on, on a failing publisher, and on events a subscriber did not receive', () => {
    const alarms = synth.resourcesOfType('AWS::CloudWatch::Alarm');
    const onQueue = alarms.filter(([, alarm]) => JSON.stringify(alarm.Properties['Dimensions'] ?? []).includes(synth.logicalIdOf(stack.domainEvents.deadLetterQueue)));
    expect(onQueue.map(([, alarm]) => alarm.Properties['MetricName'])).toContain('ApproximateNumberOfMessagesVisible');
    const onFunction = alarms.filter(([, alarm]) => alarm.Properties['MetricName'] === 'Errors' && JSON.stringify(alarm.Properties['Dimensions']).includes(synth.logicalIdOf(publisher().function)));
    expect(onFunction).toHaveLength(1);
    expect(String(onFunction[0]?.[1].Properties['AlarmDescription'])).toContain('sweep');
    const onRule = alarms.filter(([, alarm]) => alarm.Properties['MetricName'] === 'FailedInvocations' && alarm.Properties['Namespace'] === 'AWS/Events');
    expect(onRule).toHaveLength(1);
    // Each notifies the operational alarms topic.
    for (const [, alarm] of [...onQueue, ...onFunction, ...onRule]) expect(alarm.Properties['AlarmActions']).toHaveLength(1);
  });

  it('runs the sweep on a schedule', () => {
    const schedules = synth.resourcesOfType('AWS::Scheduler::Schedule').filter(([, schedule]) => JSON.stringify(schedule.Properties['Target']).includes(synth.logicalIdOf(publisher().function)));
    expect(schedules.map(([, schedule]) => schedule.Properties['ScheduleExpression'])).toEqual(['rate(5 minutes)']);
  });
});
