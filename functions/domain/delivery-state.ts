/**
 * Where an outbox message is on its way to a person, and the rules that move it on. Pure: the
 * delivery step and the callback handler do the conditional writes these decisions describe.
 *
 * PENDING ──claim──▶ SENDING ──201──▶ SENT ──receipt──▶ DELIVERED | *_FAILURE
 *    ▲                  │ 429/5xx/network: attempts + 1, back off (TECHNICAL_FAILURE after the last)
 *    └──────────────────┘ 400: PERMANENT_FAILURE at once
 *
 * A message written before delivery existed has no status: it counts as PENDING.
 */
export const deliveryStatuses = ['PENDING', 'SENDING', 'SENT', 'DELIVERED', 'PERMANENT_FAILURE', 'TEMPORARY_FAILURE', 'TECHNICAL_FAILURE'] as const;
export type DeliveryStatus = (typeof deliveryStatuses)[number];

/** Statuses nothing moves on from; a receipt never overwrites one of them. */
export const finalDeliveryStatuses: readonly DeliveryStatus[] = ['DELIVERED', 'PERMANENT_FAILURE', 'TEMPORARY_FAILURE', 'TECHNICAL_FAILURE'];

/** Why the last attempt did not hand the message to Notify (never the error text: it can echo an address). */
export type SendFailure = 'RATE_LIMITED' | 'SERVER_ERROR' | 'NETWORK' | 'AUTH' | 'REJECTED' | 'NO_TEMPLATE' | 'UNRECOGNISED_ADDRESS' | 'MISSING_LINK' | 'MISSING_CONTEXT';

/** The delivery fields an outbox item carries (all optional: older items have none). */
export interface DeliveryState {
  deliveryStatus?: DeliveryStatus;
  /** Failed attempts to hand the message to Notify. */
  attempts?: number;
  /** PENDING after a failure: not before this (ISO 8601). */
  nextAttemptAt?: string;
  /** SENDING: when this claim was taken, and by whom (a random id). */
  sendingSince?: string;
  claimId?: string;
  lastFailure?: SendFailure;
  channel?: 'EMAIL' | 'SMS';
  /** Notify's id for the notification, once it has accepted it. */
  notificationId?: string;
  sentToNotifyAt?: string;
  /** When Notify reported the final status. */
  completedAt?: string;
}

export interface RetryPolicy {
  /** Delay before the second attempt; each later one doubles it. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** After this many failed attempts the message is TECHNICAL_FAILURE. */
  maxAttempts: number;
  /** A claim older than this is taken to be a crash mid-send. */
  stuckAfterMs: number;
}

export const defaultRetryPolicy: RetryPolicy = { baseDelayMs: 10_000, maxDelayMs: 15 * 60_000, maxAttempts: 8, stuckAfterMs: 2 * 60_000 };

export function deliveryStatusOf(state: DeliveryState): DeliveryStatus {
  return state.deliveryStatus ?? 'PENDING';
}

export function isFinalDeliveryStatus(status: DeliveryStatus): boolean {
  return finalDeliveryStatuses.includes(status);
}

/** Failures after which Notify may have created the notification even though we saw no 201. */
const ambiguousFailures: readonly SendFailure[] = ['SERVER_ERROR', 'NETWORK'];

/**
 * What to do with a message now:
 * - SEND: it is due and Notify cannot have it;
 * - LOOKUP_THEN_SEND: Notify may already have it (a claim left SENDING by a crash, or a 5xx or
 *   network error after the request left us), so ask Notify for notifications with its reference
 *   first and send only if there is none. The reference is the message id, which is why retrying
 *   is safe: the question "did Notify get it?" always has an answer;
 * - WAIT: backing off; NONE: someone else is sending it, or it is done.
 */
export function nextDeliveryStep(state: DeliveryState, at: Date, policy: RetryPolicy): 'SEND' | 'LOOKUP_THEN_SEND' | 'WAIT' | 'NONE' {
  switch (deliveryStatusOf(state)) {
    case 'PENDING':
      if (state.nextAttemptAt !== undefined && new Date(state.nextAttemptAt).getTime() > at.getTime()) {
        return 'WAIT';
      }
      return state.lastFailure !== undefined && ambiguousFailures.includes(state.lastFailure) ? 'LOOKUP_THEN_SEND' : 'SEND';
    case 'SENDING':
      return state.sendingSince === undefined || at.getTime() - new Date(state.sendingSince).getTime() > policy.stuckAfterMs ? 'LOOKUP_THEN_SEND' : 'NONE';
    default:
      return 'NONE';
  }
}

/**
 * Exponential backoff with "equal jitter": half the doubled delay, plus a random part of the other
 * half, so retries after a rate limit spread out instead of arriving together. `attempt` counts the
 * failed attempts so far (1 after the first failure); `random` is in [0, 1).
 */
export function backoffDelayMs(attempt: number, random: number, policy: RetryPolicy): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (ceiling / 2) * random);
}

export type FailureOutcome =
  | { deliveryStatus: 'PENDING'; attempts: number; nextAttemptAt: string; lastFailure: SendFailure }
  | { deliveryStatus: 'PERMANENT_FAILURE' | 'TECHNICAL_FAILURE'; attempts: number; lastFailure: SendFailure };

/** Failures that will never succeed however often they are tried. */
const permanentFailures: readonly SendFailure[] = ['REJECTED', 'NO_TEMPLATE', 'UNRECOGNISED_ADDRESS', 'MISSING_LINK', 'MISSING_CONTEXT'];

/** The state after a failed attempt: retry later, or give up. */
export function afterFailedAttempt(previousAttempts: number, failure: SendFailure, at: Date, random: number, policy: RetryPolicy): FailureOutcome {
  const attempts = previousAttempts + 1;
  if (permanentFailures.includes(failure)) {
    return { deliveryStatus: 'PERMANENT_FAILURE', attempts, lastFailure: failure };
  }
  if (attempts >= policy.maxAttempts) {
    return { deliveryStatus: 'TECHNICAL_FAILURE', attempts, lastFailure: failure };
  }
  return { deliveryStatus: 'PENDING', attempts, nextAttemptAt: new Date(at.getTime() + backoffDelayMs(attempts, random, policy)).toISOString(), lastFailure: failure };
}

/** Notify's final statuses for email and SMS, as its callbacks name them. */
export const notifyReceiptStatuses = {
  delivered: 'DELIVERED',
  'permanent-failure': 'PERMANENT_FAILURE',
  'temporary-failure': 'TEMPORARY_FAILURE',
  'technical-failure': 'TECHNICAL_FAILURE',
} as const satisfies Record<string, DeliveryStatus>;

export type NotifyReceiptStatus = keyof typeof notifyReceiptStatuses;

/** A receipt applies unless the message already has a final status (callbacks can repeat or race). */
export function receiptApplies(current: DeliveryState): boolean {
  return !isFinalDeliveryStatus(deliveryStatusOf(current));
}

/** Statuses that mean the person did not get the message: the officer must be told. */
export function isUndelivered(status: DeliveryStatus): boolean {
  return status === 'PERMANENT_FAILURE' || status === 'TEMPORARY_FAILURE' || status === 'TECHNICAL_FAILURE';
}
