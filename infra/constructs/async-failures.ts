import { Duration } from 'aws-cdk-lib';
import type { Alarm } from 'aws-cdk-lib/aws-cloudwatch';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { deadLetterQueueAlarm } from '#infra/constructs/operational-alarms';

/**
 * A dead-letter queue as every one in this stack is: SSE-SQS (which, unlike the AWS managed KMS
 * key, Lambda destinations and EventBridge Scheduler can write to), TLS only, and 14 days (SQS's
 * longest) to look at what failed.
 */
export function deadLetterQueue(scope: Construct, id: string): Queue {
  return new Queue(scope, id, {
    encryption: QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    retentionPeriod: Duration.days(14),
  });
}

export interface AsyncInvocationFailuresProps {
  /** A function that something invokes asynchronously (EventBridge Scheduler, CloudFormation). */
  readonly fn: IFunction;
  /** Lambda's own retries of a failed event (0 to 2). */
  readonly retryAttempts: number;
  /** How long Lambda keeps an event it could not run yet (throttled) before giving up on it. */
  readonly maxEventAge: Duration;
  /** For the alarm: what a failed event means and what to do about it. */
  readonly whatToDo: string;
}

/**
 * Where an asynchronous invocation of a function ends up when the function keeps failing on it:
 * an on-failure destination (a queue, with the event and the error), and an alarm on the queue.
 * Without it Lambda drops the event after its retries and nobody knows.
 */
export class AsyncInvocationFailures extends Construct {
  readonly queue: Queue;
  readonly alarm: Alarm;

  constructor(scope: Construct, id: string, props: AsyncInvocationFailuresProps) {
    super(scope, id);
    this.queue = deadLetterQueue(this, 'Queue');
    props.fn.configureAsyncInvoke({
      onFailure: new SqsDestination(this.queue),
      retryAttempts: props.retryAttempts,
      maxEventAge: props.maxEventAge,
    });
    this.alarm = deadLetterQueueAlarm(this, 'Alarm', this.queue, props.whatToDo);
  }
}
