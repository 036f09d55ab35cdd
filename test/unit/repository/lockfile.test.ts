import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The committed package-lock.json must be complete for every platform, so that `npm install` on a
 * fresh clone leaves it as it is and `npm ci` installs from it. npm writes an optional platform
 * package (esbuild's, rollup's, fsevents) into the lockfile only when it resolves the tree for all
 * platforms; a lockfile that lost those entries is rewritten by the next install, on every machine
 * whose platform is among the missing. Checked here, in milliseconds, instead of by a clean install.
 */

const repositoryRoot = path.resolve(import.meta.dirname, '..', '..', '..');

interface LockedPackage {
  readonly version?: string;
  readonly dependencies?: Record<string, string>;
  readonly optionalDependencies?: Record<string, string>;
  readonly devDependencies?: Record<string, string>;
  readonly peerDependencies?: Record<string, string>;
  readonly peerDependenciesMeta?: Record<string, { optional?: boolean }>;
}

const lockfile = JSON.parse(readFileSync(path.join(repositoryRoot, 'package-lock.json'), 'utf8')) as { lockfileVersion: number; packages: Record<string, LockedPackage> };
const packageJson = JSON.parse(readFileSync(path.join(repositoryRoot, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };
const locked = lockfile.packages;

/** The entry Node would load `name` from when required by the package at `from` (walking up the node_modules folders). */
function entryFor(from: string, name: string): string | undefined {
  let base = from;
  for (;;) {
    const candidate = `${base === '' ? '' : `${base}/`}node_modules/${name}`;
    if (locked[candidate] !== undefined) return candidate;
    if (base === '') return undefined;
    const parent = base.lastIndexOf('/node_modules/');
    base = parent < 0 ? '' : base.slice(0, parent);
  }
}

/** Each `[package, dependency]` of one kind whose entry the lockfile lacks. */
function missing(kind: 'dependencies' | 'optionalDependencies' | 'peerDependencies'): string[] {
  return Object.entries(locked).flatMap(([at, entry]) =>
    Object.keys(entry[kind] ?? {})
      .filter((name) => kind !== 'peerDependencies' || entry.peerDependenciesMeta?.[name]?.optional !== true)
      .filter((name) => entryFor(at, name) === undefined)
      .map((name) => `${at === '' ? '(root)' : at} → ${name}`),
  );
}

describe('package-lock.json', () => {
  it('is npm 7+ lockfile version 3', () => {
    expect(lockfile.lockfileVersion).toBe(3);
  });

  it("has its own entry for every optional dependency a locked package names (every platform's binaries)", () => {
    expect(missing('optionalDependencies')).toEqual([]);
  });

  it('locks, for an optional dependency pinned to one version, exactly that version', () => {
    const mismatched = Object.entries(locked).flatMap(([at, entry]) =>
      Object.entries(entry.optionalDependencies ?? {})
        .filter(([, range]) => /^\d+\.\d+\.\d+$/.test(range))
        .filter(([name, range]) => locked[entryFor(at, name) ?? '']?.version !== range)
        .map(([name, range]) => `${at} → ${name}@${range}`),
    );

    expect(mismatched).toEqual([]);
  });

  it('has an entry for every dependency and every required peer of a locked package', () => {
    expect([...missing('dependencies'), ...missing('peerDependencies')]).toEqual([]);
  });

  it('records the same dependency ranges as package.json (npm ci refuses a lockfile that disagrees)', () => {
    expect(locked['']?.dependencies).toEqual(packageJson.dependencies);
    expect(locked['']?.devDependencies).toEqual(packageJson.devDependencies);
  });
});
