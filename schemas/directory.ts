import * as z from 'zod';
import directoryJson from './directory.json' with { type: 'json' };

const directoryEntrySchema = z
  .object({
    code: z.string().regex(/^[A-Z][A-Z_]*$/),
    name: z.string().min(1),
    enquiryEmail: z.email(),
  })
  .strict();

/** A police force or local authority, and where its enquiries are sent. */
export type DirectoryEntry = z.infer<typeof directoryEntrySchema>;

const directorySchema = z
  .object({
    source: z.string().min(1),
    policeForces: z.array(directoryEntrySchema).min(1),
    localAuthorities: z.array(directoryEntrySchema).min(1),
  })
  .strict();

// Checked when the module loads: a bad directory must stop deployment, not misroute an enquiry.
const directory = directorySchema.parse(directoryJson);

const byCode = (entries: readonly DirectoryEntry[]): ReadonlyMap<string, DirectoryEntry> =>
  new Map(entries.map((e) => [e.code, e]));
const policeForcesByCode = byCode(directory.policeForces);
const localAuthoritiesByCode = byCode(directory.localAuthorities);

/** Every police force code, for form choices and for validating a proposal. */
export const policeForceCodes: readonly string[] = [...policeForcesByCode.keys()];

/** Every local authority code, for form choices and for validating a proposal. */
export const localAuthorityCodes: readonly string[] = [...localAuthoritiesByCode.keys()];

/** The police force whose domestic abuse unit receives the enquiry, or undefined for an unknown code. */
export function findPoliceForce(code: string): DirectoryEntry | undefined {
  return policeForcesByCode.get(code);
}

/** The local authority whose children's services receive the enquiry, or undefined for an unknown code. */
export function findLocalAuthority(code: string): DirectoryEntry | undefined {
  return localAuthoritiesByCode.get(code);
}
