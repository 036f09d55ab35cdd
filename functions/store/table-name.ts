import { environment } from '#runtime/environment';

/**
 * The application table's name (the `table` environment group), read when the first store module
 * loads: a function granted access to the table fails at cold start if it lacks the name, and a
 * function with no access (registry `table: 'none'`) never loads a store module, so never needs it.
 */
export const tableName = environment('table').TABLE_NAME;
