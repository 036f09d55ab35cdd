import { beforeAll, describe, expect, it, vi } from 'vitest';

// The table's stream says which items were written by their keys only; deliver-messages asks the
// store which of them are outbox messages, since only the store knows the keys.
describe('outboxMessageIdOfStreamKeys', () => {
  let outboxMessageIdOfStreamKeys: typeof import('#store/delivery-store').outboxMessageIdOfStreamKeys;

  beforeAll(async () => {
    // The store reads its configuration when it loads; nothing here touches the table.
    vi.stubEnv('TABLE_NAME', 'curfew-checks');
    vi.stubEnv('PUBLIC_BASE_URL', 'https://curfew-checks.example');
    ({ outboxMessageIdOfStreamKeys } = await import('#store/delivery-store'));
  });

  it('names the message of an outbox item', () => {
    expect(outboxMessageIdOfStreamKeys({ pk: { S: 'OUTBOX' }, sk: { S: 'MSG#REQUEST#c-1' } })).toBe('REQUEST#c-1');
  });

  it.each([
    ['a proposal item', { pk: { S: 'PROPOSAL#p-1' }, sk: { S: 'PROPOSAL' } }],
    ['an item in the outbox partition that is not a message', { pk: { S: 'OUTBOX' }, sk: { S: 'OTHER#1' } }],
    ['keys without a sort key', { pk: { S: 'OUTBOX' } }],
    ['no keys', {}],
  ])('names nothing for %s', (_case, keys) => {
    expect(outboxMessageIdOfStreamKeys(keys)).toBeUndefined();
  });
});
