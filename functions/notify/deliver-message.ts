import { now } from '#runtime/clock';
import { checkpoint } from '#runtime/checkpoints';
import { logger } from '#runtime/logger';
import { planDelivery } from './delivery-plan.ts';
import { afterFailedAttempt, nextDeliveryStep, type RetryPolicy, type SendFailure } from '#domain/delivery-state';
import { claimMessage, messageContext, recordRetry, recordSendFailure, recordSent, type StoredMessage } from '#store/delivery-store';
import type { NotifyGateway } from './notify-gateway.ts';
import type { TemplateIds } from './templates.ts';

export type DeliveryResult = 'SENT' | 'FOUND_AT_NOTIFY' | 'RETRY_LATER' | 'FAILED' | 'LEFT_SENDING' | 'NOT_DUE' | 'CLAIMED_ELSEWHERE';

export interface Deliverer {
  gateway: NotifyGateway;
  templates: TemplateIds;
  retry: RetryPolicy;
  random?: () => number;
}

/**
 * Delivers one outbox message at most once. The item is claimed (PENDING → SENDING, conditional)
 * before Notify is called, with `reference` = the message id, so two deliverers never both send.
 *
 * Why references make retries safe: a send can fail in a way that leaves us not knowing whether
 * Notify created the notification (a crash after the request left, a 5xx, a dropped connection).
 * Such a message is not simply sent again: it is first looked up at Notify by its reference (the
 * message id). If Notify has it, it is recorded as SENT with Notify's id; only if Notify has never
 * heard of it is it sent. A claim left SENDING for longer than `retry.stuckAfterMs` is treated
 * the same way.
 *
 * Logs carry the message id, kind, channel and status only: never the address, link or personalisation.
 */
export async function deliverMessage(message: StoredMessage, deliverer: Deliverer): Promise<DeliveryResult> {
  const at = now();
  const step = nextDeliveryStep(message, at, deliverer.retry);
  if (step === 'WAIT' || step === 'NONE') {
    return 'NOT_DUE';
  }
  const log = { messageId: message.id, kind: message.kind };
  // A request, a reminder, or a stopped request's notice (which names the court and the enquiry) reads its check and proposal.
  const context = message.kind === 'REQUEST' || message.kind === 'REMINDER' || message.kind === 'NO_LONGER_NEEDED' ? await messageContext(message) : undefined;
  const plan = planDelivery(message, context, deliverer.templates);
  if ('problem' in plan) {
    const outcome = afterFailedAttempt(message.attempts ?? 0, plan.problem, at, 0, deliverer.retry);
    const claim = message.deliveryStatus === 'SENDING' ? message.claimId : undefined;
    if (outcome.deliveryStatus !== 'PENDING' && (await recordSendFailure(message, claim, outcome, at))) {
      logger.warn('Message cannot be sent', { ...log, deliveryStatus: outcome.deliveryStatus, failure: plan.problem });
      return 'FAILED';
    }
    return 'CLAIMED_ELSEWHERE';
  }
  const claimId = await claimMessage(message, plan.channel, at);
  if (claimId === undefined) {
    return 'CLAIMED_ELSEWHERE';
  }
  const withChannel = { ...log, channel: plan.channel };

  if (step === 'LOOKUP_THEN_SEND') {
    const known = await deliverer.gateway.findByReference(message.id);
    if (known.found === true) {
      await recordSent(message.id, claimId, known.notificationId, now());
      logger.info('Message already at Notify: not sent again', { ...withChannel, deliveryStatus: 'SENT' });
      return 'FOUND_AT_NOTIFY';
    }
    if (known.found === 'ERROR') {
      return failed(message, claimId, known.failure, deliverer, withChannel);
    }
  }

  const outcome = await deliverer.gateway.send(plan, message.id);
  if (outcome.sent === 'UNKNOWN') {
    // Left SENDING on purpose: after `stuckAfterMs` the reference lookup settles it.
    logger.warn('No answer from Notify: left for the stuck-message check', { ...withChannel, deliveryStatus: 'SENDING' });
    return 'LEFT_SENDING';
  }
  if (outcome.sent) {
    checkpoint('message-sent'); // Accepted by Notify, not yet recorded as SENT: where the crash harness may stop the process.
    await recordSent(message.id, claimId, outcome.notificationId, now());
    logger.info('Message handed to Notify', { ...withChannel, deliveryStatus: 'SENT' });
    return 'SENT';
  }
  return failed(message, claimId, outcome.failure, deliverer, { ...withChannel, httpStatus: outcome.httpStatus });
}

async function failed(message: StoredMessage, claimId: string, failure: SendFailure, deliverer: Deliverer, log: Record<string, unknown>): Promise<DeliveryResult> {
  const at = now();
  const outcome = afterFailedAttempt(message.attempts ?? 0, failure, at, (deliverer.random ?? Math.random)(), deliverer.retry);
  const details = { ...log, failure, attempts: outcome.attempts, deliveryStatus: outcome.deliveryStatus };
  if (failure === 'AUTH') {
    // Our API key or clock is wrong: no message will go until someone fixes it.
    logger.error('Notify refused our credentials', details);
  }
  if (outcome.deliveryStatus === 'PENDING') {
    await recordRetry(message.id, claimId, outcome);
    logger.info('Message not accepted by Notify: will retry', details);
    return 'RETRY_LATER';
  }
  await recordSendFailure(message, claimId, outcome, at);
  logger.warn('Message not delivered', details);
  return 'FAILED';
}
