import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { config } from './config.ts';

/**
 * The EventBridge client, in a module of its own: only publish-domain-events imports it, so no
 * other function's bundle carries the SDK's EventBridge client. Settings as aws-clients.ts's.
 */
const localCredentials = config.awsAccessKeyIdSet ? {} : { credentials: { accessKeyId: 'local', secretAccessKey: 'local' } };
const retries = { retryMode: 'standard', maxAttempts: 3 } as const;

export const eventBridge = new EventBridgeClient(
  config.eventBridgeEndpoint === undefined
    ? { region: config.region, ...retries }
    : { region: config.region, ...retries, endpoint: config.eventBridgeEndpoint, ...localCredentials },
);

// As aws-clients.ts: the SDK's logger middleware copies every input for a logger that does nothing.
eventBridge.middlewareStack.remove('loggerMiddleware');
