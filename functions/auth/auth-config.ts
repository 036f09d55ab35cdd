import { requireOidcConfig } from '#runtime/config';

/**
 * Staff sign-in settings, read when the first module that identifies staff loads, so a function
 * deployed without them fails at cold start rather than on someone's request.
 */
export const authConfig = requireOidcConfig();
