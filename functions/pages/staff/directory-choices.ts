import { findLocalAuthority, findPoliceForce, localAuthorityCodes, policeForceCodes } from '#schemas/directory';
import type { Choice } from './start-checks.ts';

/** The directory's police forces and local authorities as select choices, by name. */
export const policeForceChoices: readonly Choice[] = policeForceCodes
  .map((code) => ({ value: code, text: findPoliceForce(code)?.name ?? code }))
  .sort((a, b) => a.text.localeCompare(b.text));

export const localAuthorityChoices: readonly Choice[] = localAuthorityCodes
  .map((code) => ({ value: code, text: findLocalAuthority(code)?.name ?? code }))
  .sort((a, b) => a.text.localeCompare(b.text));
