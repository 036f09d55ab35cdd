import { Duration } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, Dashboard, GraphWidget, Metric, Stats, TextWidget, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { FilterCriteria, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { courtTeamCodes, findCourtTeam } from '#domain/court-teams';
import { checkTypes } from '#domain/statuses';
import { metricsNamespace } from '#runtime/metrics';
import { deadLetterQueue } from '#infra/constructs/async-failures';
import type { HandlerFunction } from '#infra/constructs/handler-function';

/** The function that keeps the P&Q counters (infra/function-registry.ts). */
export const performanceCountsFunctionName = 'keep-performance-counts';

/** The event source mapping's filter: new audit records of proposals only (ADR 0020). */
export const auditInsertFilter = {
  eventName: ['INSERT'],
  dynamodb: { Keys: { pk: { S: [{ prefix: 'PROPOSAL#' }] }, sk: { S: [{ prefix: 'AUDIT#' }] } } },
} as const;

export const performanceCountsSettings = {
  /** Records per invocation: each is one small transaction, so a batch is a few seconds at most. */
  batchSize: 100,
  /** Then the batch's description goes to the dead-letter queue; its counts are missing, none doubled. */
  retryAttempts: 10,
} as const;

/** The service name Powertools puts in every metric's dimensions (handler-function.ts sets it). */
const serviceName = 'curfew-checks';

export interface PerformanceCountsProps {
  /** The table, with a stream. */
  table: ITable;
  counter: HandlerFunction;
}

/**
 * What keeps the performance and quality counts when deployed (ADR 0020): the table's stream →
 * keep-performance-counts, new audit records only, with a dead-letter queue for a batch that
 * keeps failing; and a CloudWatch dashboard of the metrics the function emits (embedded metric
 * format, by region and check type), for the service's operators. Locally the stream is read by
 * infra/local/table-stream.ts.
 */
export class PerformanceCounts extends Construct {
  readonly deadLetterQueue: Queue;
  /** Raised as soon as a batch's counts are given up on (OperationalAlarms adds its action). */
  readonly deadLetterAlarm: Alarm;
  readonly dashboard: Dashboard;

  constructor(scope: Construct, id: string, props: PerformanceCountsProps) {
    super(scope, id);
    if (props.table.tableStreamArn === undefined) {
      throw new Error('Performance counts need the table to have a stream');
    }
    this.deadLetterQueue = deadLetterQueue(this, 'DeadLetterQueue');
    props.counter.function.addEventSource(
      new DynamoEventSource(props.table, {
        // The counts start with the mapping; records from before are never counted twice (markers).
        startingPosition: StartingPosition.TRIM_HORIZON,
        batchSize: performanceCountsSettings.batchSize,
        bisectBatchOnError: true,
        retryAttempts: performanceCountsSettings.retryAttempts,
        onFailure: new SqsDlq(this.deadLetterQueue),
        filters: [FilterCriteria.filter(auditInsertFilter)],
      }),
    );

    this.deadLetterAlarm = new Alarm(this, 'DeadLetterAlarm', {
      alarmDescription:
        'A batch of audit records failed in keep-performance-counts after every retry: the P&Q view is missing their ' +
        'counts (none is counted twice). Look at its logs for why; the queue\'s messages say which stream records.',
      metric: this.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: Stats.MAXIMUM }),
      threshold: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });

    const regions = [...new Set(courtTeamCodes.map((code) => findCourtTeam(code)?.region ?? 'NONE'))].sort();
    const metric = (metricName: string, region: string, checkType?: string) =>
      new Metric({
        namespace: metricsNamespace,
        metricName,
        dimensionsMap: { service: serviceName, Region: region, ...(checkType === undefined ? {} : { CheckType: checkType }) },
        statistic: 'Sum',
        period: Duration.days(1),
        label: checkType === undefined ? region : `${region} ${checkType}`,
      });
    const byRegion = (title: string, metricName: string) => new GraphWidget({ title, width: 12, left: regions.map((region) => metric(metricName, region)) });
    const byRegionAndCheck = (title: string, metricName: string) =>
      new GraphWidget({ title, width: 12, left: regions.flatMap((region) => checkTypes.map((type) => metric(metricName, region, type))) });
    this.dashboard = new Dashboard(this, 'Dashboard', {
      defaultInterval: Duration.days(90),
      widgets: [
        [
          new TextWidget({
            width: 24,
            height: 2,
            markdown:
              '## Curfew safeguarding checks: performance and quality\nDaily sums by region and check type, from keep-performance-counts (ADR 0020). ' +
              'Court teams see their own figures, small cells suppressed, on the service\'s /performance page.',
          }),
        ],
        [byRegion('Proposals started', 'ProposalsStarted'), byRegion('Every check answered before the hearing', 'CheckedBeforeHearing')],
        [byRegionAndCheck('Checks answered', 'ChecksAnswered'), byRegionAndCheck('Checks overdue', 'ChecksOverdue')],
        [byRegion('Decisions that needed a countersignature', 'CountersignaturesNeeded')],
      ],
    });
  }
}
