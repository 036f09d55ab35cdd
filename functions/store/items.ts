import type { EarlierVersion } from '#domain/case-versions';
import type { ConsentWithdrawalVia } from '#domain/consent-withdrawal';
import type { CheckStatus, CheckType, ProposalStatus } from '#domain/statuses';
import type { AuthorGrade, ConditionId, RiskOfSeriousHarmRecord } from '#domain/countersigning-policy';
import type { AdjournmentCause, AdjournmentRecord, FinalHearingOutcome } from '#domain/adjournment';
import type { CheckAnswer } from '#schemas/answers';
import type { ProposalInput } from '#schemas/proposal';

/**
 * The shapes of the items in the one application table. Every item of a proposal shares its
 * partition key, so one query reads a proposal, its checks and its audit trail.
 */

export type ResidentRecord = ProposalInput['residents'][number] & { residentId: string };

export interface StaffAction {
  by: string;
  at: string;
}

export interface ProposalItem {
  pk: string;
  sk: 'PROPOSAL';
  itemType: 'PROPOSAL';
  proposalId: string;
  status: ProposalStatus;
  concerns: boolean;
  courtCode: string;
  hearingDate: string;
  /** `${courtCode}#${hearingDate}`: the court list index's sort key (its partition key is `courtCode`). */
  courtHearing: string;
  reportType: ProposalInput['reportType'];
  convictionDate: string;
  defendant: ProposalInput['defendant'];
  curfew: ProposalInput['curfew'];
  residents: ResidentRecord[];
  noOtherAdults: boolean;
  childrenDeclaredByDefendant: ProposalInput['childrenDeclaredByDefendant'];
  policeForce: string;
  localAuthority: string;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  /** A resident refused (CONSENT_NOT_GIVEN) or withdrew the consent they gave (CONSENT_WITHDRAWN); the court sees which, never who. */
  unsuitableReason?: 'CONSENT_NOT_GIVEN' | 'CONSENT_WITHDRAWN';
  /**
   * A resident withdrew their consent (the first withdrawal, if more than one resident did): when,
   * and whether the hearing had passed (the status then stayed and the court must be told). Never who.
   */
  consentWithdrawal?: { at: string; afterHearing: boolean };
  decision?: Decision;
  countersignature?: StaffAction & { agree: boolean; comment: string };
  /**
   * Each decision a senior probation officer sent back, oldest first, with their comment: the
   * proposal's `decision` and `countersignature` are those of the current round only.
   */
  returns?: ReturnedDecision[];
  withdrawal?: StaffAction & { reason: string };
  /**
   * Each time the hearing moved, oldest first (ADR 0024); `hearingDate` is the current one. The
   * officer's optional note is kept here only, never in a log, an audit record or an event.
   */
  adjournments?: Adjournment[];
  /** What the court decided at the hearing, once it sentenced (an adjournment is in `adjournments`). */
  hearingOutcome?: RecordedHearingOutcome;
  /** The workflow's task token while it waits for a decision or countersignature. Never leaves the server. */
  stageTaskToken?: string;
  needsAttention?: { error: string; at: string };
  /**
   * Versions of one case (another address, ADR 0026): the case's id (its first proposal's) and this
   * proposal's number in it. Absent on a first proposal until it is replaced: it is version 1 of a
   * case named by its own id (domain/case-versions.ts).
   */
  caseId?: string;
  version?: number;
  /** The proposal this one replaces, and the earlier versions as they ended (for lists, without reading them). */
  previousProposalId?: string;
  earlierVersions?: EarlierVersion[];
  /** The proposal that replaced this one; set once, in the same write that creates it. */
  nextProposalId?: string;
}

/** One adjournment: the dates, the cause, who recorded it and when, and the officer's optional note. */
export type Adjournment = AdjournmentRecord & { by: string; cause: AdjournmentCause; note?: string };

/** The court's sentence: the hearing it was given at, and how many checks had no answer then. */
export type RecordedHearingOutcome = StaffAction & { outcome: FinalHearingOutcome; hearingDate: string; checksUnanswered: number };

/** An officer's suitability decision. */
export type Decision = StaffAction & {
  outcome: 'SUITABLE' | 'UNSUITABLE';
  rationale: string;
  /**
   * The countersigning policy's version in force when it was made, and the conditions that made it
   * need a countersignature (none for an unsuitable decision, which is never countersigned; ADR
   * 0019). Absent on decisions made before the policy was kept as data. Never recomputed: a new
   * policy version does not change a decision already made.
   */
  countersigning?: { policyVersion: string; conditions: ConditionId[] };
  /** The risk of serious harm the officer recorded from the assessment with this decision, when they recorded one. */
  riskOfSeriousHarm?: RiskOfSeriousHarmRecord;
  /** The deciding officer's grade at the time, when their sign-in gave one (the policy may depend on it). */
  authorGrade?: AuthorGrade;
};

export interface ReturnedDecision {
  decision: Decision;
  countersignature: StaffAction & { agree: false; comment: string };
}

/** How an answer reached us: the recipient's own link, or an officer recording it. */
export type AnswerSource = { via: 'LINK' } | { via: 'OFFICER'; recordedBy: string; method: 'PHONE' | 'IN_PERSON'; spokenToAlone: boolean };

export interface CheckItem {
  pk: string;
  sk: string;
  itemType: 'CHECK';
  proposalId: string;
  checkId: string;
  type: CheckType;
  residentId?: string;
  status: CheckStatus;
  /** The proposal's court and court list key, so a court's list reads checks with their proposals. */
  courtCode: string;
  courtHearing: string;
  dueAt: string;
  /**
   * How many times the hearing moved this check's due time (absent: never). Part of its reminder
   * and overdue notice references, so the new due date's are sent and none twice (ADR 0024).
   */
  dueRound?: number;
  /** When the due time last moved: reminder points before it are not sent (they belong to the old date). */
  dueMovedAt?: string;
  requestedAt?: string;
  overdueAt?: string;
  respondedAt?: string;
  /** When a resident asked to speak to someone; kept after the officer records their answer (a concern). */
  needsContactAt?: string;
  answer?: CheckAnswer;
  source?: AnswerSource;
  /** Consent the officer recorded again replaced these answers, oldest first (ADR 0016). */
  earlierAnswers?: { answer: CheckAnswer; source?: AnswerSource; respondedAt?: string }[];
  /** SHA-256 of the live link token; the token itself is only ever in the message. */
  linkTokenHash?: string;
  linkExpiresAt?: string;
  /**
   * The outbox message that carries the live link (`REQUEST#<checkId>`, then `RESEND#<checkId>#<n>`
   * after the officer sends it again, or `REMINDER#<checkId>#<point>` after a reminder). Absent on
   * checks requested before it existed: their link was in `REQUEST#<checkId>`. The message keeps
   * the link only until it is delivered.
   */
  linkMessageId?: string;
  /** How many times an officer has sent the link again (absent: never). */
  resendCount?: number;
  /** When the live link was last sent again (absent: the first request's link is live). */
  linkSentAt?: string;
  /** The workflow's task token for this check. Never leaves the server. */
  taskToken?: string;
  /**
   * When the holder of an expired or replaced link asked for a new one (the officer is told and
   * sends it with one click); removed when a new link is issued (a resend or a reminder).
   */
  newLinkRequestedAt?: string;
  /** A message about this check that GOV.UK Notify could not deliver (no address kept here). */
  deliveryProblem?: { messageId: string; status: string; at: string };
  /** The resident withdrew the consent they gave: when, how, and (through the officer) who recorded it. The answer stays as given. */
  consentWithdrawal?: ConsentWithdrawalRecord;
}

export interface ConsentWithdrawalRecord {
  at: string;
  via: ConsentWithdrawalVia;
  /** The officer who recorded it; absent when the resident used their link. */
  recordedBy?: string;
  afterHearing: boolean;
}

/**
 * The link in a resident's confirmation of consent that withdraws it (functions/proposals/withdraw-consent.ts).
 * Kept apart from the answer links (its own key prefix), so no answer route can resolve it. Only
 * the token's hash is stored; `usedAt` once it has withdrawn consent.
 */
export interface WithdrawalLinkItem {
  pk: string;
  sk: 'WITHDRAWAL_LINK';
  itemType: 'WITHDRAWAL_LINK';
  proposalId: string;
  checkId: string;
  usedAt?: string;
  /** DynamoDB deletes the item some time after this (epoch seconds). */
  expiresAt: number;
}

export interface LinkItem {
  pk: string;
  sk: 'LINK';
  itemType: 'LINK';
  proposalId: string;
  checkId: string;
  checkType: CheckType;
  linkExpiresAt: string;
  usedAt?: string;
  /** DynamoDB deletes the item some time after this (epoch seconds). */
  expiresAt: number;
}

export const keys = {
  proposal: (proposalId: string) => ({ pk: `PROPOSAL#${proposalId}`, sk: 'PROPOSAL' as const }),
  check: (proposalId: string, checkId: string) => ({ pk: `PROPOSAL#${proposalId}`, sk: `CHECK#${checkId}` }),
  link: (tokenHash: string) => ({ pk: `LINK#${tokenHash}`, sk: 'LINK' as const }),
  withdrawalLink: (tokenHash: string) => ({ pk: `WITHDRAWAL_LINK#${tokenHash}`, sk: 'WITHDRAWAL_LINK' as const }),
  idempotency: (staffId: string, key: string) => ({ pk: `IDEMPOTENCY#${staffId}#${key}`, sk: 'IDEMPOTENCY' as const }),
  /** Stored with a new proposal, removed once its workflow has started (functions/proposals/pending-starts.ts). */
  pendingStart: (proposalId: string) => ({ pk: 'PENDING_WORKFLOW_STARTS', sk: `PROPOSAL#${proposalId}` }),
  pendingEnd: (proposalId: string) => ({ pk: 'PENDING_WORKFLOW_ENDS', sk: `PROPOSAL#${proposalId}` }),
};

/** The court list index's sort key of a proposal and its checks (its partition key is the court code). */
export function courtHearingKey(courtCode: string, hearingDate: string): string {
  return `${courtCode}#${hearingDate}`;
}
