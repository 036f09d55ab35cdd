import { defaultRetryPolicy, type RetryPolicy } from '#domain/delivery-state';
import { resolveTemplateIds, type TemplateIds } from './templates.ts';

/**
 * GOV.UK Notify settings. Kept out of `config.ts` because only two functions need them: each calls
 * its `require…` function when its module loads, so a missing value fails that function at cold
 * start and nothing else.
 *
 * - NOTIFY_API_KEY: `{key_name}-{service_id}-{secret}` (deployed: read from Secrets Manager at cold start, secrets.ts)
 * - NOTIFY_BASE_URL: optional; real Notify when unset (the local stack points it at a fake)
 * - NOTIFY_TEMPLATES: JSON template ids (see templates.ts); required for real Notify
 * - NOTIFY_RETRY_BASE_MS: optional; the first retry delay (default 10 s; tests shorten it)
 * - NOTIFY_CALLBACK_BEARER_TOKEN: what Notify sends with delivery receipts
 */
export const notifyProductionUrl = 'https://api.notifications.service.gov.uk';

export interface NotifySendingConfig {
  baseUrl: string;
  apiKey: string;
  templates: TemplateIds;
  retry: RetryPolicy;
}

const uuid = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const apiKeyShape = new RegExp(`^.+-${uuid}-${uuid}$`, 'i');

function read(name: string): string | undefined {
  const value = process.env[name];
  return value === undefined || value === '' ? undefined : value;
}

function required(name: string): string {
  const value = read(name);
  if (value === undefined) {
    throw new Error(`Missing required environment variable ${name}`);
  }
  return value;
}

/** For the function that sends: the key, where Notify is, the templates and the retry policy. */
export function requireNotifySendingConfig(): NotifySendingConfig {
  const apiKey = required('NOTIFY_API_KEY');
  if (!apiKeyShape.test(apiKey)) {
    // Never echo the value: it is a secret.
    throw new Error('NOTIFY_API_KEY is not a GOV.UK Notify API key ({key_name}-{service_id}-{secret})');
  }
  const baseUrl = (read('NOTIFY_BASE_URL') ?? notifyProductionUrl).replace(/\/+$/, '');
  const retryBase = read('NOTIFY_RETRY_BASE_MS');
  const baseDelayMs = retryBase === undefined ? defaultRetryPolicy.baseDelayMs : Number(retryBase);
  if (!Number.isInteger(baseDelayMs) || baseDelayMs <= 0) {
    throw new Error('NOTIFY_RETRY_BASE_MS must be a positive whole number of milliseconds');
  }
  return {
    baseUrl,
    apiKey,
    templates: resolveTemplateIds(read('NOTIFY_TEMPLATES'), { complete: baseUrl === notifyProductionUrl }),
    retry: { ...defaultRetryPolicy, baseDelayMs },
  };
}

/** For the callback function: the bearer token Notify was given for delivery receipts. */
export function requireNotifyCallbackToken(): string {
  const token = required('NOTIFY_CALLBACK_BEARER_TOKEN');
  if (token.length < 16) {
    throw new Error('NOTIFY_CALLBACK_BEARER_TOKEN must be at least 16 characters');
  }
  return token;
}
