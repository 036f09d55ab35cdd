import { describe, expect, it } from 'vitest';
import { nextWorkingDayAfter } from '#domain/working-days';
import { useLocalStack } from '../support/local-stack.ts';
import { informationHeld, proposalBody } from '../support/proposals.ts';
import { requestsFor, startChecks } from '../support/journeys.ts';
import { todayInLondon } from '../support/dates.ts';

/**
 * Issue 16, section 3, through the HTTP API of the local stack (its permission checks hold the
 * page's function to its synthesized role): each court team sees its own courts' hearings of today
 * and the next working day, never another court's, never restricted text; and looking at the page
 * records nothing in any audit trail (ADR 17 audits disclosures to the court, not the team's own lists).
 */
const { api, sessionApi } = useLocalStack();

interface AuditExport {
  records: { action: string; actor: string }[];
  courtListViews: { records: unknown[] };
}

function proposalFor(familyName: string, hearingDate: string, courtCode = 'B01LY00') {
  const body = proposalBody({ hearingDate, courtCode });
  return { ...body, defendant: { ...body.defendant, givenName: 'Check', familyName } };
}

async function checkInAs(user: string): Promise<{ status: number; page: string }> {
  const response = await sessionApi.call<{ page?: string }>('GET', '/morning-check-in', { user });
  return { status: response.status, page: response.body.page ?? '' };
}

describe('the morning check-in', () => {
  it("shows each team its own courts' hearings of today and the next working day, and nothing restricted", async () => {
    const today = todayInLondon();
    const ours = await startChecks(api, proposalFor('Ourstoday', today));
    const oursNext = await startChecks(api, proposalFor('Oursnext', nextWorkingDayAfter(today)));
    const theirs = await startChecks(api, proposalFor('Theirstoday', today, 'C01CF00'), 'other.officer');
    const requests = await requestsFor(api, ours, 3);
    await requestsFor(api, theirs, 3);
    expect((await api.answer(requests.police.url ?? '', informationHeld)).status).toBe(200);

    for (const user of ['court.officer', 'spo']) {
      const { status, page } = await checkInAs(user);
      expect(status).toBe(200);
      expect(page).toContain(`data-proposal-id="${ours}"`);
      expect(page).toContain(`data-proposal-id="${oursNext}"`);
      expect(page).toContain('Waiting for Wiltshire Police');
      for (const telltale of [theirs, 'Theirstoday', informationHeld.summary, '1 High Street', 'alex@example.org']) {
        expect(page, `${user} sees "${telltale}"`).not.toContain(telltale);
      }
    }
    for (const user of ['other.officer', 'other.spo']) {
      const { status, page } = await checkInAs(user);
      expect(status).toBe(200);
      expect(page).toContain(`data-proposal-id="${theirs}"`);
      for (const telltale of [ours, oursNext, 'Ourstoday', 'Oursnext']) expect(page, `${user} sees "${telltale}"`).not.toContain(telltale);
    }
    expect((await checkInAs('sentencer')).status).toBe(403);
  }, 120_000);

  it('records nothing in the audit trail when the team looks at it', async () => {
    const proposalId = await startChecks(api, proposalFor('Unaudited', todayInLondon()));
    await requestsFor(api, proposalId, 3);
    const exported = async () => (await api.get<AuditExport>(`/api/proposals/${proposalId}/audit`, 'spo')).body;
    const before = await exported();
    expect((await checkInAs('court.officer')).page).toContain(`data-proposal-id="${proposalId}"`);
    const after = await exported();
    // Only the first export's own record was added by a person (the workflow may still be moving
    // the proposal on: its records are not the team's looking).
    expect(after.records.slice(before.records.length).map((record) => record.actor).filter((actor) => actor !== 'WORKFLOW')).toEqual(['spo']);
    expect(after.courtListViews.records).toHaveLength(before.courtListViews.records.length);
  }, 60_000);
});
