import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureApplicationTable } from '../../infra/local/create-table.ts';
import { localDynamoDbClientConfig } from '../../infra/local/dynamodb-local.ts';
import { sharedDynamoDb } from '../support/shared-dynamodb.ts';
import { check, stored } from '../unit/pages/staff-fixtures.ts';

// The names staff pages show ("Decided by", "Recorded by") come from the staff directory that
// each sign-in writes, never from the local stack's demo data, so they are right on AWS too.
describe('the names of the staff a proposal page shows', () => {
  let dynamoDb: ReturnType<typeof sharedDynamoDb>;
  let client: DynamoDBClient;

  beforeAll(async () => {
    dynamoDb = sharedDynamoDb('staff-names');
    client = new DynamoDBClient(localDynamoDbClientConfig(dynamoDb.endpoint));
    await ensureApplicationTable(client, 'staff-names');
    // Set before the modules below load: they read their configuration then, as in Lambda.
    Object.assign(process.env, { TABLE_NAME: 'staff-names', PUBLIC_BASE_URL: 'http://127.0.0.1', DYNAMODB_ENDPOINT: dynamoDb.endpoint, AWS_REGION: 'eu-west-2' });
  }, 60_000);

  afterAll(async () => {
    client?.destroy();
    await dynamoDb?.release();
  });

  it('names people from the directory, and says when it cannot, with the end of the id for support to look up', async () => {
    // Prepare: two people have signed in; the countersigner never has.
    const { recordTeamMember } = await import('#store/staff-directory');
    const { staffNamesFor } = await import('#pages/staff/staff-names');
    await recordTeamMember({ id: 'deciding.officer', displayName: 'Dana Decider', role: 'COURT_OFFICER', courts: ['B01LY00'], email: 'dana@probation.example' }, new Date());
    await recordTeamMember({ id: 'recording.officer', displayName: 'Rae Recorder', role: 'COURT_OFFICER', courts: ['B01LY00'], email: 'rae@probation.example' }, new Date());
    const proposal = stored(
      {
        status: 'SUITABLE',
        decision: { outcome: 'SUITABLE', rationale: 'ok', by: 'deciding.officer', at: '2026-03-02T09:00:00Z' },
        countersignature: { agree: true, comment: '', by: 'unknown.spo', at: '2026-03-02T10:00:00Z' },
      },
      [check('RESIDENT_CONSENT', { residentId: 'r1', status: 'RESPONDED', source: { via: 'OFFICER', recordedBy: 'recording.officer', method: 'PHONE', spokenToAlone: true } })],
    );

    // Act
    const staffName = await staffNamesFor(proposal);

    // Assess
    expect(staffName('deciding.officer')).toBe('Dana Decider');
    expect(staffName('recording.officer')).toBe('Rae Recorder');
    expect(staffName('unknown.spo')).toBe('Name not known (staff ID ending wn.spo)');
    expect(staffName('3f2a9c1e-5b7d-4e8f-9a0b-1c2d3e4f5a6b')).toBe('Name not known (staff ID ending 4f5a6b)');
  });
});
