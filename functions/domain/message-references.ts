/**
 * The check a message is about, from its stable reference (`REQUEST#<checkId>`,
 * `REMINDER#<checkId>#<point>`, `OVERDUE#<checkId>#<role>`, …); a digest (`DIGEST#…`, `AGENCY_DIGEST#…`) is about no one check.
 */
export function checkIdOf(message: { id: string; kind: string }): string | undefined {
  if (message.kind === 'DIGEST' || message.kind === 'AGENCY_DIGEST') {
    return undefined;
  }
  const checkId = message.id.split('#')[1];
  return checkId === undefined || checkId === '' ? undefined : checkId;
}
