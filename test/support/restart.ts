import { startLocalStack, type LocalStack } from '../../infra/local/local-stack.ts';

/**
 * Stops a local stack and starts it again on the same ports and data, as `npm start` after Ctrl+C
 * would. The workflow replays running executions, recomputing every wait from the clock as it is
 * now: tests move the clock forward and restart, instead of waiting for days.
 */
export async function restartLocalStack(stack: LocalStack, dynamoDbEndpoint: string): Promise<LocalStack> {
  const ports = { port: Number(new URL(stack.url).port), stepFunctionsPort: Number(new URL(stack.stepFunctionsEndpoint).port), oidcPort: Number(new URL(stack.oidcIssuer).port) };
  await stack.stop();
  return startLocalStack({ dynamoDbEndpoint, ...ports, logLevel: 'SILENT' });
}
