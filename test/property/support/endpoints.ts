import fc from 'fast-check';
import { addDays, todayInLondon } from '../../support/dates.ts';
import { noInformation, consent, notKnown, proposalBody } from '../../support/proposals.ts';
import type { FixtureProposal, GeneratedRequest, Staff } from './driver.ts';
import { impossibleDates, nastyString, pathSegment, queryText, randomHeaders } from './generators.ts';
import { formBody, jsonBody, type BodyPart } from './request-parts.ts';

/**
 * Every route of the registry, each with a generator of bad requests for it. Most requests carry
 * valid credentials and a real id, so the bad part is what gets checked; a share carry broken
 * credentials or ids too.
 */

export interface Fixtures {
  officer: Staff;
  spo: Staff;
  sentencer: Staff;
  /** One proposal per route that acts on a proposal, so routes do not disturb each other. */
  proposalFor(route: string): FixtureProposal;
  /** Open link tokens and whose they are (a token is dropped once an answer through it is accepted). */
  liveTokens(): { token: string; holder: 'agency' | 'resident' }[];
  /** Outbox message ids, for Notify receipts that name a real message. */
  outboxIds: string[];
  notifyCallbackToken: string;
}

export interface Endpoint {
  /** `METHOD /path` as in the registry. */
  route: string;
  /** Requests in flight at once (link refusals wait 250 ms on purpose, so those routes take more). */
  concurrency: number;
  /**
   * Requests per batch at most. Link answers are accepted by chance now and then, and a batch with
   * an accepted request is not compared: smaller batches there leave most batches to compare.
   */
  maxBatch: number;
  arbitrary: fc.Arbitrary<GeneratedRequest>;
}

type Mode = 'bearer' | 'session-get' | 'session-post';

/** Credentials: usually the right ones for the route, sometimes none, broken, another user's, or from another site. */
function credentials(staff: Staff, mode: Mode, others: readonly Staff[]): fc.Arbitrary<Record<string, string>> {
  const valid: Record<string, string> = mode === 'bearer' ? { authorization: `Bearer ${staff.bearer}` } : { cookie: staff.cookie };
  const broken: Record<string, string>[] = [
    {},
    { authorization: 'Bearer not-a-token' },
    { authorization: `Bearer ${staff.bearer.slice(0, -2)}xx` },
    { authorization: `Basic ${Buffer.from('court.officer:demo').toString('base64')}` },
    { cookie: 'session=not-a-session' },
    { cookie: `${staff.cookie}%ZZ` },
    { cookie: `${staff.cookie}; session=second` },
    { cookie: staff.cookie, origin: 'http://evil.example' },
    { cookie: staff.cookie, 'x-csrf-token': 'wrong' },
    ...others.map((other): Record<string, string> => (mode === 'bearer' ? { authorization: `Bearer ${other.bearer}` } : { cookie: other.cookie })),
  ];
  return fc.oneof({ weight: 12, arbitrary: fc.constant(valid) }, { weight: 2, arbitrary: fc.constantFrom(...broken) });
}

function request(method: string, path: fc.Arbitrary<string>, parts: fc.Arbitrary<Record<string, string>>[], body?: fc.Arbitrary<BodyPart>): fc.Arbitrary<GeneratedRequest> {
  return fc.tuple(path, fc.tuple(...parts), randomHeaders, body ?? fc.constant(undefined)).map(([pathText, headerParts, extra, bodyPart]) => {
    // Random headers first: the request's own (credentials, content type) win, as a client would send them.
    const headers = Object.assign({}, extra, ...headerParts, bodyPart?.headers ?? {}) as Record<string, string>;
    return { method, path: pathText, headers, ...(bodyPart === undefined ? {} : { body: bodyPart.body }) };
  });
}

const withQuery = (path: fc.Arbitrary<string>, names: readonly string[]) =>
  fc.tuple(path, fc.option(queryText(names), { freq: 2 })).map(([base, query]) => (query === null ? base : `${base}?${query}`));

/** The form of the start-checks page for a valid proposal, at a court the officer does not work at (see below). */
function startChecksForm(): [string, string][] {
  const body = proposalBody();
  const [year, month, day] = body.hearingDate.split('-');
  const [cYear, cMonth, cDay] = body.convictionDate.split('-');
  const [sYear, sMonth, sDay] = body.curfew.startDate.split('-');
  const [eYear, eMonth, eDay] = body.curfew.endDate.split('-');
  return [
    ['idempotencyKey', 'pbt-form'],
    ['courtCode', 'C01CF00'],
    ['hearingDate-day', day ?? ''], ['hearingDate-month', month ?? ''], ['hearingDate-year', year ?? ''],
    ['reportType', 'SHORT_FORMAT'],
    ['convictionDate-day', cDay ?? ''], ['convictionDate-month', cMonth ?? ''], ['convictionDate-year', cYear ?? ''],
    ['defendant-givenName', 'Sam'], ['defendant-familyName', 'Example'],
    ['defendant-dateOfBirth-day', '1'], ['defendant-dateOfBirth-month', '4'], ['defendant-dateOfBirth-year', '1990'],
    ['defendant-pnc', '2001/0012345X'], ['defendant-crn', 'X123456'],
    ['address-line1', '1 High Street'], ['address-town', 'Swindon'], ['address-postcode', 'SN1 1AA'],
    ['curfewStart-day', sDay ?? ''], ['curfewStart-month', sMonth ?? ''], ['curfewStart-year', sYear ?? ''],
    ['curfewEnd-day', eDay ?? ''], ['curfewEnd-month', eMonth ?? ''], ['curfewEnd-year', eYear ?? ''],
    ['period-0-days', 'MON'], ['period-0-days', 'TUE'], ['period-0-from', '19:00'], ['period-0-to', '07:00'],
    ['resident-0-fullName', 'Alex Resident'], ['resident-0-relationship', 'PARTNER'], ['resident-0-email', 'alex@example.org'], ['resident-0-language', 'en'],
    ['children-any', 'yes'], ['children-count', '2'],
    ['policeForce', 'WILTSHIRE'], ['localAuthority', 'SWINDON'],
  ];
}

/** The token as the first key of a JSON object body (other bodies are left as they are). */
function withToken(body: string, token: string): string {
  if (!body.startsWith('{')) {
    return body;
  }
  const rest = body.slice(1);
  return rest.trimStart().startsWith('}') ? `{"token":${JSON.stringify(token)}${rest}` : `{"token":${JSON.stringify(token)},${rest}`;
}

export function endpoints(f: Fixtures): Endpoint[] {
  const { officer, spo, sentencer } = f;
  const notOfficer = [spo, sentencer];
  const proposalPath = (route: string, suffix = '', real = [f.proposalFor(route).proposalId]) => pathSegment(real).map((id) => `/proposals/${id}${suffix}`);
  const apiProposalPath = (route: string, suffix = '') => pathSegment([f.proposalFor(route).proposalId]).map((id) => `/api/proposals/${id}${suffix}`);
  const residentPath = (route: string, prefix: string, suffix: string) => {
    const fixture = f.proposalFor(route);
    return fc.tuple(pathSegment([fixture.proposalId]), pathSegment(fixture.residentIds)).map(([id, residentId]) => `${prefix}/proposals/${id}/residents/${residentId}${suffix}`);
  };
  const checkPath = (route: string, prefix: string) => {
    const fixture = f.proposalFor(route);
    return fc.tuple(pathSegment([fixture.proposalId]), pathSegment(fixture.checkIds)).map(([id, checkId]) => `${prefix}/proposals/${id}/checks/${checkId}/resend`);
  };
  const anyQuery = (path: string) => withQuery(fc.constant(path), []);
  const bearer = (staff: Staff, others: readonly Staff[] = notOfficer) => credentials(staff, 'bearer', others);
  const sessionGet = (staff: Staff, others: readonly Staff[] = notOfficer) => credentials(staff, 'session-get', others);
  const sessionPost = (staff: Staff, others: readonly Staff[] = notOfficer) => credentials(staff, 'session-post', others);
  /** Form posts carry the CSRF token in `_csrf`, as the pages' forms do (mutations may drop or change it). */
  const form = (staff: Staff, fields: [string, string][]) => formBody(fields, [['_csrf', staff.csrfToken]]);
  // Well after any fixture's hearing (14 days ahead), so the first valid adjournment is accepted.
  const laterHearing = addDays(todayInLondon(), 45);
  const [laterYear = '', laterMonth = '', laterDay = ''] = laterHearing.split('-');
  const laterHearingParts: [string, string][] = [['hearingDate-day', laterDay], ['hearingDate-month', laterMonth], ['hearingDate-year', laterYear]];
  const anyHeaders = fc.constant<Record<string, string>>({});
  const unknownPath = fc.tuple(fc.constantFrom('/nothing/', '/r/x/', '/api/nothing/', '/proposals/x/y/', '/r'), pathSegment(['page'])).map(([prefix, segment]) => (prefix === '/r' ? prefix : `${prefix}${segment}`));

  // The link holder's token: one of the live ones, one that does not exist, or anything at all.
  const live = fc.nat().map((index) => f.liveTokens()[index % Math.max(1, f.liveTokens().length)] ?? { token: 'A'.repeat(43), holder: 'agency' as const });
  const token = fc.oneof(
    { weight: 4, arbitrary: live.map((held) => held.token) },
    { weight: 1, arbitrary: fc.constant('A'.repeat(43)) },
    { weight: 2, arbitrary: nastyString.map((value) => value.slice(0, 300)) },
  );
  const linkCookie = fc.oneof(
    { weight: 6, arbitrary: token.map((value) => ({ cookie: `link=${encodeURIComponent(value.toWellFormed())}` })) },
    { weight: 1, arbitrary: fc.constantFrom<Record<string, string>>({}, { cookie: 'link=' }, { cookie: 'link=%ZZ' }, { cookie: 'link=a; link=b' }, { cookie: 'other=1' }) },
  );
  // A resident's withdrawal cookie: none of the fixtures has consented, so no token withdraws anything; what is checked is that nothing breaks or changes.
  const withdrawalCookie = fc.oneof(
    { weight: 6, arbitrary: token.map((value) => ({ cookie: `withdrawal=${encodeURIComponent(value.toWellFormed())}` })) },
    { weight: 1, arbitrary: fc.constantFrom<Record<string, string>>({}, { cookie: 'withdrawal=' }, { cookie: 'withdrawal=%ZZ' }, { cookie: 'withdrawal=a; withdrawal=b' }, { cookie: `link=${'A'.repeat(43)}` }) },
  );
  const accept = fc.constantFrom<Record<string, string>>({}, { accept: 'application/json' }, { accept: 'text/html' }, { accept: 'application/json, text/html' }, { accept: '*/*' });
  // Answers: mostly the other holder's kind of answer (always refused, after the lookup and the
  // schema), one in twenty the holder's own kind mutated. A mutation can be valid by chance: that
  // answer is accepted and uses the link up, so it is kept rare to keep links open for the runs.
  const agencyAnswers = [noInformation, { ...notKnown, questionsVersion: '2026-12-01' }, { ...noInformation, outcome: 'INFORMATION_HELD', summary: 'Two call-outs.' }];
  const residentAnswers = [consent, { decision: 'SPEAK_TO_OFFICER' }];
  const agencyFields: [string, string][][] = [
    [['outcome', 'NO_INFORMATION'], ['summary', ''], ['responderName', 'PC Lee'], ['responderRole', 'DA officer'], ['responderOrganisation', 'Wiltshire Police'], ['questionsVersion', '2026-12-01']],
    [['outcome', 'NOT_KNOWN'], ['restricted', 'yes'], ['responderName', 'Chris Ward'], ['responderRole', 'Social worker'], ['responderOrganisation', 'Swindon Borough Council']],
  ];
  const residentFields: [string, string][][] = [[['decision', 'CONSENT'], ['understood', 'yes'], ['lang', 'cy']], [['decision', 'SPEAK_TO_OFFICER'], ['lang', 'en']]];
  const linkAnswer = (kind: 'json' | 'form') =>
    fc.tuple(fc.oneof({ weight: 4, arbitrary: live }, { weight: 2, arbitrary: token.map((value) => ({ token: value, holder: 'agency' as const })) }), fc.integer({ min: 0, max: 19 })).chain(([held, roll]) => {
      const own = roll === 0;
      const agency = (held.holder === 'agency') === own;
      const body = kind === 'json' ? fc.constantFrom(...(agency ? agencyAnswers : residentAnswers)).chain((answer) => jsonBody(answer)) : fc.constantFrom(...(agency ? agencyFields : residentFields)).chain((fields) => formBody(fields));
      return body.map((part) => ({ token: held.token, part }));
    });
  const receipt = (reference: string) => ({ id: '740e5834-3a29-46b4-9a6f-16142fde533a', reference, to: 'someone@example.org', status: 'delivered', created_at: '2026-11-23T10:00:00.000Z', completed_at: '2026-11-23T10:00:05.000Z', sent_at: '2026-11-23T10:00:01.000Z', notification_type: 'email' });
  const notifyAuth = fc.oneof({ weight: 8, arbitrary: fc.constant({ authorization: `Bearer ${f.notifyCallbackToken}` }) }, { weight: 2, arbitrary: fc.constantFrom<Record<string, string>>({}, { authorization: 'Bearer wrong' }, { authorization: f.notifyCallbackToken }, { authorization: `Bearer ${f.notifyCallbackToken} ` }, { authorization: `bearer ${f.notifyCallbackToken}x` }) });

  // Staff JSON API. A valid proposal body names a court the officer does not work at, so a
  // mutation that happens to be valid is refused (403) after full validation rather than
  // starting a workflow per run; the journeys tests start real ones.
  const proposal = { ...proposalBody(), courtCode: 'C01CF00' };
  const list: Omit<Endpoint, 'concurrency' | 'maxBatch'>[] = [
    { route: 'POST /api/proposals', arbitrary: request('POST', anyQuery('/api/proposals'), [bearer(officer), fc.option(nastyString.map((key) => ({ 'idempotency-key': key.replace(/[^\x20-\x7e]/g, '') })), { nil: {} })], jsonBody(proposal)) },
    { route: 'GET /api/proposals/{proposalId}', arbitrary: request('GET', withQuery(apiProposalPath('GET /api/proposals/{proposalId}'), ['reason']), [bearer(officer)]) },
    { route: 'POST /api/proposals/{proposalId}/restricted', arbitrary: request('POST', apiProposalPath('POST /api/proposals/{proposalId}/restricted', '/restricted'), [bearer(officer)], jsonBody({ reason: 'Writing the risk section of the report' })) },
    { route: 'GET /api/proposals/{proposalId}/audit', arbitrary: request('GET', withQuery(apiProposalPath('GET /api/proposals/{proposalId}/audit', '/audit'), []), [bearer(officer)]) },
    // SUITABLE while checks are outstanding is refused (409): only broken bodies reach further.
    { route: 'POST /api/proposals/{proposalId}/decision', arbitrary: request('POST', apiProposalPath('POST /api/proposals/{proposalId}/decision', '/decision'), [bearer(officer)], jsonBody({ outcome: 'SUITABLE', rationale: 'Every check answered', riskOfSeriousHarm: 'HIGH' })) },
    { route: 'POST /api/proposals/{proposalId}/countersign', arbitrary: request('POST', apiProposalPath('POST /api/proposals/{proposalId}/countersign', '/countersign'), [bearer(spo, [officer, sentencer])], jsonBody({ agree: false, comment: 'I do not agree' })) },
    { route: 'POST /api/proposals/{proposalId}/withdraw', arbitrary: request('POST', apiProposalPath('POST /api/proposals/{proposalId}/withdraw', '/withdraw'), [bearer(officer)], jsonBody({ reason: 'No longer proposed' })) },
    // A valid adjournment moves the fixture's hearing once; the same date again is refused (400). The
    // outcome before the hearing day is refused (409): only broken bodies reach further.
    { route: 'POST /api/proposals/{proposalId}/adjournment', arbitrary: request('POST', apiProposalPath('POST /api/proposals/{proposalId}/adjournment', '/adjournment'), [bearer(officer)], jsonBody({ hearingDate: laterHearing, cause: 'CHECKS_OUTSTANDING', note: 'Police answer expected next week' })) },
    { route: 'POST /api/proposals/{proposalId}/outcome', arbitrary: request('POST', apiProposalPath('POST /api/proposals/{proposalId}/outcome', '/outcome'), [bearer(officer)], jsonBody({ outcome: 'ADJOURNED', hearingDate: laterHearing, cause: 'OTHER' })) },
    // The fixture is still being checked: a well-formed body is refused with 409, and nothing is started.
    {
      route: 'POST /api/proposals/{proposalId}/alternative-address',
      arbitrary: request('POST', apiProposalPath('POST /api/proposals/{proposalId}/alternative-address', '/alternative-address'), [bearer(officer)], jsonBody({
        address: { line1: '9 Other Road', town: 'Swindon', postcode: 'SN2 2BB' },
        residents: [{ fullName: 'Jo Resident', relationship: 'PARENT', email: 'jo@example.org', language: 'en' }],
        noOtherAdults: false,
        childrenDeclaredByDefendant: { any: false },
        policeForce: 'WILTSHIRE',
        localAuthority: 'SWINDON',
      })),
    },
    {
      route: 'POST /api/proposals/{proposalId}/consent-withdrawals',
      arbitrary: request('POST', apiProposalPath('POST /api/proposals/{proposalId}/consent-withdrawals', '/consent-withdrawals'), [bearer(officer)], jsonBody({ checkId: f.proposalFor('POST /api/proposals/{proposalId}/consent-withdrawals').checkIds.at(-1) ?? 'x' })),
    },
    { route: 'POST /api/proposals/{proposalId}/residents/{residentId}/consent', arbitrary: request('POST', residentPath('POST /api/proposals/{proposalId}/residents/{residentId}/consent', '/api', '/consent'), [bearer(officer)], jsonBody({ decision: 'CONSENT', method: 'PHONE', spokenToAlone: true })) },
    { route: 'POST /api/proposals/{proposalId}/checks/{checkId}/resend', arbitrary: request('POST', checkPath('POST /api/proposals/{proposalId}/checks/{checkId}/resend', '/api'), [bearer(officer)], jsonBody({ resendCount: 0 })) },
    { route: 'POST /api/proposals/{proposalId}/residents/{residentId}/contact', arbitrary: request('POST', residentPath('POST /api/proposals/{proposalId}/residents/{residentId}/contact', '/api', '/contact'), [bearer(officer)], jsonBody({ email: 'new.address@example.org', mobile: '07700900456' })) },
    { route: 'GET /api/courts/{courtCode}/hearings/{date}', arbitrary: request('GET', fc.tuple(pathSegment(['B01LY00', 'C01CF00', 'b01ly00']), pathSegment(['2026-12-25', ...impossibleDates.slice(0, 6)])).map(([court, date]) => `/api/courts/${court}/hearings/${date}`), [bearer(sentencer, [officer])]) },
    { route: 'POST /api/responses', arbitrary: request('POST', anyQuery('/api/responses'), [anyHeaders], linkAnswer('json').map(({ token: value, part }) => ({ ...part, body: withToken(part.body, value) }))) },

    // Links.
    { route: 'GET /r/{token}', arbitrary: request('GET', token.map((value) => `/r/${encodeURIComponent(value.toWellFormed()) || 'x'}`), [anyHeaders]) },
    { route: 'HEAD /r/{token}', arbitrary: request('HEAD', pathSegment(['A'.repeat(43)]).map((value) => `/r/${value}`), [anyHeaders]) },
    { route: 'GET /respond', arbitrary: request('GET', withQuery(fc.constant('/respond'), ['lang']), [linkCookie, accept]) },
    {
      route: 'POST /respond',
      arbitrary: fc
        .tuple(
          withQuery(fc.constant('/respond'), ['lang']),
          fc.oneof(linkAnswer('form'), linkAnswer('json')),
          fc.oneof({ weight: 6, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.constantFrom<Record<string, string>>({}, { cookie: 'link=' }, { cookie: 'link=%ZZ' }, { cookie: 'other=1' }) }),
          accept,
          randomHeaders,
        )
        .map(([path, { token: value, part }, brokenCookie, acceptHeader, extra]) => ({
          method: 'POST',
          path,
          headers: { ...extra, ...acceptHeader, ...(brokenCookie ?? { cookie: `link=${encodeURIComponent(value.toWellFormed())}` }), ...part.headers },
          body: part.body,
        })),
    },

    // Asking for a new link: the same cookie as the answer form; a live link is not renewable, so nothing changes.
    { route: 'POST /respond/new-link', arbitrary: request('POST', withQuery(fc.constant('/respond/new-link'), ['lang']), [linkCookie, accept], formBody([['lang', 'cy']])) },
    // A resident's withdrawal link and page.
    { route: 'GET /w/{token}', arbitrary: request('GET', token.map((value) => `/w/${encodeURIComponent(value.toWellFormed()) || 'x'}`), [anyHeaders]) },
    { route: 'HEAD /w/{token}', arbitrary: request('HEAD', pathSegment(['A'.repeat(43)]).map((value) => `/w/${value}`), [anyHeaders]) },
    { route: 'GET /withdraw-consent', arbitrary: request('GET', withQuery(fc.constant('/withdraw-consent'), ['lang']), [withdrawalCookie, accept]) },
    { route: 'POST /withdraw-consent', arbitrary: request('POST', withQuery(fc.constant('/withdraw-consent'), ['lang']), [withdrawalCookie, accept], formBody([['lang', 'cy']])) },

    // Sign-in.
    { route: 'GET /auth/sign-in', arbitrary: request('GET', anyQuery('/auth/sign-in'), [anyHeaders]) },
    { route: 'GET /auth/callback', arbitrary: request('GET', withQuery(fc.constant('/auth/callback'), ['code', 'state', 'iss', 'error', 'error_description', 'session_state']), [fc.oneof(fc.constant({}), nastyString.map((id) => ({ cookie: `sign-in=${encodeURIComponent(id.toWellFormed())}` })))]) },
    // Signing out with the right token is not bad input: the runs send a wrong or missing one, or none of the session.
    { route: 'POST /auth/sign-out', arbitrary: request('POST', anyQuery('/auth/sign-out'), [fc.constantFrom<Record<string, string>>({}, { cookie: officer.cookie }, { cookie: officer.cookie, 'x-csrf-token': 'wrong' }, { cookie: officer.cookie, origin: 'http://evil.example', 'x-csrf-token': officer.csrfToken }, { cookie: 'session=nope' })], formBody([['_csrf', 'wrong']])) },
    { route: 'GET /auth/session', arbitrary: request('GET', anyQuery('/auth/session'), [sessionGet(officer)]) },
    { route: 'GET /health', arbitrary: request('GET', anyQuery('/health'), [anyHeaders]) },
    { route: 'GET /api/openapi.json', arbitrary: request('GET', anyQuery('/api/openapi.json'), [anyHeaders]) },
    { route: 'GET /api/dev/outbox', arbitrary: request('GET', anyQuery('/api/dev/outbox'), [anyHeaders]) },
    { route: 'GET /dev/outbox', arbitrary: request('GET', anyQuery('/dev/outbox'), [anyHeaders]) },
    {
      route: 'POST /notify/callback',
      arbitrary: request('POST', anyQuery('/notify/callback'), [notifyAuth], fc.constantFrom('not-a-message', ...f.outboxIds.slice(0, 5)).chain((reference) => jsonBody(receipt(reference)))),
    },

    // The catch-all: addresses no other route serves (a mistyped page, a link cut short, a program's typo).
    { route: 'GET /{proxy+}', arbitrary: request('GET', withQuery(unknownPath, []), [anyHeaders, accept]) },
    { route: 'HEAD /{proxy+}', arbitrary: request('HEAD', unknownPath, [anyHeaders]) },
    { route: 'POST /{proxy+}', arbitrary: request('POST', unknownPath, [sessionPost(officer)], form(officer, [['reason', 'Anything at all']])) },

    // Pages.
    { route: 'GET /', arbitrary: request('GET', anyQuery('/'), [sessionGet(officer)]) },
    { route: 'GET /proposals/new', arbitrary: request('GET', anyQuery('/proposals/new'), [sessionGet(officer)]) },
    { route: 'POST /proposals/new', arbitrary: request('POST', anyQuery('/proposals/new'), [sessionPost(officer)], formBody(startChecksForm(), [['_csrf', officer.csrfToken]])) },
    { route: 'GET /proposals', arbitrary: request('GET', withQuery(fc.constant('/proposals'), ['show', 'search']), [sessionGet(officer)]) },
    { route: 'GET /proposals/{proposalId}', arbitrary: request('GET', withQuery(proposalPath('GET /proposals/{proposalId}'), ['reason', 'done']), [sessionGet(officer)]) },
    { route: 'GET /proposals/{proposalId}/changes', arbitrary: request('GET', withQuery(proposalPath('GET /proposals/{proposalId}/changes', '/changes'), []), [sessionGet(officer, [sentencer])]) },
    { route: 'POST /proposals/{proposalId}/restricted', arbitrary: request('POST', proposalPath('POST /proposals/{proposalId}/restricted', '/restricted'), [sessionPost(officer)], form(officer, [['reason', 'Writing the risk section of the report']])) },
    { route: 'POST /proposals/{proposalId}/decision', arbitrary: request('POST', proposalPath('POST /proposals/{proposalId}/decision', '/decision'), [sessionPost(officer)], form(officer, [['outcome', 'SUITABLE'], ['rationale', 'Every check answered'], ['riskOfSeriousHarm', 'HIGH']])) },
    {
      route: 'POST /proposals/{proposalId}/consent-withdrawals',
      arbitrary: request('POST', proposalPath('POST /proposals/{proposalId}/consent-withdrawals', '/consent-withdrawals'), [sessionPost(officer)], form(officer, [['checkId', f.proposalFor('POST /proposals/{proposalId}/consent-withdrawals').checkIds.at(-1) ?? 'x']])),
    },
    { route: 'POST /proposals/{proposalId}/withdraw', arbitrary: request('POST', proposalPath('POST /proposals/{proposalId}/withdraw', '/withdraw'), [sessionPost(officer)], form(officer, [['reason', 'No longer proposed']])) },
    { route: 'GET /proposals/{proposalId}/adjournment', arbitrary: request('GET', withQuery(proposalPath('GET /proposals/{proposalId}/adjournment', '/adjournment'), []), [sessionGet(officer, [sentencer])]) },
    {
      route: 'POST /proposals/{proposalId}/adjournment',
      arbitrary: request('POST', proposalPath('POST /proposals/{proposalId}/adjournment', '/adjournment'), [sessionPost(officer, [sentencer])], form(officer, [...laterHearingParts, ['cause', 'OTHER'], ['note', '']])),
    },
    { route: 'GET /proposals/{proposalId}/outcome', arbitrary: request('GET', withQuery(proposalPath('GET /proposals/{proposalId}/outcome', '/outcome'), []), [sessionGet(officer, [sentencer])]) },
    {
      route: 'POST /proposals/{proposalId}/outcome',
      arbitrary: request('POST', proposalPath('POST /proposals/{proposalId}/outcome', '/outcome'), [sessionPost(officer, [sentencer])], form(officer, [['outcome', 'CURFEW_IMPOSED']])),
    },
    { route: 'GET /proposals/{proposalId}/alternative-address', arbitrary: request('GET', withQuery(proposalPath('GET /proposals/{proposalId}/alternative-address', '/alternative-address'), []), [sessionGet(officer)]) },
    { route: 'POST /proposals/{proposalId}/alternative-address', arbitrary: request('POST', proposalPath('POST /proposals/{proposalId}/alternative-address', '/alternative-address'), [sessionPost(officer)], form(officer, [])) },
    {
      route: 'POST /proposals/{proposalId}/residents/{residentId}/consent',
      arbitrary: request('POST', residentPath('POST /proposals/{proposalId}/residents/{residentId}/consent', '', '/consent'), [sessionPost(officer)], form(officer, [['decision', 'CONSENT'], ['method', 'PHONE'], ['spokenToAlone', 'yes']])),
    },
    { route: 'POST /proposals/{proposalId}/checks/{checkId}/resend', arbitrary: request('POST', checkPath('POST /proposals/{proposalId}/checks/{checkId}/resend', ''), [sessionPost(officer)], form(officer, [['resendCount', '0']])) },
    {
      route: 'POST /proposals/{proposalId}/residents/{residentId}/contact',
      arbitrary: request('POST', residentPath('POST /proposals/{proposalId}/residents/{residentId}/contact', '', '/contact'), [sessionPost(officer)], form(officer, [['email', 'new.address@example.org'], ['mobile', '']])),
    },
    { route: 'GET /proposals/{proposalId}/summary', arbitrary: request('GET', withQuery(proposalPath('GET /proposals/{proposalId}/summary', '/summary'), []), [sessionGet(officer)]) },
    { route: 'GET /proposals/{proposalId}/countersign', arbitrary: request('GET', withQuery(proposalPath('GET /proposals/{proposalId}/countersign', '/countersign'), []), [sessionGet(spo, [officer, sentencer])]) },
    { route: 'POST /proposals/{proposalId}/countersign', arbitrary: request('POST', proposalPath('POST /proposals/{proposalId}/countersign', '/countersign'), [sessionPost(spo, [officer, sentencer])], form(spo, [['agree', 'no'], ['comment', 'I do not agree']])) },
    { route: 'GET /queue', arbitrary: request('GET', withQuery(fc.constant('/queue'), ['done']), [sessionGet(spo, [officer, sentencer])]) },
    { route: 'GET /morning-check-in', arbitrary: request('GET', withQuery(fc.constant('/morning-check-in'), []), [sessionGet(officer, [sentencer])]) },
    // P&Q figures: SPOs (and performance leads) only; a bad period or another court is a 400 page, never a 500.
    { route: 'GET /performance', arbitrary: request('GET', withQuery(fc.constant('/performance'), ['period', 'court']), [sessionGet(spo, [officer, sentencer])]) },
    { route: 'GET /performance.csv', arbitrary: request('GET', withQuery(fc.constant('/performance.csv'), ['period', 'court']), [sessionGet(spo, [officer, sentencer])]) },
    { route: 'GET /court-list', arbitrary: request('GET', withQuery(fc.constant('/court-list'), ['court', 'date', 'date-day', 'date-month', 'date-year']), [sessionGet(sentencer, [officer])]) },
    { route: 'GET /court-list/{proposalId}', arbitrary: request('GET', withQuery(pathSegment([f.proposalFor('GET /court-list/{proposalId}').proposalId]).map((id) => `/court-list/${id}`), []), [sessionGet(sentencer, [officer])]) },
  ];
  // Link refusals take at least 250 ms by design (so timing does not tell why): more at once.
  const slow = new Set(['POST /api/responses', 'GET /respond', 'POST /respond', 'POST /respond/new-link', 'GET /withdraw-consent', 'POST /withdraw-consent']);
  const answering = new Set(['POST /api/responses', 'POST /respond']);
  return list.map((endpoint) => ({ ...endpoint, concurrency: slow.has(endpoint.route) ? 48 : 12, maxBatch: answering.has(endpoint.route) ? 50 : 250 }));
}
