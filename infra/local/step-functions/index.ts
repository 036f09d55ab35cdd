/** The public face of the local Step Functions endpoint: import from here, not from its parts. */
export { startLocalStepFunctions } from './start-local-step-functions.ts';
export type { LocalStepFunctions, LocalStepFunctionsOptions } from './start-local-step-functions.ts';
export { observeStateTransitions } from './transition-observer.ts';
export type { StateTransition, StateTransitionObserver } from './transition-observer.ts';
