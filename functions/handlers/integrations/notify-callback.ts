import * as z from 'zod';
import { now } from '#runtime/clock';
import { UnauthenticatedError } from '#runtime/errors';
import { httpHandler, json, parseBody } from '#runtime/http-handler';
import { logger } from '#runtime/logger';
import { bearerTokenMatches } from '#notify/callback-token';
import { notifyReceiptStatuses } from '#domain/delivery-state';
import { applyReceipt, getOutboxMessage } from '#store/delivery-store';
import { requireNotifyCallbackToken } from '#notify/notify-config';
import { loadSecretIntoEnvironment, notifyCallbackTokenSecret } from '#notify/secrets';

/**
 * POST /notify/callback: GOV.UK Notify's delivery receipts. Notify sends the bearer token we gave
 * it; anything else is 401 and changes nothing. The receipt's `reference` is our message id. A
 * final status is never overwritten (receipts can repeat), and a message that did not reach its
 * reader marks the check with a delivery problem and the audit trail, so the officer finds out.
 * The receipt's `to` is never stored or logged.
 */
await loadSecretIntoEnvironment(notifyCallbackTokenSecret);
const callbackToken = requireNotifyCallbackToken();

const receiptSchema = z.object({
  id: z.string().min(1),
  reference: z.string().min(1).nullable(),
  status: z.string().min(1),
  completed_at: z.string().nullable().optional(),
  notification_type: z.string().optional(),
});

/**
 * Our message ids are short (`REQUEST#<check id>`, `DIGEST#<court>#<date>#<staff id>`, …): a longer
 * reference is not ours, and could not even be looked up (DynamoDB refuses a sort key over 1 KiB,
 * which was a 500).
 */
const maxReferenceBytes = 512;

export const handler = httpHandler(async (event) => {
  if (!bearerTokenMatches(event.headers.authorization, callbackToken)) {
    logger.warn('Notify callback with a wrong bearer token');
    throw new UnauthenticatedError();
  }
  const receipt = parseBody(event, receiptSchema);
  // Own keys only: `in` also finds what every object inherits (`"status":"toString"`).
  const status = Object.hasOwn(notifyReceiptStatuses, receipt.status) ? notifyReceiptStatuses[receipt.status as keyof typeof notifyReceiptStatuses] : undefined;
  const { reference } = receipt;
  const message = reference === null || Buffer.byteLength(reference, 'utf8') > maxReferenceBytes ? undefined : await getOutboxMessage(reference);
  if (status === undefined || message === undefined) {
    // Not ours, or not a final status: acknowledge, so Notify does not retry it.
    logger.info('Notify receipt ignored', { notificationId: receipt.id, finalStatus: status !== undefined, knownReference: message !== undefined });
    return json(200, { result: 'IGNORED' });
  }
  const applied = await applyReceipt(message, status, receipt.id, receipt.completed_at ?? undefined, now());
  logger.info('Notify receipt', { messageId: message.id, kind: message.kind, notificationId: receipt.id, deliveryStatus: status, applied });
  return json(200, { result: applied ? 'APPLIED' : 'ALREADY_FINAL' });
});
