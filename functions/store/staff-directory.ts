import { BatchGetCommand, BatchWriteCommand, GetCommand, type BatchGetCommandOutput } from '@aws-sdk/lib-dynamodb';
import { dynamoDb } from '#runtime/aws-clients';
import { now } from '#runtime/clock';
import { queryAll } from './query-all.ts';
import { tableName } from './table-name.ts';

/**
 * Who hears about a court team's overdue checks: the officer who started a proposal, the senior
 * probation officers of its court, and (for the daily digest) the team's officers too. Nothing
 * else knows staff addresses: the identity provider tells us a person's email and courts when they
 * sign in, so each sign-in writes the person into the directory below, and the directory answers.
 * The local stack writes its demo staff in the same way when it starts.
 *
 * The directory also knows each person's name, so pages can say who decided or recorded something.
 *
 * Items (all in the application table):
 * - `STAFF#<id>` / `CONTACT`: the person's name, email, role and courts (the officer's own notices);
 * - `COURT_TEAM#<court>` / `STAFF#<id>`: one per court the person works at (SPO and digest lookups);
 * - `COURT_TEAMS` / `COURT#<court>`: every court with a team, so the digest knows which to read.
 * Entries expire a year after the person last signed in: someone who has left stops getting notices.
 */
export interface TeamMember {
  staffId: string;
  /** A staff role (auth/staff.ts), as the person's sign-in gave it. */
  role: string;
  email: string;
}

/** A person as their sign-in describes them; auth's StaffUser is one. */
export interface DirectoryPerson {
  readonly id: string;
  readonly displayName: string;
  readonly role: string;
  readonly courts: readonly string[];
  readonly email: string;
}

const directoryLifetimeSeconds = 365 * 24 * 60 * 60;
const contactKey = (staffId: string) => ({ pk: `STAFF#${staffId}`, sk: 'CONTACT' });
const memberKey = (courtCode: string, staffId: string) => ({ pk: `COURT_TEAM#${courtCode}`, sk: `STAFF#${staffId}` });
const courtsPartition = 'COURT_TEAMS';

interface ContactItem {
  staffId: string;
  /** Absent from entries written before the directory kept names. */
  displayName?: string;
  email: string;
  role: string;
  courts: string[];
}

/**
 * Records (or refreshes) a person in the directory, and removes them from the teams of courts
 * they no longer work at. A person without an email address is left out: nothing could reach them
 * (and pages say their name is not known: auth/staff-names.ts).
 */
export async function recordTeamMember(user: DirectoryPerson, at: Date): Promise<void> {
  if (user.email === '') {
    return;
  }
  const previous = (await dynamoDb.send(new GetCommand({ TableName: tableName, Key: contactKey(user.id) }))).Item as ContactItem | undefined;
  const expiresAt = Math.floor(at.getTime() / 1000) + directoryLifetimeSeconds;
  const updatedAt = at.toISOString();
  const contact = { ...contactKey(user.id), itemType: 'STAFF_CONTACT', staffId: user.id, displayName: user.displayName, email: user.email, role: user.role, courts: [...user.courts], updatedAt, expiresAt };
  const members = user.courts.map((court) => ({ ...memberKey(court, user.id), itemType: 'TEAM_MEMBER', staffId: user.id, role: user.role, email: user.email, updatedAt, expiresAt }));
  const courts = user.courts.map((court) => ({ pk: courtsPartition, sk: `COURT#${court}`, itemType: 'COURT_TEAM', courtCode: court }));
  const leftCourts = (previous?.courts ?? []).filter((court) => !user.courts.includes(court));
  const writes = [
    ...[contact, ...members, ...courts].map((Item) => ({ PutRequest: { Item } })),
    ...leftCourts.map((court) => ({ DeleteRequest: { Key: memberKey(court, user.id) } })),
  ];
  // BatchWrite takes 25 at a time; a person works at a handful of courts, so this is one or two calls.
  for (let index = 0; index < writes.length; index += 25) {
    let pending: typeof writes | undefined = writes.slice(index, index + 25);
    for (let attempt = 0; pending !== undefined && pending.length > 0; attempt += 1) {
      if (attempt === 5) {
        throw new Error('Could not record the staff directory entry');
      }
      const result = await dynamoDb.send(new BatchWriteCommand({ RequestItems: { [tableName]: pending } }));
      pending = result.UnprocessedItems?.[tableName] as typeof writes | undefined;
    }
  }
}

/**
 * The names the directory knows for these staff ids, read in one BatchGet (a page shows a handful
 * of people; 100 keys is BatchGet's limit). An id without a name is left out: someone who has
 * never signed in here, whose entry has expired, or was written before the directory kept names.
 */
export async function staffDisplayNames(staffIds: readonly string[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  const unique = [...new Set(staffIds)];
  for (let index = 0; index < unique.length; index += 100) {
    let keys: Record<string, unknown>[] | undefined = unique.slice(index, index + 100).map(contactKey);
    for (let attempt = 0; keys !== undefined && keys.length > 0; attempt += 1) {
      if (attempt === 5) {
        throw new Error('Could not read the staff directory');
      }
      const result: BatchGetCommandOutput = await dynamoDb.send(new BatchGetCommand({ RequestItems: { [tableName]: { Keys: keys, ProjectionExpression: 'staffId, displayName' } } }));
      for (const item of (result.Responses?.[tableName] ?? []) as Pick<ContactItem, 'staffId' | 'displayName'>[]) {
        if (item.displayName !== undefined) {
          names.set(item.staffId, item.displayName);
        }
      }
      keys = result.UnprocessedKeys?.[tableName]?.Keys;
    }
  }
  return names;
}

/** Where an officer's own notices go; undefined for someone who has never signed in here. */
export async function officerAddress(officerId: string): Promise<string | undefined> {
  const result = await dynamoDb.send(new GetCommand({ TableName: tableName, Key: contactKey(officerId), ProjectionExpression: 'email' }));
  return (result.Item as Pick<ContactItem, 'email'> | undefined)?.email;
}

/** Everyone in a court's team, by staff id. */
export async function teamOf(courtCode: string): Promise<TeamMember[]> {
  // DynamoDB deletes expired items some time after they expire, so the query leaves them out itself.
  const items = await queryAll({
    TableName: tableName,
    KeyConditionExpression: 'pk = :pk',
    FilterExpression: 'expiresAt > :now',
    ExpressionAttributeValues: { ':pk': `COURT_TEAM#${courtCode}`, ':now': Math.floor(now().getTime() / 1000) },
  });
  return (items as unknown as TeamMember[]).map(({ staffId, role, email }) => ({ staffId, role, email })).sort((a, b) => a.staffId.localeCompare(b.staffId));
}

export async function seniorProbationOfficerAddresses(courtCode: string): Promise<string[]> {
  return (await teamOf(courtCode)).filter((member) => member.role === 'SENIOR_PROBATION_OFFICER').map((member) => member.email);
}

/** Every court that has a team in the directory. */
export async function courtsWithTeams(): Promise<string[]> {
  const items = await queryAll({ TableName: tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': courtsPartition } });
  return items.map((item) => String(item.courtCode)).sort();
}
