import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tokenFrom } from '../support/api-client.ts';
import { addDays } from '../support/dates.ts';
import { proposalBody } from '../support/proposals.ts';
import { requestsFor, startChecks, statusBecomes } from '../support/journeys.ts';
import { useLocalStack } from '../support/local-stack.ts';

/**
 * Runs whole journeys with marker values in every personal or free-text field, with logging at
 * its most verbose, and looks for the markers in everything the process wrote.
 */
const markers = {
  givenName: 'Zebulonmarker',
  familyName: 'Quistmarker',
  dateOfBirth: '1977-07-17',
  addressLine: '99 Markerway Close',
  postcode: 'MK9 9ZZ',
  residentName: 'Ressie Markerson',
  residentEmail: 'ressie.markerson@example.org',
  summary: 'MARKERSUMMARY the family is known',
  responder: 'Desmond Markerhold',
  rationale: 'MARKERRATIONALE suitable after all',
  comment: 'MARKERCOMMENT agreed',
  reason: 'MARKERREASON writing the report',
  adjournmentNote: 'MARKERNOTE police answer promised',
};

const written: string[] = [];
const logged = () => written.join('');
const originalStdout = process.stdout.write.bind(process.stdout);
const originalStderr = process.stderr.write.bind(process.stderr);

// Everything written from before the stack starts until after it stops (hooks run as a stack).
beforeAll(() => {
  const capture = (chunk: unknown) => {
    written.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'));
    return true;
  };
  process.stdout.write = capture as typeof process.stdout.write;
  process.stderr.write = capture as typeof process.stderr.write;
});

afterAll(() => {
  process.stdout.write = originalStdout;
  process.stderr.write = originalStderr;
});

const { api } = useLocalStack({ logLevel: 'DEBUG' });

describe('what the system logs', () => {
  it('never contains names, dates of birth, addresses, emails, free text or link tokens', async () => {
    const body = proposalBody();
    body.defendant = { ...body.defendant, givenName: markers.givenName, familyName: markers.familyName, dateOfBirth: markers.dateOfBirth };
    body.curfew.address = { line1: markers.addressLine, town: 'Swindon', postcode: markers.postcode };
    body.residents = [{ fullName: markers.residentName, relationship: 'PARTNER', email: markers.residentEmail, language: 'en' }];
    const proposalId = await startChecks(api, body);
    const requests = await requestsFor(api, proposalId, 3);
    const responder = { name: markers.responder, role: 'Officer', organisation: 'Police' };
    await api.answer(requests.police.url ?? '', { outcome: 'INFORMATION_HELD', summary: markers.summary, restricted: true, responder });
    await api.answer(requests.childrensServices.url ?? '', { outcome: 'NOT_KNOWN', restricted: false, responder });
    await api.answer(requests.residents[0]?.url ?? '', { decision: 'CONSENT', understood: true });
    await statusBecomes(api, proposalId, 'AWAITING_DECISION');
    await api.post(`/api/proposals/${proposalId}/restricted`, { reason: markers.reason }, 'court.officer');
    await api.post(`/api/proposals/${proposalId}/decision`, { outcome: 'SUITABLE', riskOfSeriousHarm: 'LOW', rationale: markers.rationale }, 'court.officer');
    await api.post(`/api/proposals/${proposalId}/countersign`, { agree: true, comment: markers.comment }, 'spo');
    // The hearing moves, with the officer's note (kept on the proposal, never logged); then a refused move carrying it.
    const adjourned = await api.post(`/api/proposals/${proposalId}/adjournment`, { hearingDate: addDays(body.hearingDate, 7), cause: 'OTHER', note: markers.adjournmentNote }, 'court.officer');
    expect(adjourned.status).toBe(200);
    await api.post(`/api/proposals/${proposalId}/adjournment`, { hearingDate: addDays(body.hearingDate, 7), cause: 'OTHER', note: markers.adjournmentNote }, 'court.officer');
    expect(logged()).toMatch(/Hearing adjourned/);
    await api.get(`/api/courts/B01LY00/hearings/${addDays(body.hearingDate, 7)}`, 'sentencer');
    // Bad input that carries markers must not be logged either.
    await api.post('/api/proposals', { ...body, policeForce: markers.summary }, 'court.officer');
    await api.answer(requests.police.url ?? '', { outcome: 'NO_INFORMATION', restricted: false, responder });

    expect(logged()).toMatch(/"level":"INFO"/);
    expect(logged()).toMatch(/Check requested/);
    const tokens = requests.all.map((message) => tokenFrom(message.url ?? ''));
    for (const value of [...Object.values(markers), ...tokens]) {
      expect(logged().includes(value), `the logs contain ${value.slice(0, 12)}…`).toBe(false);
    }
  });
});
