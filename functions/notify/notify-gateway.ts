import { NotifyClient } from 'notifications-node-client';
import type { DeliveryPlan } from './delivery-plan.ts';
import type { SendFailure } from '#domain/delivery-state';

/**
 * The adapter around the official GOV.UK Notify client: one call to send, one to ask whether a
 * reference is known, each answering in our terms instead of throwing axios errors. Error bodies
 * are never kept or logged: Notify's messages can echo the address.
 */
export type SendOutcome = { sent: true; notificationId: string } | { sent: false; failure: SendFailure; httpStatus?: number } | { sent: 'UNKNOWN' };

export type LookupOutcome = { found: true; notificationId: string } | { found: false } | { found: 'ERROR'; failure: SendFailure };

export interface NotifyGateway {
  send(plan: DeliveryPlan, reference: string): Promise<SendOutcome>;
  findByReference(reference: string): Promise<LookupOutcome>;
}

/** The HTTP status of a failed axios call, or undefined when no response came back. */
function httpStatusOf(error: unknown): number | undefined {
  if (typeof error === 'object' && error !== null && 'response' in error) {
    const response: unknown = error.response;
    if (typeof response === 'object' && response !== null && 'status' in response && typeof response.status === 'number') {
      return response.status;
    }
  }
  return undefined;
}

/** 400 (and other 4xx): Notify will never take it. 403: our key; 429 and 5xx: try again later. */
export function failureFor(httpStatus: number | undefined): SendFailure {
  if (httpStatus === undefined) return 'NETWORK';
  if (httpStatus === 429) return 'RATE_LIMITED';
  if (httpStatus === 401 || httpStatus === 403) return 'AUTH';
  if (httpStatus >= 500) return 'SERVER_ERROR';
  return 'REJECTED';
}

const timedOut = Symbol('timed out');

/** A send with no answer within this time is left SENDING: the stuck-message rule resolves it by reference. */
const sendTimeoutMs = 20_000;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | typeof timedOut> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([promise, new Promise<typeof timedOut>((resolve) => (timer = setTimeout(() => resolve(timedOut), ms)))]).finally(() => clearTimeout(timer));
}

export function createNotifyGateway(settings: { baseUrl: string; apiKey: string }): NotifyGateway {
  const client = new NotifyClient(settings.baseUrl, settings.apiKey);
  return {
    async send(plan, reference) {
      const request: Promise<{ data: { id: string } }> =
        plan.channel === 'EMAIL'
          ? client.sendEmail(plan.templateId, plan.to, { personalisation: plan.personalisation, reference })
          : client.sendSms(plan.templateId, plan.to, { personalisation: plan.personalisation, reference });
      try {
        const response = await withTimeout(request, sendTimeoutMs);
        if (response === timedOut) {
          request.catch(() => undefined);
          return { sent: 'UNKNOWN' };
        }
        return { sent: true, notificationId: response.data.id };
      } catch (error) {
        const httpStatus = httpStatusOf(error);
        return { sent: false, failure: failureFor(httpStatus), ...(httpStatus === undefined ? {} : { httpStatus }) };
      }
    },
    async findByReference(reference) {
      try {
        const response = await client.getNotifications(undefined, undefined, reference);
        const [notification] = response.data.notifications.filter((candidate) => candidate.reference === reference);
        return notification === undefined ? { found: false } : { found: true, notificationId: notification.id };
      } catch (error) {
        return { found: 'ERROR', failure: failureFor(httpStatusOf(error)) };
      }
    },
  };
}
