import path from 'node:path';
import { demoRefusedAccounts, demoStaff } from './demo-staff.ts';
import { startLocalStack } from './local-stack.ts';
import { londonDate } from '../../functions/domain/london-time.ts';
import { bankHolidayWarning, coversNextTwelveMonths } from '../../functions/domain/working-days.ts';
import { localDemoPassword } from './oidc-provider.ts';

/**
 * `npm start`: the whole system on this machine, data kept in .local-data/ between runs.
 */
const dataDir = path.resolve(import.meta.dirname, '..', '..', '.local-data');
const port = Number(process.env.PORT ?? 3000);

try {
  const stack = await startLocalStack({ port, stepFunctionsPort: port + 1, oidcPort: port + 2, dataDir, logLevel: process.env.POWERTOOLS_LOG_LEVEL ?? 'WARN' });
  const users = demoStaff.map((user) => `  ${user.id.padEnd(16)} ${user.role.padEnd(26)} courts ${user.courts.join(', ')}`).join('\n');
  process.stdout.write(
    [
      '',
      'Curfew safeguarding checks is running on this machine.',
      '',
      `  API            ${stack.url}  (health: ${stack.url}/health)`,
      `  Outbox         ${stack.url}/api/dev/outbox  (every message sent, with its link)`,
      `  Workflow       ${stack.stepFunctionsEndpoint}  (local Step Functions endpoint)`,
      `  DynamoDB Local ${stack.dynamoDbEndpoint}`,
      `  Sign-in        ${stack.url}/auth/sign-in  (local OpenID Connect provider ${stack.oidcIssuer})`,
      `  Data           ${dataDir}  (delete it to start afresh)`,
      '',
      `Staff sign in with one of these usernames and the demo password ${localDemoPassword}:`,
      users,
      `  and ${demoRefusedAccounts.map((account) => account.id).join(', ')}, whom the service refuses (one role per account: docs/decisions/0011)`,
      '',
      'Press Ctrl+C to stop. Running checks carry on from where they were at the next start.',
      ...(coversNextTwelveMonths(londonDate(new Date())) ? [] : ['', `WARNING: ${bankHolidayWarning()}`]),
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
