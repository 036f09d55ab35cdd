import { writeSync } from 'node:fs';

/**
 * Crash points for the crash-recovery harness (test/reliability): named places where the local
 * stack's process can be made to die at once, as a Lambda container or a laptop can, to prove
 * that nothing is lost or sent twice when it does. Inert unless LOCAL_CRASH_POINTS names the point
 * (`answer-stored:0.3,message-sent:1`: each name with the probability that a pass through it kills
 * the process), and always inert in Lambda (AWS_LAMBDA_FUNCTION_NAME is set there).
 */
function parseCrashPoints(setting: string | undefined): ReadonlyMap<string, number> {
  if (setting === undefined || setting === '' || process.env.AWS_LAMBDA_FUNCTION_NAME !== undefined) {
    return new Map();
  }
  const points = new Map<string, number>();
  for (const entry of setting.split(',')) {
    const [name, probability] = entry.split(':').map((part) => part.trim());
    const chance = probability === undefined ? 1 : Number(probability);
    if (name !== undefined && name !== '' && Number.isFinite(chance) && chance > 0) {
      points.set(name, Math.min(chance, 1));
    }
  }
  return points;
}

const armed = parseCrashPoints(process.env.LOCAL_CRASH_POINTS);

export function crashPoint(name: string): void {
  const chance = armed.get(name);
  if (chance === undefined || Math.random() >= chance) {
    return;
  }
  // Synchronous, so the harness learns which point fired before the process is gone.
  writeSync(2, `CRASH_POINT ${name}\n`);
  process.kill(process.pid, 'SIGKILL');
}
