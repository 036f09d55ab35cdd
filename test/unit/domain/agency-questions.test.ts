import { describe, expect, it } from 'vitest';
import { agencyOption, agencyQuestions, currentQuestionsVersion, everyOutcome, parseAgencyQuestions, questionsVersionOf, type AgencyQuestions } from '#domain/agency-questions';
import { answerRaisesConcern } from '#domain/check-rules';
import { answerOutcomeLabel } from '#pages/staff/labels';
import { answerSchemaFor } from '#schemas/answers';
import { check } from '../pages/staff-fixtures.ts';

const responder = { name: 'DS Pat Quinn', role: 'PPU', organisation: 'Wiltshire Police' };
const [first] = agencyQuestions.versions;
if (first === undefined) throw new Error('The checked-in questions have a version');

/** The checked-in questions with a later version that rewords children's services' options. */
const reworded: AgencyQuestions = parseAgencyQuestions({
  ...agencyQuestions,
  versions: [
    ...agencyQuestions.versions,
    {
      id: 'later',
      questions: {
        ...first.questions,
        CHILD_SAFEGUARDING: {
          ...first.questions.CHILD_SAFEGUARDING,
          options: first.questions.CHILD_SAFEGUARDING.options.map((option) => (option.value === 'KNOWN_NO_CURRENT_INVOLVEMENT' ? { ...option, label: 'Known in the past only', staffLabel: "Known to children's services in the past only" } : option)),
        },
      },
    },
  ],
});

describe('the checked-in agency questions', () => {
  it('first version asks what the service asked in code, with the same options, concerns and required summaries', () => {
    const options = (type: 'DOMESTIC_ABUSE' | 'CHILD_SAFEGUARDING') => first.questions[type].options.map(({ value, concern, summaryRequired }) => ({ value, concern, summaryRequired }));
    expect(options('DOMESTIC_ABUSE')).toEqual([
      { value: 'NO_INFORMATION', concern: false, summaryRequired: false },
      { value: 'INFORMATION_HELD', concern: true, summaryRequired: true },
    ]);
    expect(options('CHILD_SAFEGUARDING')).toEqual([
      { value: 'NOT_KNOWN', concern: false, summaryRequired: false },
      { value: 'KNOWN_NO_CURRENT_INVOLVEMENT', concern: true, summaryRequired: true },
      { value: 'CURRENT_INVOLVEMENT', concern: true, summaryRequired: true },
    ]);
    expect(first.questions.DOMESTIC_ABUSE.asked).toContain('{name}');
  });

  it('gives new answers the last version, and answers stored before the file the first', () => {
    expect(currentQuestionsVersion(reworded).id).toBe('later');
    expect(questionsVersionOf(undefined, reworded)?.id).toBe(first.id);
    expect(questionsVersionOf('no-such-version', reworded)).toBeUndefined();
    expect(everyOutcome('CHILD_SAFEGUARDING', reworded)).toEqual(['NOT_KNOWN', 'KNOWN_NO_CURRENT_INVOLVEMENT', 'CURRENT_INVOLVEMENT']);
  });
});

describe('an answer stored under an old version', () => {
  it("is shown with its own version's wording, a new one with the new wording, and one stored before the file with the first", () => {
    const answered = (questionsVersion?: string) =>
      check('CHILD_SAFEGUARDING', { status: 'RESPONDED', answer: { outcome: 'KNOWN_NO_CURRENT_INVOLVEMENT', summary: 'Known in 2019', restricted: false, responder, ...(questionsVersion === undefined ? {} : { questionsVersion }) } });
    expect(answerOutcomeLabel(answered(first.id), reworded)).toBe("Known to children's services, no current involvement");
    expect(answerOutcomeLabel(answered('later'), reworded)).toBe("Known to children's services in the past only");
    expect(answerOutcomeLabel(answered(undefined), reworded)).toBe("Known to children's services, no current involvement");
    expect(agencyOption('CHILD_SAFEGUARDING', 'KNOWN_NO_CURRENT_INVOLVEMENT', 'later', reworded)?.label).toBe('Known in the past only');
  });

  it('is judged a concern or not by its option, as when it was given; an option no version knows is a concern (the safe reading)', () => {
    expect(answerRaisesConcern('DOMESTIC_ABUSE', { outcome: 'INFORMATION_HELD', summary: 'x', restricted: false, responder, questionsVersion: first.id })).toBe(true);
    expect(answerRaisesConcern('DOMESTIC_ABUSE', { outcome: 'NO_INFORMATION', restricted: false, responder })).toBe(false);
    expect(answerRaisesConcern('DOMESTIC_ABUSE', { outcome: 'NO_INFORMATION', restricted: false, responder, questionsVersion: 'gone' })).toBe(true);
  });
});

describe('the answer schemas read the questions', () => {
  it('store the version the answer was given under: the one the page sent, else the current one', () => {
    const schema = answerSchemaFor('DOMESTIC_ABUSE');
    expect(schema.parse({ outcome: 'NO_INFORMATION', restricted: false, responder })).toMatchObject({ questionsVersion: currentQuestionsVersion().id });
    expect(schema.parse({ outcome: 'NO_INFORMATION', restricted: false, responder, questionsVersion: first.id })).toMatchObject({ questionsVersion: first.id });
  });

  it.each<[string, Record<string, unknown>, string, string]>([
    ['an option the question does not have', { outcome: 'NOT_KNOWN' }, 'outcome', 'Say whether the police hold information'],
    ['no option', {}, 'outcome', 'Say whether the police hold information'],
    ['an option that must be explained, without a summary', { outcome: 'INFORMATION_HELD' }, 'summary', 'Enter a summary of the information held'],
    ['a version the file does not have', { outcome: 'NO_INFORMATION', questionsVersion: 'gone' }, 'questionsVersion', 'These questions have changed since the page was opened: open the link again and answer'],
  ])('refuse %s, saying what to do', (_label, fields, path, message) => {
    const result = answerSchemaFor('DOMESTIC_ABUSE').safeParse({ restricted: false, responder, ...fields });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }))).toContainEqual({ path, message });
  });
});

describe('parseAgencyQuestions', () => {
  const withOptions = (options: unknown[]) => ({ ...agencyQuestions, versions: [{ ...first, questions: { ...first.questions, DOMESTIC_ABUSE: { ...first.questions.DOMESTIC_ABUSE, options } } }] });
  const option = { value: 'A', label: 'A', staffLabel: 'A', concern: false, summaryRequired: false };
  it.each<[string, unknown, string]>([
    ['no versions', { source: 's', versions: [] }, 'versions'],
    ['a question left out', { source: 's', versions: [{ id: 'v', questions: { DOMESTIC_ABUSE: first.questions.DOMESTIC_ABUSE } }] }, 'CHILD_SAFEGUARDING'],
    ['one option only', withOptions([option]), 'options'],
    ['the same option twice', withOptions([option, option]), 'Each option value may be used once'],
    ['the same version id twice', { ...agencyQuestions, versions: [first, first] }, 'Each version id may be used once'],
    ['an option that changes whether it is a concern', { ...agencyQuestions, versions: [first, { ...first, id: 'v2', questions: { ...first.questions, DOMESTIC_ABUSE: { ...first.questions.DOMESTIC_ABUSE, options: first.questions.DOMESTIC_ABUSE.options.map((o) => ({ ...o, concern: !o.concern })) } } }] }, 'keeps whether it is a concern'],
  ])('refuses %s', (_label, data, message) => {
    expect(() => parseAgencyQuestions(data)).toThrow(message);
  });
});
