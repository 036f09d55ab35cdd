/**
 * Named moments in a use case that something outside the handlers may watch: the local stack's
 * crash-recovery harness (infra/local/crash-points.ts) kills the process at one to prove that
 * nothing is lost or sent twice when a Lambda container dies there. Deployed, nothing watches, and
 * passing a checkpoint is one property lookup.
 */
export type Checkpoint =
  /** An answer is stored; the workflow's task is not yet completed. */
  | 'answer-stored'
  /** A withdrawal of consent is stored; the workflow is not yet stopped or woken. */
  | 'consent-withdrawn'
  /** GOV.UK Notify accepted a message; it is not yet recorded as sent. */
  | 'message-sent'
  /** An adjournment is stored (the hearing, the checks' due times and links moved); the officer has no answer yet. */
  | 'hearing-moved'
  /** Another address is stored (the new version and the old one's link to it); its workflow is not yet started. */
  | 'address-replaced';

export type CheckpointWatcher = (name: Checkpoint) => void;

/** Process-wide (by this symbol), so a watcher set by the local stack is seen by every handler module. */
const watcherKey = Symbol.for('curfew-checks.checkpoint-watcher');

export function checkpoint(name: Checkpoint): void {
  ((globalThis as Record<symbol, unknown>)[watcherKey] as CheckpointWatcher | undefined)?.(name);
}

export function watchCheckpoints(watcher: CheckpointWatcher | undefined): void {
  (globalThis as Record<symbol, unknown>)[watcherKey] = watcher;
}
