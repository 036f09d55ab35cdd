/**
 * The only logger of the local Step Functions endpoint. Off unless LOCAL_SFN_DEBUG is set, and its
 * callers pass execution names, state names and operation names only: inputs, outputs, payloads and
 * task tokens may carry personal data or secrets and are never logged.
 */
export function debugLog(message: string): void {
  if (process.env['LOCAL_SFN_DEBUG']) process.stderr.write(`[local-sfn] ${message}\n`);
}
