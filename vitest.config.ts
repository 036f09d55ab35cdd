import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The files that take longest on 2 cores (measured in a whole clean-clone run, 2026-12-03, with the
 * headless shell), started first so the two workers finish together, with the short files filling
 * in at the end, rather than one long file running alone at the end. Two workers take them in this
 * order, so neighbours run side by side: each browser file (a local stack and Chromium) is paired
 * with a file that needs no browser. Two browser files side by side each took half as long again.
 */
const longestFiles = [
  'test/browser/whole-journey.test.ts',
  'test/reliability/crash.test.ts',
  'test/browser/staff-pages.test.ts',
  'test/bench/bench-smoke.test.ts',
  'test/browser/start-checks.test.ts',
  'test/model/proposal-lifecycle.test.ts',
  'test/browser/link-pages.test.ts',
  'test/reliability/load.test.ts',
  'test/browser/court-lists-and-error-pages.test.ts',
  'test/property/bad-input-api-links-sign-in.test.ts',
  'test/browser/new-link-request.test.ts',
  'test/infra/bundles.test.ts',
  'test/browser/morning-check-in.test.ts',
  'test/integration/countersigning-policy.test.ts',
  'test/browser/performance.test.ts',
  'test/property/bad-input-pages.test.ts',
  'test/browser/sign-in-and-out.test.ts',
  'test/integration/authorisation.test.ts',
  'test/browser/resend.test.ts',
  'test/integration/journeys.test.ts',
  'test/browser/officer-proposal-page.test.ts',
  'test/integration/links.test.ts',
  'test/browser/start-page.test.ts',
  'test/integration/audit-trail.test.ts',
  'test/integration/safeguarding-rules.test.ts',
  'test/integration/performance.test.ts',
  'test/bench/cost-and-cold-start.test.ts',
  'test/integration/resend-and-contact.test.ts',
  'test/integration/races.test.ts',
  'test/integration/notify.test.ts',
  'test/integration/reminders.test.ts',
  'test/integration/function-concurrency.test.ts',
];

class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (file: TestSpecification) => {
      const index = longestFiles.findIndex((name) => file.moduleId.endsWith(name));
      return index === -1 ? longestFiles.length : index;
    };
    // A stable sort: the other files keep the order vitest gives them.
    return sorted.sort((a, b) => rank(a) - rank(b));
  }
}

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // One DynamoDB Local for the run, in which each local stack makes its own tables; the Lambda bundles built once.
    globalSetup: ['test/support/dynamodb-local-setup.ts', 'test/support/lambda-bundles-setup.ts'],
    // Two files at a time suits a 2-core machine: most start a local stack, and some Chromium too.
    // (A whole run keeps about 1.3 cores busy with two, but three at a time was slower, not faster:
    // each file's local stack, DynamoDB Local and Chromium then fight over the two cores.)
    pool: 'forks',
    maxWorkers: 2,
    minWorkers: 1,
    // Hooks as a stack (vitest's default, relied on by test/support/local-stack.ts): beforeAll in the
    // order registered, afterAll in reverse, so what a file sets up before its stack is undone after it stops.
    sequence: { sequencer: LongestFirst, hooks: 'stack' },
    testTimeout: 60_000,
    hookTimeout: 180_000,
    // The process zone is neither London nor UTC (Lambda's), so code that used it instead of an explicit
    // Europe/London (functions/domain/london-time.ts) gives other dates and hours than London's, in
    // GMT and BST alike, and fails the tests; test/unit/domain/process-time-zone.test.ts checks it is
    // so. UTC+14 is another date than London's for most of the working day. TEST_TZ=UTC runs as Lambda.
    env: { TZ: process.env.TEST_TZ ?? 'Pacific/Kiritimati', POWERTOOLS_LOG_LEVEL: 'SILENT', POWERTOOLS_DEV: 'false' },
  },
});
