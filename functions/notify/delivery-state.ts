/**
 * Moved to functions/domain/delivery-state.ts: the rules are pure, and the store (which may not
 * import notify) needs them. This re-export stays only until store/outbox.ts imports them from
 * `#domain/delivery-state`; nothing else may use it.
 */
export * from '#domain/delivery-state';
