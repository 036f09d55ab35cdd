import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The two bad input files send 10,000 requests per route and take about a quarter of an hour
 * each on 2 cores, several times any other file. They go last, so the rest of the suite (the
 * browser tests above all, whose navigations time out on an overloaded machine) runs first on
 * both workers, and then the two run side by side with nothing else.
 */
class LongestLast extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const long = (file: TestSpecification) => /test\/property\/bad-input-[^/]*\.test\.ts$/.test(file.moduleId);
    return [...sorted.filter((file) => !long(file)), ...sorted.filter(long)];
  }
}

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Integration files each start DynamoDB Local (a JVM): two at a time suits a 2-core machine.
    pool: 'forks',
    maxWorkers: 2,
    minWorkers: 1,
    // Hooks as a stack (vitest's default, relied on by test/support/local-stack.ts): beforeAll in the
    // order registered, afterAll in reverse, so what a file sets up before its stack is undone after it stops.
    sequence: { sequencer: LongestLast, hooks: 'stack' },
    testTimeout: 60_000,
    hookTimeout: 180_000,
    env: { TZ: 'Europe/London', POWERTOOLS_LOG_LEVEL: 'SILENT', POWERTOOLS_DEV: 'false' },
  },
});
