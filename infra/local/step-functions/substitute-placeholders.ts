const PLACEHOLDER = /\$\{([A-Za-z0-9_]+)\}/g;

/**
 * Replaces the ASL file's `${Placeholder}`s, as the CDK stack does on deploy. Every placeholder must
 * have a value and every value a placeholder: a typo on either side would otherwise surface only
 * when an execution reaches that state.
 */
export function substitutePlaceholders(definitionText: string, substitutions: Record<string, string>): string {
  const used = new Set([...definitionText.matchAll(PLACEHOLDER)].map((match) => match[1] ?? ''));
  const missing = [...used].filter((name) => !Object.hasOwn(substitutions, name));
  const unused = Object.keys(substitutions).filter((name) => !used.has(name));
  if (missing.length > 0 || unused.length > 0) {
    throw new Error(
      `Workflow substitutions do not match the definition: ${[
        missing.length > 0 ? `no value for ${missing.join(', ')}` : '',
        unused.length > 0 ? `no placeholder for ${unused.join(', ')}` : '',
      ]
        .filter(Boolean)
        .join('; ')}`,
    );
  }
  // Values land inside JSON strings: escape them as JSON would.
  return definitionText.replace(PLACEHOLDER, (_, name: string) => JSON.stringify(substitutions[name]).slice(1, -1));
}
