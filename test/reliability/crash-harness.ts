/**
 * `npm run reliability:crash`: the full crash-recovery run (docs/reliability.md, section 1).
 * Options: --journeys N (default 50), --kills N (default 30), --concurrency N (default 6),
 * --seed N (default: random, printed). Writes the summary to test/reliability/results/crash.json
 * and exits 1 when any invariant failed.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { runCrashHarness } from './support/crash-run.ts';

process.env.TZ = 'Europe/London';
const { values } = parseArgs({
  options: {
    journeys: { type: 'string', default: '50' },
    kills: { type: 'string', default: '30' },
    concurrency: { type: 'string', default: '6' },
    seed: { type: 'string' },
    quiet: { type: 'boolean', default: false },
  },
});
const seed = values.seed === undefined ? Math.floor(Math.random() * 2 ** 31) : Number(values.seed);
const started = new Date();
process.stdout.write(`Crash recovery: ${values.journeys} journeys, at least ${values.kills} kills, seed ${seed}\n`);
const summary = await runCrashHarness({
  journeys: Number(values.journeys),
  minKills: Number(values.kills),
  minKillsPerCrashPoint: 5,
  minOverdueKills: 5,
  concurrency: Number(values.concurrency),
  answerDelayMs: 3_000,
  crashPointChance: 0.3,
  timerKillMs: [2_000, 9_000],
  timerOnlyShare: 0.4,
  seed,
  timeoutMs: 40 * 60_000,
  settleTimeoutMs: 120_000,
  log: values.quiet ? undefined : (line) => process.stdout.write(`  ${new Date().toISOString().slice(11, 19)} ${line}\n`),
});
const result = { measuredAt: started.toISOString(), command: 'npm run reliability:crash', ...summary };
const resultsDir = path.join(import.meta.dirname, 'results');
await mkdir(resultsDir, { recursive: true });
await writeFile(path.join(resultsDir, 'crash.json'), `${JSON.stringify(result, null, 2)}\n`);

const lines = [
  '',
  `Crash recovery ${summary.passed ? 'PASSED' : 'FAILED'} in ${summary.durationSeconds} s (seed ${seed})`,
  `  journeys            ${summary.journeys} ${JSON.stringify(summary.journeysByKind)}`,
  `  kills               ${summary.kills} ${JSON.stringify(summary.killsByCause)} (answering ${summary.killsByPhase.answering}, overdue ${summary.killsByPhase.overdue})`,
  `  answers             ${summary.answersGiven} given, ${summary.answersRetriedAfterCrash} retried after a crash, ${summary.answersLost} lost`,
  `  proposals           ${summary.proposalsInWrongState} in the wrong state, ${summary.apiMismatches} API mismatches`,
  `  checks              ${summary.checksMarkedOverdue} marked OVERDUE, ${summary.stuckChecks} stuck past the deadline, ${summary.overdueNoticesMissing} overdue notices missing`,
  `  adjournments        ${summary.adjournmentsNotFollowed} journeys whose checks did not follow the new hearing`,
  `  other addresses     ${summary.addressVersionsWrong} journeys whose other addresses are not one chain of versions`,
  `  messages            ${summary.messages}: ${summary.duplicateMessages} duplicate at Notify, ${summary.duplicateOutboxMessages} duplicate in the outbox, ${summary.messagesNotDelivered} not delivered, ${summary.strayNotifications} stray`,
  `  executions failed   ${summary.failedExecutions}; unexpected exits ${summary.unexpectedExits.length}`,
  ...summary.problems.slice(0, 30).map((problem) => `  PROBLEM ${problem}`),
  `  summary written to ${path.relative(process.cwd(), path.join(resultsDir, 'crash.json'))}`,
  '',
];
process.stdout.write(lines.join('\n'));
process.exit(summary.passed ? 0 : 1);
