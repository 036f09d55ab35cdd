import { Metrics } from '@aws-lambda-powertools/metrics';

/**
 * CloudWatch metrics in the embedded metric format (log lines CloudWatch turns into metrics, no
 * API call), built once per container like the logger. The namespace the operators' dashboard
 * reads (infra/constructs/performance-counts.ts); the service name comes from
 * POWERTOOLS_SERVICE_NAME as the logger's does. The local stack turns them off
 * (POWERTOOLS_METRICS_DISABLED): there is no CloudWatch to read the lines.
 */
export const metricsNamespace = 'CurfewChecks';

export const metrics = new Metrics({ namespace: metricsNamespace });
