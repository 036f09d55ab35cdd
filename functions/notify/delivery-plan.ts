import type { SendFailure } from '#domain/delivery-state';
import type { MessageContext } from '#store/delivery-store';
import { checkIdOf } from '#domain/message-references';
import type { MessageKind, ProposalMessage, StoredOutboxMessage } from '#store/outbox';
import { agencyDigestPersonalisation, consentConfirmedPersonalisation, agencyPersonalisation, digestPersonalisation, noLongerNeededPersonalisation, officerPersonalisation, residentPersonalisation, type Personalisation } from './personalisation.ts';
import type { TemplateIds, TemplateSlot } from './templates.ts';

/**
 * Turns an outbox message into one Notify call: who reads it, by email or SMS, which template,
 * and the personalisation. Pure, so the rules about what each reader may see are tested alone.
 */
export type Audience = 'AGENCY' | 'RESIDENT' | 'OFFICER';
export type Channel = 'EMAIL' | 'SMS';

export interface DeliveryPlan {
  channel: Channel;
  templateId: string;
  to: string;
  personalisation: Personalisation;
}

export function audienceOf(kind: MessageKind, checkType: ProposalMessage['checkType']): Audience {
  switch (kind) {
    case 'REQUEST':
    case 'REMINDER':
    case 'NO_LONGER_NEEDED':
      return checkType === 'RESIDENT_CONSENT' ? 'RESIDENT' : 'AGENCY';
    case 'CONSENT_CONFIRMED':
      return 'RESIDENT';
    case 'AGENCY_DIGEST':
      return 'AGENCY';
    case 'OVERDUE':
    case 'NEEDS_CONTACT':
    case 'DECISION_RETURNED':
    case 'NEW_LINK_REQUESTED':
    case 'CONSENT_WITHDRAWN':
    case 'CONSENT_WITHDRAWN_AFTER_HEARING':
    case 'DIGEST':
      return 'OFFICER';
  }
}

const ukMobile = /^(?:07\d{9}|\+447\d{9})$/;
const emailShape = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Agencies and officers always get email; a resident's contact is an email address or a UK mobile, by its shape. */
export function channelFor(audience: Audience, to: string): Channel | undefined {
  if (audience === 'RESIDENT' && ukMobile.test(to.replace(/\s+/g, ''))) {
    return 'SMS';
  }
  return emailShape.test(to) ? 'EMAIL' : undefined;
}

/** Message kinds whose reader must act through a link. */
function needsLink(kind: MessageKind): boolean {
  return kind === 'REQUEST' || kind === 'REMINDER' || kind === 'CONSENT_CONFIRMED';
}

/**
 * A message that has reached its final status no longer has its address or link (store/outbox.ts);
 * it is never planned again, but if it were, it would be refused here rather than sent blank.
 */
export function planDelivery(message: StoredOutboxMessage, context: MessageContext | undefined, templates: TemplateIds): DeliveryPlan | { problem: SendFailure } {
  const audience = audienceOf(message.kind, message.kind === 'DIGEST' || message.kind === 'AGENCY_DIGEST' ? undefined : message.checkType);
  const address = message.to;
  const channel = address === undefined ? undefined : channelFor(audience, address);
  if (address === undefined || channel === undefined) {
    return { problem: 'UNRECOGNISED_ADDRESS' };
  }
  const welsh = audience === 'RESIDENT' && context?.language === 'cy';
  const templateId = templates[message.kind][`${audience}_${channel}${welsh ? '_CY' : ''}` as TemplateSlot];
  if (templateId === undefined) {
    return { problem: 'NO_TEMPLATE' };
  }
  const to = channel === 'SMS' ? address.replace(/\s+/g, '') : address;
  if (message.kind === 'DIGEST') {
    if (message.overdue === undefined || message.url === undefined) {
      return { problem: 'MISSING_CONTEXT' };
    }
    return { channel, templateId, to, personalisation: digestPersonalisation({ courtCode: message.courtCode, date: message.date, overdue: message.overdue, link: message.url }) };
  }
  if (message.kind === 'AGENCY_DIGEST') {
    if (message.enquiries === undefined) {
      return { problem: 'MISSING_CONTEXT' };
    }
    return { channel, templateId, to, personalisation: agencyDigestPersonalisation({ date: message.date, enquiries: message.enquiries }) };
  }
  if (audience === 'OFFICER') {
    return { channel, templateId, to, personalisation: officerPersonalisation({ proposalId: message.proposalId, checkType: message.checkType }) };
  }
  if (message.kind === 'NO_LONGER_NEEDED') {
    if (context === undefined || message.checkType === undefined) {
      return { problem: 'MISSING_CONTEXT' };
    }
    return { channel, templateId, to, personalisation: noLongerNeededPersonalisation({ forAgency: audience === 'AGENCY', courtCode: context.courtCode, checkType: message.checkType, checkId: checkIdOf(message) }) };
  }
  if (needsLink(message.kind) && message.url === undefined) {
    return { problem: 'MISSING_LINK' };
  }
  if (message.kind === 'CONSENT_CONFIRMED' && message.url !== undefined) {
    // The withdrawal link only: no date to answer by, and never the defendant's name.
    return { channel, templateId, to, personalisation: consentConfirmedPersonalisation({ link: message.url }) };
  }
  if (context === undefined || message.url === undefined || message.checkType === undefined) {
    return { problem: 'MISSING_CONTEXT' };
  }
  const personalisation =
    audience === 'RESIDENT'
      ? residentPersonalisation({ link: message.url, dueAt: context.dueAt, language: welsh ? 'cy' : 'en' })
      : agencyPersonalisation({ link: message.url, dueAt: context.dueAt, courtCode: context.courtCode, checkType: message.checkType, checkId: checkIdOf(message) });
  return { channel, templateId, to, personalisation };
}
