import { canonicalJson } from '#domain/canonical-json';
import type { CheckAnswer } from '#schemas/answers';
import type { CheckItem } from '#store/items';

/**
 * Whether an answer sent through a used link is the answer that link gave: the same form sent
 * again (a refreshed confirmation page re-posts it), not a different, later answer. A resident
 * who asked to speak to someone gave no answer; sending that again is the same request while the
 * check still waits for the officer.
 */
export function isAnswerGiven(check: CheckItem, answer: CheckAnswer): boolean {
  if ('decision' in answer && answer.decision === 'SPEAK_TO_OFFICER') {
    return check.status === 'NEEDS_CONTACT';
  }
  return check.source?.via === 'LINK' && check.answer !== undefined && canonicalJson(check.answer) === canonicalJson(answer);
}
