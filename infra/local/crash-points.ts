import { writeSync } from 'node:fs';
import { watchCheckpoints, type Checkpoint } from '#runtime/checkpoints';

/**
 * Crash points for the crash-recovery harness (test/reliability): the local stack's process dies
 * at once at a named checkpoint, as a Lambda container or a laptop can, to prove that nothing is
 * lost or sent twice when it does. Armed only by LOCAL_CRASH_POINTS (`answer-stored:0.3,message-sent:1`:
 * each name with the probability that a pass through it kills the process).
 */
export function parseCrashPoints(setting: string | undefined): ReadonlyMap<string, number> {
  const points = new Map<string, number>();
  for (const entry of (setting ?? '').split(',')) {
    const [name, probability] = entry.split(':').map((part) => part.trim());
    const chance = probability === undefined ? 1 : Number(probability);
    if (name !== undefined && name !== '' && Number.isFinite(chance) && chance > 0) {
      points.set(name, Math.min(chance, 1));
    }
  }
  return points;
}

/** Arms the crash points LOCAL_CRASH_POINTS names, if any; otherwise nothing watches the checkpoints. */
export function armCrashPoints(setting: string | undefined): void {
  const armed = parseCrashPoints(setting);
  if (armed.size === 0) return;
  watchCheckpoints((name: Checkpoint) => {
    const chance = armed.get(name);
    if (chance === undefined || Math.random() >= chance) return;
    // Synchronous, so the harness learns which point fired before the process is gone.
    writeSync(2, `CRASH_POINT ${name}\n`);
    process.kill(process.pid, 'SIGKILL');
  });
}
