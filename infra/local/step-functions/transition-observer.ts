/**
 * An optional, process-wide observer of the state transitions the local engine makes, for the cost
 * benchmark (test/bench/cost.ts): Standard workflows are billed per state transition, retries
 * included. Process-wide so the benchmark can watch a stack started elsewhere in this process (not
 * in another process); nothing is observed (and no event is read) while it is unset, which is
 * always the case outside the benchmark.
 */
export interface StateTransition {
  executionArn: string;
  stateName: string;
  /** `StateEntered`: a state was entered (inside Parallel branches and Map iterations too); `StateRetried`: a Retry ran it again. */
  kind: 'StateEntered' | 'StateRetried';
}

export type StateTransitionObserver = (transition: StateTransition) => void;

let current: StateTransitionObserver | undefined;

/** Sets (or, with undefined, clears) the observer; it sees executions started after this call. */
export function observeStateTransitions(observer: StateTransitionObserver | undefined): void {
  current = observer;
}

export function stateTransitionObserver(): StateTransitionObserver | undefined {
  return current;
}
