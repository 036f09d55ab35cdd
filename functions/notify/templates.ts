import * as z from 'zod';
import type { MessageKind } from '#store/outbox';

/**
 * GOV.UK Notify template ids, per message kind and per slot (who reads it, and how). Each kind
 * must list its templates here: a new kind in the outbox does not compile until it has some.
 *
 * | Kind          | Slot                                          | Personalisation                        |
 * | ------------- | --------------------------------------------- | -------------------------------------- |
 * | REQUEST       | AGENCY_EMAIL, RESIDENT_EMAIL, RESIDENT_SMS    | agency: link, due_date, court_code, court_name, court_team_email, court_team_phone, enquiry, enquiry_reference; resident: link, due_date |
 * | REMINDER      | AGENCY_EMAIL, RESIDENT_EMAIL, RESIDENT_SMS    | as REQUEST                             |
 * | OVERDUE       | OFFICER_EMAIL                                 | proposal_id, check_type                |
 * | NEEDS_CONTACT | OFFICER_EMAIL                                 | proposal_id, check_type                |
 * | DECISION_RETURNED | OFFICER_EMAIL                             | proposal_id                            |
 * | NEW_LINK_REQUESTED | OFFICER_EMAIL                            | proposal_id, check_type                |
 * | CONSENT_CONFIRMED | RESIDENT_EMAIL, RESIDENT_SMS (and _CY)     | link                                   |
 * | CONSENT_WITHDRAWN | OFFICER_EMAIL                             | proposal_id, check_type                |
 * | CONSENT_WITHDRAWN_AFTER_HEARING | OFFICER_EMAIL               | proposal_id, check_type                |
 * | NO_LONGER_NEEDED | AGENCY_EMAIL, RESIDENT_EMAIL, RESIDENT_SMS (and _CY) | agency: court_code, court_name, court_team_email, court_team_phone, enquiry, enquiry_reference; resident: none |
 * | DIGEST        | OFFICER_EMAIL                                 | court_code, date, count, overdue_checks, link |
 * | AGENCY_DIGEST | AGENCY_EMAIL                                  | date, count, overdue_count, enquiries  |
 *
 * Residents who chose Welsh get the `_CY` slots of REQUEST and REMINDER (RESIDENT_EMAIL_CY,
 * RESIDENT_SMS_CY): the same personalisation, with the due date written in Welsh.
 *
 * Agency templates name the court by `court_name` (not its code) and say how to reach its team:
 * "The probation court team at ((court_name)) asks for a ((enquiry)) … If you have a question,
 * email ((court_team_email)) or call ((court_team_phone))."
 *
 * NO_LONGER_NEEDED tells a recipient whose request was stopped that no answer is needed and that
 * their link no longer works, never why (a resident's refusal is theirs alone): "You no longer
 * need to answer our question about where you live. The link we sent no longer works." An
 * agency's names the court as its request did: "The probation court team at ((court_name)) no
 * longer needs an answer to its ((enquiry)). The link we sent no longer works."
 *
 * Resident templates must not name the defendant, in the subject or anywhere (the defendant may
 * read the resident's messages): "A probation court team asks you to answer a question about
 * where you live. Use this link: ((link)). Please answer by ((due_date))."
 *
 * A REMINDER carries a new link, and the link in any earlier message stops working (ADR 0013), so
 * its templates must say so: "We have not had your answer yet. Please use this new link:
 * ((link)). The link in our earlier message no longer works. Please answer by ((due_date))."
 *
 * NEW_LINK_REQUESTED tells the proposal's officer that the holder of an expired or replaced link
 * asked for a new one: "The ((check_type)) link for proposal ((proposal_id)) has expired or was
 * lost, and a new one was asked for. Sign in and choose Send a new link on the proposal."
 *
 * CONSENT_CONFIRMED goes to a resident once their consent is recorded (through their link or by
 * the officer), with a link that withdraws it, never the defendant's name: "Thank you. You have
 * agreed to a curfew at your home. You can change your mind until the end of any curfew: use this
 * link to withdraw your consent privately: ((link)). Nobody else is told that you used it except the
 * probation court team." Welsh (`_CY`): "Diolch. Rydych wedi cytuno i gyrffyw yn eich cartref. Gallwch
 * newid eich meddwl tan ddiwedd unrhyw gyrffyw: defnyddiwch y ddolen hon i dynnu eich caniatâd yn ôl
 * yn breifat: ((link))."
 *
 * CONSENT_WITHDRAWN tells the officer and the court team's SPOs that a resident withdrew consent
 * before the hearing: "A resident has withdrawn their consent for proposal ((proposal_id)). The
 * proposal is now unsuitable. Sign in to see it." CONSENT_WITHDRAWN_AFTER_HEARING is the alert after
 * the hearing: "Urgent: a resident has withdrawn their consent for proposal ((proposal_id)) after the
 * hearing. The curfew address no longer has consent: you may need to go back to court."
 *
 * An AGENCY_DIGEST goes to a police force's or local authority's enquiry mailbox each working
 * morning when it has enquiries outstanding; `enquiries` is a bulleted list, one line per enquiry
 * with its reference, type, court, due date, whether it is overdue and the court team's mailbox and
 * phone. It carries no link (a link's token is never kept): "Our probation court teams are waiting
 * for your answer to these ((count)) enquiries (((overdue_count)) overdue). Please answer each
 * through the link in our email about it. If a link has expired, open it and ask for a new one,
 * or contact the court team named. ((enquiries))". The agency request and reminder templates carry
 * the same reference (`enquiry_reference`), so a line can be matched to its email.
 *
 * Deployed, `NOTIFY_TEMPLATES` sets them all (same JSON shape as below). These defaults are fixed
 * made-up ids for the local fake Notify server and tests; they are refused against real Notify.
 */
export const templateSlots = ['AGENCY_EMAIL', 'RESIDENT_EMAIL', 'RESIDENT_SMS', 'RESIDENT_EMAIL_CY', 'RESIDENT_SMS_CY', 'OFFICER_EMAIL'] as const;
export type TemplateSlot = (typeof templateSlots)[number];

export type TemplateIds = { readonly [Kind in MessageKind]: Partial<Readonly<Record<TemplateSlot, string>>> };

export const localTemplateIds: TemplateIds = {
  REQUEST: {
    AGENCY_EMAIL: '00000000-0000-4000-8000-000000000101',
    RESIDENT_EMAIL: '00000000-0000-4000-8000-000000000102',
    RESIDENT_SMS: '00000000-0000-4000-8000-000000000103',
    RESIDENT_EMAIL_CY: '00000000-0000-4000-8000-000000000104',
    RESIDENT_SMS_CY: '00000000-0000-4000-8000-000000000105',
  },
  REMINDER: {
    AGENCY_EMAIL: '00000000-0000-4000-8000-000000000201',
    RESIDENT_EMAIL: '00000000-0000-4000-8000-000000000202',
    RESIDENT_SMS: '00000000-0000-4000-8000-000000000203',
    RESIDENT_EMAIL_CY: '00000000-0000-4000-8000-000000000204',
    RESIDENT_SMS_CY: '00000000-0000-4000-8000-000000000205',
  },
  OVERDUE: { OFFICER_EMAIL: '00000000-0000-4000-8000-000000000301' },
  NEEDS_CONTACT: { OFFICER_EMAIL: '00000000-0000-4000-8000-000000000401' },
  DECISION_RETURNED: { OFFICER_EMAIL: '00000000-0000-4000-8000-000000000601' },
  NEW_LINK_REQUESTED: { OFFICER_EMAIL: '00000000-0000-4000-8000-000000000901' },
  NO_LONGER_NEEDED: {
    AGENCY_EMAIL: '00000000-0000-4000-8000-000000000701',
    RESIDENT_EMAIL: '00000000-0000-4000-8000-000000000702',
    RESIDENT_SMS: '00000000-0000-4000-8000-000000000703',
    RESIDENT_EMAIL_CY: '00000000-0000-4000-8000-000000000704',
    RESIDENT_SMS_CY: '00000000-0000-4000-8000-000000000705',
  },
  CONSENT_CONFIRMED: {
    RESIDENT_EMAIL: '00000000-0000-4000-8000-000000001002',
    RESIDENT_SMS: '00000000-0000-4000-8000-000000001003',
    RESIDENT_EMAIL_CY: '00000000-0000-4000-8000-000000001004',
    RESIDENT_SMS_CY: '00000000-0000-4000-8000-000000001005',
  },
  CONSENT_WITHDRAWN: { OFFICER_EMAIL: '00000000-0000-4000-8000-000000001101' },
  CONSENT_WITHDRAWN_AFTER_HEARING: { OFFICER_EMAIL: '00000000-0000-4000-8000-000000001201' },
  DIGEST: { OFFICER_EMAIL: '00000000-0000-4000-8000-000000000501' },
  AGENCY_DIGEST: { AGENCY_EMAIL: '00000000-0000-4000-8000-000000000801' },
};

const slotsSchema = z.partialRecord(z.enum(templateSlots), z.uuid());
const overridesSchema = z.partialRecord(z.enum(Object.keys(localTemplateIds) as [MessageKind, ...MessageKind[]]), slotsSchema);

/**
 * The template ids in force: `NOTIFY_TEMPLATES` (JSON) over the local defaults. With `complete`
 * (real Notify), every slot the defaults have must be set, so no local id is ever sent to Notify.
 */
export function resolveTemplateIds(json: string | undefined, options: { complete: boolean }): TemplateIds {
  let overrides: z.infer<typeof overridesSchema> = {};
  if (json !== undefined) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(json);
    } catch (error) {
      throw new Error('NOTIFY_TEMPLATES must be JSON', { cause: error });
    }
    const result = overridesSchema.safeParse(parsed);
    if (!result.success) {
      throw new Error(`NOTIFY_TEMPLATES is not valid: ${result.error.issues.map((issue) => issue.path.join('.')).join(', ')}`);
    }
    overrides = result.data;
  }
  const kinds = Object.keys(localTemplateIds) as MessageKind[];
  const missing = kinds.flatMap((kind) => Object.keys(localTemplateIds[kind]).filter((slot) => overrides[kind]?.[slot as TemplateSlot] === undefined).map((slot) => `${kind}.${slot}`));
  if (options.complete && missing.length > 0) {
    throw new Error(`NOTIFY_TEMPLATES must set every template for GOV.UK Notify; missing ${missing.join(', ')}`);
  }
  return Object.fromEntries(kinds.map((kind) => [kind, { ...localTemplateIds[kind], ...overrides[kind] }])) as unknown as TemplateIds;
}
