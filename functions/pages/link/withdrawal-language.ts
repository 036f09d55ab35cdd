import type { CheckItem, ProposalItem } from '#store/items';
import type { Language } from './language.ts';

/** The language the resident chose when the officer entered them (their withdrawal pages default to it). */
export function residentLanguage(proposal: ProposalItem, check: CheckItem): Language {
  return proposal.residents.find((resident) => resident.residentId === check.residentId)?.language ?? 'en';
}
