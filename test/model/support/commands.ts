import fc from 'fast-check';
import { flush, operations, type CheckRef, type Outcome, type Run, type Variant } from './operations.ts';

/**
 * fast-check commands for the lifecycle model. Each command but `settle` adds one real operation
 * to the current burst; `settle` fires the burst, every operation at once under the scheduler
 * (fast-check chooses the order in which they start and in which their results are taken in, so
 * they overlap on the stack), waits for all of them, then for the workflow to come to rest, so a
 * run can go on from a state the workflow reached (AWAITING_DECISION and so on).
 * The model only counts what was fired: the rules are checked afterwards against the history.
 */
export interface Model {
  fired: number;
}

type Target = 'police' | 'childrensServices' | 'resident1' | 'resident2';

/** The check a command names; a run with one resident maps `resident2` to `resident1`. */
export function checkNamed(run: Run, target: Target): CheckRef {
  const check = run.checks.find((candidate) => candidate.name === target) ?? run.checks.find((candidate) => candidate.name === 'resident1');
  if (check === undefined) throw new Error(`No check for ${target}`);
  return check;
}

/** Adds its operation (or operations, fired in the same burst) to the current burst. */
class FireCommand implements fc.AsyncCommand<Model, Run> {
  private readonly operations: ((run: Run) => Promise<Outcome>)[];

  constructor(
    private readonly label: string,
    ...operations: ((run: Run) => Promise<Outcome>)[]
  ) {
    this.operations = operations;
  }

  check(): boolean {
    return true;
  }

  async run(model: Model, run: Run): Promise<void> {
    for (const [index, operation] of this.operations.entries()) {
      model.fired += 1;
      run.pending.push({ label: `${this.label}${index === 0 ? '' : ` (${index + 1})`}`, operation: () => operation(run) });
    }
  }

  toString(): string {
    return this.label;
  }
}

/** Fires the burst and waits for it, then for the workflow to come to rest (see `settle`). */
class SettleCommand implements fc.AsyncCommand<Model, Run> {
  constructor(private readonly settle: (run: Run) => Promise<void>) {}

  check(): boolean {
    return true;
  }

  async run(_model: Model, run: Run): Promise<void> {
    await flush(run);
    await this.settle(run);
  }

  toString(): string {
    return 'settle';
  }
}

const target = fc.constantFrom<Target>('police', 'childrensServices', 'resident1', 'resident2');
const resident = fc.constantFrom<Target>('resident1', 'resident2');
const agencyVariant = fc.oneof({ arbitrary: fc.constant<Variant>('NO_CONCERN'), weight: 3 }, { arbitrary: fc.constant<Variant>('CONCERN'), weight: 1 });
const residentVariant = fc.oneof(
  { arbitrary: fc.constant<Variant>('CONSENT'), weight: 4 },
  { arbitrary: fc.constant<Variant>('REFUSE'), weight: 1 },
  { arbitrary: fc.constant<Variant>('SPEAK_TO_OFFICER'), weight: 1 },
);

/** An answer for a target, with a variant that fits the kind of check. */
const answerOf = (name: Target, variant: Variant, which: 'newest' | 'first') =>
  new FireCommand(`answer ${name} ${variant} via ${which} link`, (run) => operations.answer(run, checkNamed(run, name), variant, which));

export function lifecycleCommands(settle: (run: Run) => Promise<void>, maxCommands: number) {
  const answer = fc
    .tuple(target, agencyVariant, residentVariant, fc.oneof({ arbitrary: fc.constant<'newest' | 'first'>('newest'), weight: 4 }, { arbitrary: fc.constant<'newest' | 'first'>('first'), weight: 1 }))
    .map(([name, agency, residentAnswer, which]) => answerOf(name, name.startsWith('resident') ? residentAnswer : agency, which));
  const officerConsent = fc
    .tuple(resident, fc.oneof({ arbitrary: fc.constant<'CONSENT' | 'REFUSE'>('CONSENT'), weight: 3 }, { arbitrary: fc.constant<'CONSENT' | 'REFUSE'>('REFUSE'), weight: 1 }))
    .map(([name, decision]) => new FireCommand(`officer records ${name} ${decision}`, (run) => operations.officerConsent(run, checkNamed(run, name), decision)));
  const withdraw = fc.constant(new FireCommand('withdraw', (run) => operations.withdraw(run)));
  const decide = fc
    .oneof({ arbitrary: fc.constant<'SUITABLE' | 'UNSUITABLE'>('SUITABLE'), weight: 3 }, { arbitrary: fc.constant<'SUITABLE' | 'UNSUITABLE'>('UNSUITABLE'), weight: 1 })
    .map((outcome) => new FireCommand(`decide ${outcome}`, (run) => operations.decide(run, outcome)));
  const countersign = fc.oneof({ arbitrary: fc.constant(true), weight: 3 }, { arbitrary: fc.constant(false), weight: 1 }).map((agree) => new FireCommand(`countersign ${agree ? 'agree' : 'disagree'}`, (run) => operations.countersign(run, agree)));
  const resend = target.map((name) => new FireCommand(`resend ${name}`, (run) => operations.resend(run, checkNamed(run, name))));
  const timeout = target.map((name) => new FireCommand(`timeout ${name}`, (run) => operations.timeout(run, checkNamed(run, name))));
  // The recipient answers through the link they have just as the officer sends a new one.
  const answerWhileResent = fc.tuple(target, agencyVariant, residentVariant).map(([name, agency, residentAnswer]) => {
    const variant = name.startsWith('resident') ? residentAnswer : agency;
    return new FireCommand(`answer ${name} ${variant} through the link being replaced`, (run) => operations.answer(run, checkNamed(run, name), variant, 'newest'), (run) => operations.resend(run, checkNamed(run, name)));
  });
  const adjourn = fc.constant(new FireCommand('adjourn', (run) => operations.adjourn(run)));
  // The hearing moves as a recipient answers, or as a check's wait ends (its due time moves under it).
  const adjournWhileAnswered = fc.tuple(target, agencyVariant, residentVariant).map(([name, agency, residentAnswer]) => {
    const variant = name.startsWith('resident') ? residentAnswer : agency;
    return new FireCommand(`adjourn as ${name} answers ${variant}`, (run) => operations.adjourn(run), (run) => operations.answer(run, checkNamed(run, name), variant, 'newest'));
  });
  const adjournWhileTimedOut = target.map((name) => new FireCommand(`adjourn as ${name}'s wait ends`, (run) => operations.timeout(run, checkNamed(run, name)), (run) => operations.adjourn(run)));
  // Another address (ADR 0026): alone, twice at once (two tabs), or as the proposal is withdrawn.
  const anotherAddress = fc.constant(new FireCommand('another address', (run) => operations.anotherAddress(run)));
  const anotherAddressTwice = fc.constant(new FireCommand('another address twice at once', (run) => operations.anotherAddress(run), (run) => operations.anotherAddress(run)));
  const anotherAddressWhileWithdrawn = fc.constant(new FireCommand('another address as the proposal is withdrawn', (run) => operations.withdraw(run), (run) => operations.anotherAddress(run)));
  const withdrawConsent = resident.map((name) => new FireCommand(`${name} withdraws consent`, (run) => operations.withdrawConsent(run, checkNamed(run, name))));
  // A resident withdraws as the officer decides (or an SPO countersigns): one of the two wins, never SUITABLE after the withdrawal.
  const withdrawConsentWhileDecided = resident.map((name) => new FireCommand(`${name} withdraws consent as the officer decides`, (run) => operations.withdrawConsent(run, checkNamed(run, name)), (run) => operations.decide(run, 'SUITABLE')));
  const settleCommand = fc.constant(new SettleCommand(settle));
  return fc.commands(
    [
      fc.oneof(
        { arbitrary: answer, weight: 6 },
        { arbitrary: officerConsent, weight: 1 },
        { arbitrary: withdraw, weight: 1 },
        { arbitrary: decide, weight: 3 },
        { arbitrary: countersign, weight: 2 },
        { arbitrary: resend, weight: 2 },
        { arbitrary: timeout, weight: 2 },
        { arbitrary: answerWhileResent, weight: 1 },
        { arbitrary: adjourn, weight: 1 },
        { arbitrary: adjournWhileAnswered, weight: 1 },
        { arbitrary: adjournWhileTimedOut, weight: 1 },
        { arbitrary: anotherAddress, weight: 1 },
        { arbitrary: anotherAddressTwice, weight: 1 },
        { arbitrary: anotherAddressWhileWithdrawn, weight: 1 },
        { arbitrary: withdrawConsent, weight: 1 },
        { arbitrary: withdrawConsentWhileDecided, weight: 1 },
        { arbitrary: settleCommand, weight: 2 },
      ),
    ],
    { maxCommands },
  );
}

/** The opening of some runs: every check answered at once (variants generated), so later commands race decisions. */
export const openingAnswers = fc.option(fc.tuple(agencyVariant, agencyVariant, residentVariant, residentVariant), { freq: 2 });

export function openingCommands(opening: [Variant, Variant, Variant, Variant], settle: (run: Run) => Promise<void>): fc.AsyncCommand<Model, Run>[] {
  const [policeVariant, childrensVariant, firstResident, secondResident] = opening;
  return [answerOf('police', policeVariant, 'newest'), answerOf('childrensServices', childrensVariant, 'newest'), answerOf('resident1', firstResident, 'newest'), answerOf('resident2', secondResident, 'newest'), new SettleCommand(settle)];
}
