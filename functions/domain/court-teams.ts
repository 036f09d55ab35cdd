import * as z from 'zod';
import courtTeamsJson from './data/court-teams.json' with { type: 'json' };

const courtTeamSchema = z
  .object({
    /** As a proposal names its court (schemas/proposal.ts). */
    courtCode: z.string().regex(/^[A-Z]\d{2}[A-Z]{2}\d{2}$/),
    courtName: z.object({ en: z.string().min(1), cy: z.string().min(1) }).strict(),
    teamEmail: z.email(),
    /** Written as people dial it: digits and spaces, optionally starting with +. */
    teamPhone: z.string().regex(/^\+?[0-9 ]{10,20}$/),
    /** The probation region, in upper snake case: the countersigning policy may differ by region. */
    region: z.string().regex(/^[A-Z][A-Z_]*$/).optional(),
  })
  .strict();

/** A court and how its probation court team can be reached by the people it sends links to. */
export type CourtTeam = z.infer<typeof courtTeamSchema>;

const courtTeamsSchema = z
  .object({
    source: z.string().min(1),
    courtTeams: z.array(courtTeamSchema).min(1),
  })
  .strict()
  .refine((data) => new Set(data.courtTeams.map((team) => team.courtCode)).size === data.courtTeams.length, { message: 'Each court may be listed once', path: ['courtTeams'] });

/** Checks court team data; throws, naming each bad field, when it is not valid. */
export function parseCourtTeams(data: unknown): ReadonlyMap<string, CourtTeam> {
  const result = courtTeamsSchema.safeParse(data);
  if (!result.success) {
    throw new Error(`Court team data is not valid: ${result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`);
  }
  return new Map(result.data.courtTeams.map((team) => [team.courtCode, team]));
}

// Checked when the module loads: bad contact details must stop a function at cold start (and the
// tests), not send a recipient to the wrong court team.
const courtTeams = parseCourtTeams(courtTeamsJson);

/** Every court with a team entry. */
export const courtTeamCodes: readonly string[] = [...courtTeams.keys()];

/** The court's name and its team's contact details, or undefined for a court not listed. */
export function findCourtTeam(courtCode: string): CourtTeam | undefined {
  return courtTeams.get(courtCode);
}

/** The courts of a region (court-teams.json), in the file's order: what a performance lead sees. */
export function courtsOfRegion(region: string): string[] {
  return [...courtTeams.values()].filter((team) => team.region === region).map((team) => team.courtCode);
}
