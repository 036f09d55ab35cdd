import { randomUUID } from 'node:crypto';
import type { EventItem } from './items.ts';

/** An audit event for a proposal's timeline: who did what to which check, never what they wrote. */
export function eventItem(proposalId: string, type: string, actor: string, at: Date, checkId?: string): EventItem {
  const iso = at.toISOString();
  return { pk: `PROPOSAL#${proposalId}`, sk: `EVENT#${iso}#${randomUUID()}`, itemType: 'EVENT', type, at: iso, actor, ...(checkId === undefined ? {} : { checkId }) };
}
