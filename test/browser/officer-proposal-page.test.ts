import { describe, expect, it } from 'vitest';
import { signIn } from '../support/sign-in.ts';
import { requestsFor, startChecks } from '../support/journeys.ts';
import { useLocalStack } from '../support/local-stack.ts';
import { consent, informationHeld, notKnown, proposalBody } from '../support/proposals.ts';
import { expectNoAccessibilityViolations, useChromium } from './support/browser.ts';
import { signedInContext } from './pages/staff-common.ts';
import { ProposalPage } from './pages/staff-officer.ts';

/**
 * What the court officer needs on the proposal page (issue 14, point 10): the curfew's hours and
 * dates, which answer raised a concern, each resident's language and channel, and a page that
 * keeps itself up to date when an answer arrives, without JavaScript by a refresh.
 */

const { stack, api } = useLocalStack();
const browser = useChromium();

/** Two residents: one by email in English, one by text message in Welsh; a curfew of two periods. */
function twoResidentsBody() {
  const body = proposalBody({
    residents: [
      { fullName: 'Alex Resident', relationship: 'PARTNER', email: 'alex@example.org', language: 'en' },
      { fullName: 'Bryn Resident', relationship: 'PARENT', mobile: '07700 900123', language: 'cy' },
    ],
  });
  const periods = [{ days: ['MON', 'TUE', 'WED', 'THU', 'FRI'], from: '19:00', to: '07:00' }, { days: ['SAT', 'SUN'], from: '14:00', to: '00:00' }];
  return { ...body, curfew: { ...body.curfew, periods } };
}

/** "17 March 2027": how GOV.UK writes a date, worked out here rather than by the code under test. */
const written = (date: string) => new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' }).format(new Date(`${date}T12:00:00Z`));

async function viewsOf(proposalId: string): Promise<number> {
  const audit = await api.get<{ records: { action: string }[] }>(`/api/proposals/${proposalId}/audit`, 'court.officer');
  return audit.body.records.filter((record) => record.action === 'PROPOSAL_VIEWED').length;
}

describe("the court officer's proposal page", () => {
  it('shows the curfew, the concern and each resident\'s language and channel; updates itself when an answer arrives; the same after a refresh without JavaScript', async () => {
    const body = twoResidentsBody();
    const proposalId = await startChecks(api, body);
    const requests = await requestsFor(api, proposalId, 4);
    const [alexRequest] = requests.residents.filter((request) => request.to === 'alex@example.org');
    expect((await api.answer(requests.police.url ?? '', informationHeld)).status).toBe(200);

    const officer = await signedInContext(browser(), stack.url, 'court.officer');
    const page = officer.page;
    const scriptErrors: string[] = [];
    page.on('pageerror', (error) => scriptErrors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') scriptErrors.push(message.text());
    });
    // The page asks for changes every 10 to 15 seconds: the test moves its clock on instead of waiting.
    await officer.context.clock.install();
    await page.goto(`${stack.url}/proposals/${proposalId}`);
    const proposal = await new ProposalPage(page, 'Sam Example').verifyOnPage();

    expect(await proposal.curfew()).toEqual({
      start: written(body.curfew.startDate),
      end: written(body.curfew.endDate),
      periods: ['Monday to Friday, 7pm to 7am the next day', 'Saturday and Sunday, 2pm to midnight'],
    });
    expect(await proposal.residentContact('Alex Resident')).toEqual({ language: 'English', channel: 'Email' });
    expect(await proposal.residentContact('Bryn Resident')).toEqual({ language: 'Welsh (Cymraeg)', channel: 'Text message' });
    expect(await proposal.concern(proposal.checkCard('DOMESTIC_ABUSE'))).toEqual({ raised: true, text: 'Concern The police hold information. A senior probation officer must countersign a suitable decision.' });
    expect(await proposal.concern(proposal.checkCard('CHILD_SAFEGUARDING'))).toBeUndefined();
    await expectNoAccessibilityViolations(page);

    // Children's services answer: within a poll, the checks on the page change, with nothing typed to lose.
    const viewsBefore = await viewsOf(proposalId);
    expect((await api.answer(requests.childrensServices.url ?? '', notKnown)).status).toBe(200);
    await officer.context.clock.fastForward(15_000);
    await expect.poll(() => proposal.checkCard('CHILD_SAFEGUARDING').getAttribute('data-status'), { timeout: 10_000 }).toBe('RESPONDED');
    expect(await proposal.concern(proposal.checkCard('CHILD_SAFEGUARDING'))).toEqual({ raised: false, text: 'No concern raised' });
    await expect.poll(() => proposal.liveAnnouncement(), { timeout: 10_000 }).toBe('An answer has arrived. The checks on this page have been updated.');
    expect(await proposal.updateBanner().isVisible()).toBe(false);
    expect(new URL(page.url()).pathname).toBe(`/proposals/${proposalId}`);
    // The page was fetched once, for the change; the polls before it read no page and audited nothing.
    expect(await viewsOf(proposalId)).toBe(viewsBefore + 1);
    await expectNoAccessibilityViolations(page);

    // The officer is typing when Alex answers: what they typed stays, and a banner offers a refresh.
    await page.locator('#withdraw-reason').fill('The defendant may have found');
    await page.locator('#withdraw-reason').blur();
    expect((await api.answer(alexRequest?.url ?? '', consent)).status).toBe(200);
    await officer.context.clock.fastForward(15_000);
    await expect.poll(() => proposal.updateBanner().isVisible(), { timeout: 10_000 }).toBe(true);
    expect(await proposal.updateBanner().innerText()).toContain('An answer has arrived');
    expect(await page.locator('#withdraw-reason').inputValue()).toBe('The defendant may have found');
    expect(await proposal.checkCard('RESIDENT_CONSENT', 'Alex Resident').getAttribute('data-status')).toBe('REQUESTED');
    await expect.poll(() => proposal.liveAnnouncement(), { timeout: 10_000 }).toContain('Refresh the page to see it');
    await expectNoAccessibilityViolations(page);
    expect(scriptErrors).toEqual([]);
    await officer.context.close();

    // Without JavaScript, a refresh shows the same: every answer, the concern, the curfew, the residents; no banner.
    const noScript = await signedInContext(browser(), stack.url, 'court.officer', { javaScriptEnabled: false });
    await noScript.page.goto(`${stack.url}/proposals/${proposalId}`);
    const plain = await new ProposalPage(noScript.page, 'Sam Example').verifyOnPage();
    expect(await plain.checkCard('CHILD_SAFEGUARDING').getAttribute('data-status')).toBe('RESPONDED');
    expect(await plain.checkCard('RESIDENT_CONSENT', 'Alex Resident').getAttribute('data-status')).toBe('RESPONDED');
    expect(await plain.concern(plain.checkCard('DOMESTIC_ABUSE'))).toMatchObject({ raised: true });
    expect(await plain.concern(plain.checkCard('RESIDENT_CONSENT', 'Alex Resident'))).toEqual({ raised: false, text: 'No concern raised' });
    expect((await plain.curfew()).periods).toHaveLength(2);
    expect(await plain.residentContact('Bryn Resident')).toEqual({ language: 'Welsh (Cymraeg)', channel: 'Text message' });
    expect(await plain.updateBanner().isVisible()).toBe(false);
    await noScript.context.close();
  }, 120_000);

  it('answers its changes only to the staff who may see the page, with nothing but a fingerprint, never cached, and audits no view', async () => {
    const proposalId = await startChecks(api, proposalBody());
    // Once every request is sent, nothing changes until someone answers.
    await requestsFor(api, proposalId, 3);
    const changes = async (user: string | undefined) => {
      const headers: Record<string, string> = user === undefined ? {} : { cookie: (await signIn(stack.url, user)).cookie };
      const response = await fetch(`${stack.url}/proposals/${proposalId}/changes`, { headers, redirect: 'manual' });
      return { status: response.status, cacheControl: response.headers.get('cache-control'), body: (await response.json()) as Record<string, unknown> };
    };
    const viewsBefore = await viewsOf(proposalId);
    const first = await changes('court.officer');
    expect(first.status).toBe(200);
    expect(first.cacheControl).toBe('no-store');
    expect(Object.keys(first.body)).toEqual(['version']);
    expect(JSON.stringify(first.body)).not.toMatch(/Sam|Example|Alex|CHECKS_IN_PROGRESS/);
    expect((await changes('spo')).body).toEqual(first.body);
    expect(await viewsOf(proposalId)).toBe(viewsBefore);
    expect((await changes(undefined)).status).toBe(401);
    expect((await changes('sentencer')).status).toBe(403);
    expect((await changes('other.officer')).status).toBe(404);
  });
});
