import type { CheckItem } from '#store/items';

/** The first request's message; a link sent again has its own (domain/link-resend.ts), named on the check as `linkMessageId`. */
export function requestMessageId(checkId: string): string {
  return `REQUEST#${checkId}`;
}

/** The message that carries a check's live link: the newest one sent. */
export function liveLinkMessageId(check: Pick<CheckItem, 'checkId' | 'linkMessageId'>): string {
  return check.linkMessageId ?? requestMessageId(check.checkId);
}
