import { demoStaff } from './demo-staff.ts';
import { bearerTokenFor } from '../../test/support/sign-in.ts';

/**
 * `npm run token -- court.officer`: signs a demo user in to the running local stack through its
 * real OpenID Connect provider and prints an access token, for trying the JSON API with curl.
 */
const userId = process.argv[2] ?? '';
const stackUrl = process.env.STACK_URL ?? `http://127.0.0.1:${process.env.PORT ?? 3000}`;

if (demoStaff.find((user) => user.id === userId) === undefined) {
  process.stderr.write(`Usage: npm run token -- <user>\nUsers: ${demoStaff.map((user) => user.id).join(', ')}\n`);
  process.exit(2);
}
try {
  process.stdout.write(`${await bearerTokenFor(stackUrl, userId)}\n`);
} catch (error) {
  process.stderr.write(`Could not sign in at ${stackUrl} (is npm start running?): ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
