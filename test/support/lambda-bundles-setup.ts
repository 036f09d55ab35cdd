import path from 'node:path';
import { sharedLambdaBundles } from '../../infra/build/lambda-bundles.ts';

/**
 * The Lambda bundles, built before any test file starts (vitest.config.ts `globalSetup`), so the
 * test files that deploy, load or run them (the CDK app's synth, test/infra/bundles.test.ts, the
 * local stack) find them built instead of each bundling every function again. The build is kept
 * by the fingerprint of its sources, so a run after no change to them builds nothing.
 */
export default function setup(): void {
  sharedLambdaBundles(path.resolve(import.meta.dirname, '..', '..'));
}
