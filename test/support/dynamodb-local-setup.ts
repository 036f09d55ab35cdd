import type { TestProject } from 'vitest/node';
import { startDynamoDbLocal } from '../../infra/local/dynamodb-local.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The DynamoDB Local this run shares (vitest.config.ts `globalSetup`); each local stack has its own tables in it. */
    dynamoDbEndpoint: string;
  }
}

/**
 * One DynamoDB Local for the whole run, started before any test file and stopped after the last.
 * Its JVM takes about 2 s and 5 s of CPU to start: once instead of once per test file on 2 cores.
 * Each `useLocalStack()` makes its own tables in it (test/support/local-stack.ts).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dynamoDb = await startDynamoDbLocal();
  project.provide('dynamoDbEndpoint', dynamoDb.endpoint);
  return () => dynamoDb.stop();
}
