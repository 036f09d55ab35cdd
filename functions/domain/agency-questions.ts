import * as z from 'zod';
import { parseDataFile } from './data-file.ts';
import questionsJson from './data/agency-questions.json' with { type: 'json' };

/**
 * The questions the police and children's services answer, kept as versioned data (ADR 0021):
 * the wording of each agency's page and the options it offers, with what each option means to the
 * service (a concern, a summary required). Read and checked once at load, like the countersigning
 * policy: a bad file stops a function at cold start and fails the unit tests.
 */
export const agencyCheckTypes = ['DOMESTIC_ABUSE', 'CHILD_SAFEGUARDING'] as const;
export type AgencyCheckType = (typeof agencyCheckTypes)[number];

const optionSchema = z
  .object({
    /** Stored with the answer: never reused for another meaning. */
    value: z.string().regex(/^[A-Z][A-Z_]*$/),
    /** What the agency chooses from on its page. */
    label: z.string().min(1),
    /** How staff pages say it. */
    staffLabel: z.string().min(1),
    /** Whether the answer raises a concern (check-rules.ts; the countersigning policy may act on it). */
    concern: z.boolean(),
    /** Whether the agency must say what it knows in the summary. */
    summaryRequired: z.boolean(),
  })
  .strict();

const questionSchema = z
  .object({
    title: z.string().min(1),
    /** `{name}` is the defendant's full name. */
    why: z.string().min(1),
    asked: z.string().min(1),
    legend: z.string().min(1),
    chooseError: z.string().min(1),
    summaryHint: z.string().min(1),
    options: z
      .array(optionSchema)
      .min(2)
      .refine((options) => new Set(options.map((option) => option.value)).size === options.length, 'Each option value may be used once in a question'),
  })
  .strict();

const versionSchema = z
  .object({
    id: z.string().min(1),
    questions: z.object({ DOMESTIC_ABUSE: questionSchema, CHILD_SAFEGUARDING: questionSchema }).strict(),
  })
  .strict();

const questionsSchema = z
  .object({ source: z.string().min(1), versions: z.array(versionSchema).min(1) })
  .strict()
  .refine((file) => new Set(file.versions.map((version) => version.id)).size === file.versions.length, { message: 'Each version id may be used once', path: ['versions'] })
  .refine(
    // A value stored under one version must mean the same under every other: a concern in one and not
    // in the next would make the rules judge old answers differently from how they were given.
    (file) => {
      const meaning = new Map<string, boolean>();
      return file.versions.every((version) =>
        agencyCheckTypes.every((type) =>
          version.questions[type].options.every((option) => {
            const key = `${type}:${option.value}`;
            const before = meaning.get(key);
            meaning.set(key, option.concern);
            return before === undefined || before === option.concern;
          }),
        ),
      );
    },
    { message: 'An option value keeps whether it is a concern in every version', path: ['versions'] },
  );

export type AgencyQuestions = z.infer<typeof questionsSchema>;
export type AgencyQuestionsVersion = AgencyQuestions['versions'][number];
export type AgencyQuestion = AgencyQuestionsVersion['questions'][AgencyCheckType];
export type AgencyOption = AgencyQuestion['options'][number];

/** Checks the agency questions; throws, naming each bad field, when they are not valid. */
export function parseAgencyQuestions(data: unknown): AgencyQuestions {
  return parseDataFile(questionsSchema, data, 'Agency questions');
}

export const agencyQuestions: AgencyQuestions = parseAgencyQuestions(questionsJson);

/** The version new answers are given under: the last in the file. */
export function currentQuestionsVersion(questions: AgencyQuestions = agencyQuestions): AgencyQuestionsVersion {
  const current = questions.versions.at(-1);
  if (current === undefined) throw new Error('The agency questions have at least one version');
  return current;
}

/**
 * The version an answer was given under. An answer stored before the questions were data names
 * none: the first version is the wording the service had in code then.
 */
export function questionsVersionOf(id: string | undefined, questions: AgencyQuestions = agencyQuestions): AgencyQuestionsVersion | undefined {
  if (id === undefined) return questions.versions[0];
  return questions.versions.find((version) => version.id === id);
}

/** An option of a question as a version words it, or undefined when that version has no such option. */
export function agencyOption(type: AgencyCheckType, outcome: string, versionId: string | undefined, questions: AgencyQuestions = agencyQuestions): AgencyOption | undefined {
  return questionsVersionOf(versionId, questions)?.questions[type].options.find((option) => option.value === outcome);
}

/** Every option value any version has ever offered for a check type: what a stored answer may hold. */
export function everyOutcome(type: AgencyCheckType, questions: AgencyQuestions = agencyQuestions): string[] {
  return [...new Set(questions.versions.flatMap((version) => version.questions[type].options.map((option) => option.value)))];
}
