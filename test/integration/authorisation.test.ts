import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { functionRegistry } from '../../infra/function-registry.ts';
import { startLocalStack, type LocalStack } from '../../infra/local/local-stack.ts';
import { apiClient } from '../support/api-client.ts';
import { proposalBody } from '../support/proposals.ts';
import { requestsFor, startChecks, viewOf } from '../support/journeys.ts';

/**
 * Every staff route, tried by every role, from the proposal's own court and from another court,
 * and without signing in. Forbidden combinations must answer 401, 403 or 404, and a proposal in
 * another court must look exactly like one that does not exist.
 */
type Caller = 'court.officer' | 'spo' | 'sentencer' | 'other.officer' | 'other.spo' | 'other.sentencer' | 'anonymous';
const callers: Caller[] = ['court.officer', 'spo', 'sentencer', 'other.officer', 'other.spo', 'other.sentencer', 'anonymous'];
const allowedStatuses = new Set([200, 201, 400, 409]);

interface Row {
  method: 'GET' | 'POST';
  route: string;
  body?: object;
  /** Who may use it; everyone else must be refused. */
  allowed: Caller[];
  /** Only a browser session may use it (the session's own description). */
  sessionOnly?: boolean;
}

const unknownId = '00000000-0000-4000-8000-000000000000';
let stack: LocalStack;
let api: ReturnType<typeof apiClient>;
let apis: Record<'bearer' | 'session', ReturnType<typeof apiClient>>;
let proposalId: string;
let residentId: string;

/** Bodies that a permitted caller's request would reject (400/409), so the matrix changes nothing. */
const rows: Row[] = [
  { method: 'POST', route: '/api/proposals', body: { ...proposalBody(), policeForce: 'NOWHERE' }, allowed: ['court.officer', 'other.officer'] },
  { method: 'GET', route: '/api/proposals/{proposalId}', allowed: ['court.officer', 'spo'] },
  { method: 'GET', route: '/api/proposals/{proposalId}/audit', allowed: ['court.officer', 'spo'] },
  { method: 'POST', route: '/api/proposals/{proposalId}/decision', body: { outcome: 'SUITABLE', rationale: 'Checks not complete yet' }, allowed: ['court.officer'] },
  { method: 'POST', route: '/api/proposals/{proposalId}/countersign', body: { agree: true, comment: '' }, allowed: ['spo'] },
  { method: 'POST', route: '/api/proposals/{proposalId}/withdraw', body: { reason: '' }, allowed: ['court.officer'] },
  { method: 'POST', route: '/api/proposals/{proposalId}/residents/{residentId}/consent', body: { decision: 'MAYBE' }, allowed: ['court.officer'] },
  { method: 'GET', route: '/api/courts/{courtCode}/hearings/{date}', allowed: ['court.officer', 'spo', 'sentencer'] },
  { method: 'GET', route: '/auth/session', allowed: ['court.officer', 'spo', 'sentencer', 'other.officer', 'other.spo', 'other.sentencer'], sessionOnly: true },
];

/** Routes anyone may call: the link holder's, sign-in itself, health, and the local outbox. */
const publicRoutes = new Set(['/api/responses', '/r/{token}', '/respond', '/health', '/api/dev/outbox', '/auth/sign-in', '/auth/callback', '/auth/sign-out']);

function pathOf(route: string, ids: { proposalId: string; residentId: string }): string {
  return route
    .replace('{proposalId}', ids.proposalId)
    .replace('{residentId}', ids.residentId)
    .replace('{courtCode}', 'B01LY00')
    .replace('{date}', proposalBody().hearingDate);
}

beforeAll(async () => {
  stack = await startLocalStack({ logLevel: 'SILENT' });
  api = apiClient(stack.url);
  apis = { bearer: api, session: apiClient(stack.url, { auth: 'session' }) };
  proposalId = await startChecks(api, proposalBody());
  await requestsFor(api, proposalId, 3);
  residentId = (await viewOf(api, proposalId)).residents[0]?.residentId ?? '';
});

afterAll(async () => {
  await stack?.stop();
});

describe('the authorisation matrix', () => {
  it('covers every staff route in the registry', () => {
    const staffRoutes = functionRegistry.flatMap((entry) => (entry.routes ?? []).filter((route) => !publicRoutes.has(route.path)).map((route) => `${route.method} ${route.path}`));
    expect(staffRoutes.sort()).toEqual(rows.map((row) => `${row.method} ${row.route}`).sort());
  });

  const modes = ['bearer', 'session'] as const;
  const cases = modes.flatMap((mode) => rows.flatMap((row) => callers.map((caller) => [`${row.method} ${row.route}`, caller, mode, row] as const)));

  it.each(cases)('%s as %s with a %s', async (_name, caller, mode, row) => {
    const path = pathOf(row.route, { proposalId, residentId });
    const response = await apis[mode].call(row.method, path, { ...(caller === 'anonymous' ? {} : { user: caller }), ...(row.body === undefined ? {} : { body: row.body }) });
    if (row.allowed.includes(caller) && (mode === 'session' || row.sessionOnly !== true)) {
      expect(allowedStatuses.has(response.status), `status ${response.status}`).toBe(true);
    } else {
      expect([401, 403, 404]).toContain(response.status);
      if (caller === 'anonymous') {
        expect(response.status).toBe(401);
      }
    }
  });

  it('changed nothing while trying', async () => {
    const view = await viewOf(api, proposalId);
    expect(view.status).toBe('CHECKS_IN_PROGRESS');
    expect(view.checks.every((check) => check.status === 'REQUESTED')).toBe(true);
  });

  it.each(rows.filter((row) => row.route.includes('{proposalId}')).map((row) => [`${row.method} ${row.route}`, row] as const))(
    'answers %s for a proposal in another court exactly as for one that does not exist',
    async (_name, row) => {
      const callerOfOtherCourt = row.allowed.includes('spo') && !row.allowed.includes('court.officer') ? 'other.spo' : 'other.officer';
      const existing = await api.call(row.method, pathOf(row.route, { proposalId, residentId }), { user: callerOfOtherCourt, ...(row.body === undefined ? {} : { body: row.body }) });
      const missing = await api.call(row.method, pathOf(row.route, { proposalId: unknownId, residentId }), { user: callerOfOtherCourt, ...(row.body === undefined ? {} : { body: row.body }) });
      expect(existing.status).toBe(404);
      expect(existing).toEqual(missing);
    },
  );
});
