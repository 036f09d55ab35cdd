/**
 * The local stack in a process of its own, for the crash harness to SIGKILL: the same
 * `startLocalStack` as `npm start`, on the ports and DynamoDB Local endpoint the harness gives
 * (DynamoDB stays up in the harness: deployed, it is a managed service; what crashes is compute).
 *
 * Environment: STACK_PORT, STACK_SFN_PORT, STACK_OIDC_PORT, STACK_DYNAMODB_ENDPOINT, and the
 * NOTIFY_* variables (GOV.UK Notify, a fake run by the harness); LOCAL_CRASH_POINTS and
 * LOCAL_CLOCK_OFFSET_MS are read by the handlers themselves. Prints one `STACK_READY` line when it
 * serves. Exits when its standard input closes, so it never outlives the harness.
 */
import { startLocalStack } from '../../../infra/local/local-stack.ts';

function requiredNumber(name: string): number {
  const value = Number(process.env[name]);
  if (!Number.isInteger(value) || value <= 0) {
    throw new Error(`${name} must be a port number`);
  }
  return value;
}

process.stdin.on('end', () => process.exit(0));
process.stdin.on('error', () => process.exit(0));
process.stdin.resume();

try {
  const dynamoDbEndpoint = process.env.STACK_DYNAMODB_ENDPOINT;
  if (dynamoDbEndpoint === undefined) {
    throw new Error('STACK_DYNAMODB_ENDPOINT is required');
  }
  const stack = await startLocalStack({
    port: requiredNumber('STACK_PORT'),
    stepFunctionsPort: requiredNumber('STACK_SFN_PORT'),
    oidcPort: requiredNumber('STACK_OIDC_PORT'),
    dynamoDbEndpoint,
    logLevel: process.env.POWERTOOLS_LOG_LEVEL ?? 'SILENT',
  });
  process.stdout.write(`STACK_READY ${JSON.stringify({ url: stack.url, tableName: stack.tableName })}\n`);
  const stop = () => {
    stack.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
} catch (error) {
  process.stderr.write(`STACK_FAILED ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
