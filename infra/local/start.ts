import path from 'node:path';
import { localStaff } from '../../functions/shared/local-staff.ts';
import { startLocalStack } from './local-stack.ts';

/**
 * `npm start`: the whole system on this machine, data kept in .local-data/ between runs.
 */
const dataDir = path.resolve(import.meta.dirname, '..', '..', '.local-data');
const port = Number(process.env.PORT ?? 3000);

try {
  const stack = await startLocalStack({ port, stepFunctionsPort: port + 1, dataDir, logLevel: process.env.POWERTOOLS_LOG_LEVEL ?? 'WARN' });
  const users = localStaff.map((user) => `  ${user.id.padEnd(16)} ${user.role.padEnd(26)} courts ${user.courts.join(', ')}`).join('\n');
  process.stdout.write(
    [
      '',
      'Curfew safeguarding checks is running on this machine.',
      '',
      `  API            ${stack.url}  (health: ${stack.url}/health)`,
      `  Outbox         ${stack.url}/api/dev/outbox  (every message sent, with its link)`,
      `  Workflow       ${stack.stepFunctionsEndpoint}  (local Step Functions endpoint)`,
      `  DynamoDB Local ${stack.dynamoDbEndpoint}`,
      `  Data           ${dataDir}  (delete it to start afresh)`,
      '',
      'Staff are named by the X-Local-User header (local stack only):',
      users,
      '',
      'Press Ctrl+C to stop. Running checks carry on from where they were at the next start.',
      '',
    ].join('\n'),
  );
  const shutdown = () => {
    stack.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
} catch (error) {
  process.stderr.write(`\nCould not start the local stack: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
