import { Duration, Stack } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, Metric, Stats, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Archive, EventBus, Rule } from 'aws-cdk-lib/aws-events';
import { CfnRegistry, CfnSchema } from 'aws-cdk-lib/aws-eventschemas';
import { FilterCriteria, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { domainEventJsonSchema, domainEventSource, domainEventTypes, type DomainEventType } from '#schemas/domain-events';
import { deadLetterQueue } from '#infra/constructs/async-failures';
import type { HandlerFunction } from '#infra/constructs/handler-function';

/** The function that publishes the domain events (infra/function-registry.ts). */
export const domainEventsFunctionName = 'publish-domain-events';

/**
 * The event source mapping's filter: new items of the events' outbox only (`pk` = `DOMAIN_EVENTS`,
 * functions/store/domain-events.ts's domainEventPartition; not imported, as the store's modules read
 * the functions' environment as they load). Our own writes that mark one published are not new items.
 */
export const domainEventInsertFilter = { eventName: ['INSERT'], dynamodb: { Keys: { pk: { S: ['DOMAIN_EVENTS'] } } } } as const;

export const domainEventsSettings = {
  /** Records per invocation: PutEvents takes 10 a call, so a batch is a few calls. */
  batchSize: 50,
  /** Then the batch's description goes to the dead-letter queue; its events stay PENDING for the sweep. */
  retryAttempts: 10,
  /** How long the bus's archive keeps every event, to replay to a new or repaired subscriber. */
  archiveRetention: Duration.days(365),
} as const;

/** The schema registry's name for an event type: the source and the detail type, as discovered schemas are named. */
export function schemaNameOf(type: DomainEventType): string {
  return `${domainEventSource}@${type}`;
}

export interface DomainEventsProps {
  /** The table, with a stream. */
  table: ITable;
  publisher: HandlerFunction;
}

/**
 * The domain events other systems subscribe to (ADR 0027): a bus of their own, every event kept in
 * an archive for replay, one rule for all of them that a subscriber's target is added to (or a
 * narrower rule of its own), the schema registry with each event's JSON Schema, and the table's
 * stream → publish-domain-events, with its dead-letter queue and alarm. Only that function may put
 * events on the bus (its role's one grant). Locally: infra/local/event-bridge.ts.
 */
export class DomainEvents extends Construct {
  readonly bus: EventBus;
  readonly archive: Archive;
  /** Every domain event; targets are added here (README, "Events other systems can subscribe to"). */
  readonly allEventsRule: Rule;
  readonly registry: CfnRegistry;
  readonly schemas: Readonly<Record<DomainEventType, CfnSchema>>;
  readonly deadLetterQueue: Queue;
  readonly deadLetterAlarm: Alarm;
  readonly failedDeliveriesAlarm: Alarm;

  constructor(scope: Construct, id: string, props: DomainEventsProps) {
    super(scope, id);
    if (props.table.tableStreamArn === undefined) {
      throw new Error('Domain events need the table to have a stream');
    }
    const stackName = Stack.of(this).stackName;

    // ---------------------------------------------------------------- the bus
    this.bus = new EventBus(this, 'Bus', {
      eventBusName: `${stackName}-domain-events`,
      description: 'Curfew safeguarding checks: domain events for other systems (ids, codes, dates and statuses only; ADR 0027)',
    });
    this.archive = this.bus.archive('Archive', {
      archiveName: `${stackName}-domain-events`.slice(0, 48),
      description: 'Every domain event, to replay to a subscriber added later or recovering from a fault',
      eventPattern: { source: [domainEventSource] },
      retention: domainEventsSettings.archiveRetention,
    });
    this.allEventsRule = new Rule(this, 'AllEvents', {
      eventBus: this.bus,
      description: 'Every domain event of the curfew checks service: add a subscriber\'s target here, or a rule of its own on this bus',
      eventPattern: { source: [domainEventSource] },
    });

    // ---------------------------------------------------------------- the schemas
    this.registry = new CfnRegistry(this, 'SchemaRegistry', {
      registryName: `${stackName}-domain-events`,
      description: "The JSON Schema of each curfew checks domain event, generated from the zod schemas the service publishes with (schemas/domain-events.ts)",
    });
    this.schemas = Object.fromEntries(
      domainEventTypes.map((type) => {
        const schema = new CfnSchema(this, `Schema${type}`, {
          registryName: this.registry.attrRegistryName,
          schemaName: schemaNameOf(type),
          type: 'JSONSchemaDraft4',
          description: String(domainEventJsonSchema(type).description ?? type).slice(0, 256),
          content: JSON.stringify(domainEventJsonSchema(type)),
        });
        return [type, schema];
      }),
    ) as Record<DomainEventType, CfnSchema>;

    // ---------------------------------------------------------------- stream → publish-domain-events
    props.publisher.setEnvironmentGroup('domainEvents', { EVENT_BUS_NAME: this.bus.eventBusName });
    this.bus.grantPutEventsTo(props.publisher.function);
    this.deadLetterQueue = deadLetterQueue(this, 'DeadLetterQueue');
    props.publisher.function.addEventSource(
      new DynamoEventSource(props.table, {
        startingPosition: StartingPosition.TRIM_HORIZON,
        batchSize: domainEventsSettings.batchSize,
        bisectBatchOnError: true,
        retryAttempts: domainEventsSettings.retryAttempts,
        onFailure: new SqsDlq(this.deadLetterQueue),
        filters: [FilterCriteria.filter(domainEventInsertFilter)],
      }),
    );

    // ---------------------------------------------------------------- alarms (OperationalAlarms adds their actions)
    this.deadLetterAlarm = new Alarm(this, 'DeadLetterAlarm', {
      alarmDescription:
        'A batch of new domain events failed in publish-domain-events after every retry: other systems have not heard of ' +
        'those changes yet. The events stay PENDING and its sweep (every 5 minutes) keeps trying them; look at its logs ' +
        'for why (EventsNotAcceptedError names the bus\'s error codes).',
      metric: this.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: Stats.MAXIMUM }),
      threshold: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    this.failedDeliveriesAlarm = new Alarm(this, 'SubscriberDeliveryFailedAlarm', {
      alarmDescription:
        'EventBridge could not deliver domain events to a target of the all-events rule (after its own retries). The ' +
        'archive has them: fix the target, then replay the archive for that time to it.',
      metric: new Metric({
        namespace: 'AWS/Events',
        metricName: 'FailedInvocations',
        dimensionsMap: { EventBusName: this.bus.eventBusName, RuleName: this.allEventsRule.ruleName },
        period: Duration.minutes(5),
        statistic: Stats.SUM,
      }),
      threshold: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
  }
}
