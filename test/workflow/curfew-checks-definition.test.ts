import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { functionRegistry } from '../../infra/function-registry.ts';

const file = path.resolve(import.meta.dirname, '..', '..', 'workflows', 'curfew-checks.asl.json');
const text = readFileSync(file, 'utf8');

interface State {
  Type: string;
  Choices?: { Variable: string; StringEquals?: string; Next: string }[];
  Resource?: string;
  TimeoutSeconds?: number;
  TimeoutSecondsPath?: string;
  Catch?: { ErrorEquals: string[]; Next: string }[];
  Retry?: { ErrorEquals: string[]; BackoffRate?: number; JitterStrategy?: string; MaxDelaySeconds?: number }[];
  Parameters?: { FunctionName?: string; Payload?: Record<string, unknown> };
  Branches?: { States: Record<string, State> }[];
  ItemProcessor?: { States: Record<string, State> };
}

/** Every state in the machine, including those inside Parallel branches and Map processors. */
function allStates(states: Record<string, State>): [string, State][] {
  return Object.entries(states).flatMap(([name, state]) => [
    [name, state] as [string, State],
    ...(state.Branches ?? []).flatMap((branch) => allStates(branch.States)),
    ...(state.ItemProcessor === undefined ? [] : allStates(state.ItemProcessor.States)),
  ]);
}

const definition = JSON.parse(text) as { States: Record<string, State> };
const states = allStates(definition.States);
const tasks = states.filter(([, state]) => state.Type === 'Task');
const waits = tasks.filter(([, state]) => state.Resource?.endsWith('.waitForTaskToken'));

describe('the curfew checks workflow definition', () => {
  it('has a wait for each kind of check, a decision and a countersignature', () => {
    expect(waits.map(([name]) => name).sort()).toEqual(['AwaitCountersignature', 'AwaitDecision', 'RequestChildSafeguardingCheck', 'RequestDomesticAbuseCheck', 'RequestResidentConsentCheck']);
  });

  it.each(tasks.map(([name, state]) => [name, state] as const))('gives task %s a timeout, a Catch and retries with backoff', (_name, state) => {
    expect(state.TimeoutSeconds ?? state.TimeoutSecondsPath).toBeDefined();
    expect(state.Catch?.some((catcher) => catcher.ErrorEquals.includes('States.ALL'))).toBe(true);
    expect(state.Retry?.some((retrier) => retrier.ErrorEquals.includes('Lambda.ServiceException'))).toBe(true);
  });

  it('retries with exponential backoff, full jitter and a cap, so retries after a Lambda outage do not all arrive at once', () => {
    const retriers = states.flatMap(([name, state]) => (state.Retry ?? []).map((retrier) => [name, retrier] as const));
    expect(retriers.length).toBeGreaterThanOrEqual(tasks.length);
    for (const [name, retrier] of retriers) {
      expect(retrier.BackoffRate, name).toBeGreaterThan(1);
      expect(retrier.JitterStrategy, name).toBe('FULL');
      expect(retrier.MaxDelaySeconds, name).toBeGreaterThan(0);
    }
  });

  it.each(waits.map(([name, state]) => [name, state] as const))('catches the timeout of wait %s and keeps waiting', (_name, state) => {
    expect(state.Catch?.some((catcher) => catcher.ErrorEquals.includes('States.Timeout'))).toBe(true);
    expect(state.TimeoutSeconds ?? 0).toBeLessThan(24 * 24 * 3600);
  });

  it('sends a decision the senior probation officer did not agree with back to the officer\'s decision, not to an end', () => {
    const outcomes = definition.States['CountersignOutcome']?.Choices ?? [];
    expect(outcomes.find((choice) => choice.StringEquals === 'AWAITING_DECISION')?.Next).toBe('AwaitDecision');
    expect(outcomes.find((choice) => choice.StringEquals === 'UNSUITABLE')?.Next).toBe('ProposalUnsuitable');
  });

  it('ends the checks on a resident\'s refusal by catching ConsentRefused on the Parallel, before any other failure', () => {
    const catchers = definition.States['RunChecks']?.Catch ?? [];
    expect(catchers[0]).toMatchObject({ ErrorEquals: ['ConsentRefused'], Next: 'RecordConsentRefused' });
    expect(definition.States['RecordConsentRefused']?.Parameters?.FunctionName).toBe('${AssessChecksFunctionArn}');
  });

  it('passes every TimeoutSecondsPath value in the payload too, so the local engine can read it', () => {
    for (const [, state] of tasks.filter(([, candidate]) => candidate.TimeoutSecondsPath !== undefined)) {
      const field = state.TimeoutSecondsPath?.replace(/^\$\./, '') ?? '';
      expect(state.Parameters?.Payload?.[`${field}.$`]).toBe(state.TimeoutSecondsPath);
    }
  });

  it('catches failures of every Parallel and Map state', () => {
    for (const [, state] of states.filter(([, candidate]) => candidate.Type === 'Parallel' || candidate.Type === 'Map')) {
      expect(state.Catch?.some((catcher) => catcher.ErrorEquals.includes('States.ALL'))).toBe(true);
    }
  });

  it('puts only ids, numbers and stages in task payloads, never personal data', () => {
    const allowed = new Set(['proposalId.$', 'checkId.$', 'waitSeconds.$', 'taskToken.$', 'stage', 'error.$']);
    for (const [, state] of tasks) {
      expect(Object.keys(state.Parameters?.Payload ?? {}).filter((key) => !allowed.has(key))).toEqual([]);
    }
  });

  it('has exactly one registry function for each placeholder, and no placeholder without one', () => {
    const placeholders = [...new Set([...text.matchAll(/\$\{(\w+)\}/g)].map((match) => match[1]))].sort();
    const registered = functionRegistry.flatMap((entry) => (entry.workflowPlaceholder === undefined ? [] : [entry.workflowPlaceholder])).sort();
    expect(placeholders).toEqual(registered);
  });

  it('is valid Amazon States Language', async () => {
    const { default: aslValidator } = await import('asl-validator');
    const substituted = JSON.parse(text.replace(/\$\{(\w+)\}/g, 'arn:aws:lambda:eu-west-2:000000000000:function:$1'));
    const result = aslValidator(substituted);
    expect(result.errors).toEqual([]);
    expect(result.isValid).toBe(true);
  });
});
