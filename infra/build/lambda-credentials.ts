import { fromEnv } from '@aws-sdk/credential-provider-env';

/**
 * What every AWS SDK client in a Lambda bundle uses in place of the SDK's default credential chain
 * (`@aws-sdk/credential-provider-node`, swapped for this module by the bundle build's `alias`).
 * Lambda gives a function its role's credentials in its environment (AWS_ACCESS_KEY_ID,
 * AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN), and the default chain tries the environment first, so
 * deployed it never went further; the local stack gives each function's bundle its role's
 * credentials the same way. The rest of the chain (SSO, shared files, processes, web identity, the
 * container and instance metadata endpoints, and the STS and SSO clients they carry) was 136 KB of
 * every bundle and about 30 ms of every cold start's module load, for code a Lambda function never
 * runs. The sources, run by the tests and the local stack, keep the default chain.
 */
export function defaultProvider(init: Parameters<typeof fromEnv>[0] = {}): ReturnType<typeof fromEnv> {
  return fromEnv(init);
}
