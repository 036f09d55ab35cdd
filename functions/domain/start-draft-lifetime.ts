/**
 * How long a court officer's unsent start-checks form is kept: 3 days. Long enough to survive a
 * session timeout, a hearing that runs over and the next morning; short enough that names and an
 * address nobody sent anywhere do not linger. Deletion by TTL is lazy (up to days), so readers
 * also treat a draft past this time as gone.
 */
export const startDraftLifetimeSeconds = 3 * 24 * 60 * 60;

/** When a draft saved at `savedAt` stops counting (epoch seconds, as DynamoDB's TTL takes it). */
export function startDraftExpiresAt(savedAt: Date): number {
  return Math.floor(savedAt.getTime() / 1000) + startDraftLifetimeSeconds;
}

/** Whether a draft that expires at `expiresAt` (epoch seconds) still counts at `at`. */
export function startDraftIsLive(expiresAt: number, at: Date): boolean {
  return at.getTime() < expiresAt * 1000;
}
