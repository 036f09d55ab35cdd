import { staffDisplayNames } from '#store/staff-directory';

/**
 * Someone the directory cannot name: a person who has not signed in for a year, or whose account
 * has no email address. Deployed, a staff id is a Cognito `sub` (a long random code) that means
 * nothing to a reader, so the page says the name is not known and gives the id's last characters,
 * which the service's support can look up in the user pool and the audit export.
 */
export function unknownStaffName(id: string): string {
  return `Name not known (staff ID ending ${id.slice(-6)})`;
}

/**
 * How pages name staff: by the name each person's sign-in gave the staff directory, read for all
 * the given ids at once, or {@link unknownStaffName}.
 */
export async function staffNamesOf(staffIds: readonly string[]): Promise<(id: string) => string> {
  const names = await staffDisplayNames(staffIds);
  return (id) => names.get(id) ?? unknownStaffName(id);
}
