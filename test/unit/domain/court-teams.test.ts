import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { courtTeamCodes, findCourtTeam, parseCourtTeams } from '#domain/court-teams';
import { demoRefusedAccounts, demoStaff } from '../../../infra/local/demo-staff.ts';

/** A court nobody lists, written in two parts so the scan for courts in use does not find it. */
const unlisted = 'Z99' + 'ZZ99';
const root = join(import.meta.dirname, '..', '..', '..');
const courtCodePattern = /\b[A-Z]\d{2}[A-Z]{2}\d{2}\b/g;
const skipped = new Set(['node_modules', '.git', 'cdk.out', 'coverage', 'dist', '.library']);

/** Every text file of ours that could name a court: code, tests, infrastructure, docs. */
function sourceFiles(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    if (skipped.has(name) || name.startsWith('.')) return [];
    const path = join(directory, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|json|njk|md)$/.test(name) ? [path] : [];
  });
}

describe('the court team data', () => {
  it('has an entry for every court used anywhere: demo staff, fixtures, code and docs', () => {
    const used = new Map<string, string>();
    for (const person of [...demoStaff, ...demoRefusedAccounts]) {
      for (const court of person.courts) used.set(court, `infra/local/demo-staff.ts (${person.id})`);
    }
    for (const path of [...sourceFiles(join(root, 'functions')), ...sourceFiles(join(root, 'infra')), ...sourceFiles(join(root, 'test')), ...sourceFiles(join(root, 'docs')), join(root, 'README.md')]) {
      for (const match of readFileSync(path, 'utf8').matchAll(courtCodePattern)) {
        used.set(match[0], relative(root, path));
      }
    }
    const missing = [...used].filter(([court]) => findCourtTeam(court) === undefined).map(([court, where]) => `${court} (${where})`);
    expect(used.size).toBeGreaterThanOrEqual(2);
    expect(missing).toEqual([]);
  });

  it("names each court in English and Welsh, with its team's mailbox and phone number", () => {
    expect(findCourtTeam('B01LY00')).toEqual({
      courtCode: 'B01LY00',
      courtName: { en: "Swindon Magistrates' Court", cy: 'Llys Ynadon Swindon' },
      teamEmail: 'swindon.court.team@probation.example',
      teamPhone: '01632 960 123',
      region: 'SOUTH_WEST',
    });
    expect(courtTeamCodes).toContain('C01CF00');
    expect(findCourtTeam(unlisted)).toBeUndefined();
  });

  it('refuses data with a bad field or a court listed twice, naming what is wrong', () => {
    const team = { courtCode: 'B01LY00', courtName: { en: 'A court', cy: 'Llys' }, teamEmail: 'team@probation.example', teamPhone: '01632 960 123' };
    expect(() => parseCourtTeams({ source: 's', courtTeams: [{ ...team, teamEmail: 'not an address' }] })).toThrow(/courtTeams\.0\.teamEmail/);
    expect(() => parseCourtTeams({ source: 's', courtTeams: [{ ...team, teamPhone: 'call us' }] })).toThrow(/courtTeams\.0\.teamPhone/);
    expect(() => parseCourtTeams({ source: 's', courtTeams: [{ ...team, courtName: { en: 'A court' } }] })).toThrow(/courtTeams\.0\.courtName\.cy/);
    expect(() => parseCourtTeams({ source: 's', courtTeams: [team, team] })).toThrow(/listed once/);
    expect(parseCourtTeams({ source: 's', courtTeams: [team] }).get('B01LY00')?.teamPhone).toBe('01632 960 123');
  });
});
