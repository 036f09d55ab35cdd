import { readEnvironment } from '#runtime/environment';
import { defaultRetryPolicy, type RetryPolicy } from '#domain/delivery-state';
import { resolveTemplateIds, type TemplateIds } from './templates.ts';

/**
 * GOV.UK Notify settings: the `notifySending` and `notifyCallback` groups of
 * functions/runtime/environment.ts, which says what each variable is and checks it. Only two
 * functions need them; each calls its `require…` function when its module loads, after the
 * secret is in the environment (secrets.ts), so a missing value fails that function at cold start
 * and nothing else. Each call reads the environment as it is then, not a kept copy.
 */
export const notifyProductionUrl = 'https://api.notifications.service.gov.uk';

export interface NotifySendingConfig {
  baseUrl: string;
  apiKey: string;
  templates: TemplateIds;
  retry: RetryPolicy;
}

/** For the function that sends: the key, where Notify is, the templates and the retry policy. */
export function requireNotifySendingConfig(): NotifySendingConfig {
  const settings = readEnvironment('notifySending');
  const baseUrl = (settings.NOTIFY_BASE_URL ?? notifyProductionUrl).replace(/\/+$/, '');
  return {
    baseUrl,
    apiKey: settings.NOTIFY_API_KEY,
    templates: resolveTemplateIds(settings.NOTIFY_TEMPLATES, { complete: baseUrl === notifyProductionUrl }),
    retry: { ...defaultRetryPolicy, baseDelayMs: settings.NOTIFY_RETRY_BASE_MS ?? defaultRetryPolicy.baseDelayMs },
  };
}

/** For the callback function: the bearer token Notify was given for delivery receipts. */
export function requireNotifyCallbackToken(): string {
  return readEnvironment('notifyCallback').NOTIFY_CALLBACK_BEARER_TOKEN;
}
