import path from 'node:path';
import { sharedLambdaBundles } from '../../infra/build/lambda-bundles.ts';
import { writePrecompiledTemplates } from '../../infra/build/page-templates.ts';
import { makeSharedRolePolicies } from '../../infra/local/permissions/role-policies.ts';

/**
 * The page templates compiled to JavaScript (which every page renders from, in the tests as in the
 * bundles: docs/decisions/0018-precompiled-page-templates.md), the Lambda bundles and the role
 * policies the local stack enforces, made before any test file
 * starts (vitest.config.ts `globalSetup`), so the test files that deploy, load or run them (the
 * CDK app's synth, test/infra/bundles.test.ts, every local stack) find them made instead of each
 * bundling every function or synthesizing the app again. Each is kept by the fingerprint of its
 * sources, so a run after no change to them makes nothing.
 */
export default async function setup(): Promise<void> {
  const projectRoot = path.resolve(import.meta.dirname, '..', '..');
  writePrecompiledTemplates(projectRoot);
  // The policies are synthesized in a child process while the bundles build here.
  const policies = makeSharedRolePolicies(projectRoot);
  sharedLambdaBundles(projectRoot);
  await policies;
}
