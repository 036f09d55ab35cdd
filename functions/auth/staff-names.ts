import { staffDisplayNames } from '#store/staff-directory';

/**
 * How pages name staff: by the name each person's sign-in gave the staff directory, read for all
 * the given ids at once. An id the directory cannot name is shown as it is.
 */
export async function staffNamesOf(staffIds: readonly string[]): Promise<(id: string) => string> {
  const names = await staffDisplayNames(staffIds);
  return (id) => names.get(id) ?? id;
}
