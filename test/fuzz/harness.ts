// The fuzz campaign's shape: every parser and validator has properties (an arbitrary and a check);
// `npm test` runs each a few hundred times with a fixed seed (test/fuzz/*.fuzz.test.ts), and
// bench/fuzz runs each 100,000 times or more with a per-case time budget.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { UserError } from '../../src/errors.js';

/** Fixed, so a failure in `npm test` reproduces; FUZZ_SEED=N explores other inputs. */
export const FUZZ_SEED = Number(process.env.FUZZ_SEED ?? 20261201);

/** An outside implementation answering for a batch of inputs (Go's strconv and time, through a Go program). */
export interface Oracle<T, A> {
  readonly name: string;
  answer(inputs: readonly T[]): Promise<A[]>;
}

export interface FuzzProperty<T = any, A = any> {
  /** What is fuzzed, as the bench groups it: 'DAP framing'. */
  readonly parser: string;
  /** Where it lives: 'src/dap/framing.ts'. */
  readonly module: string;
  /** The property, in a sentence. */
  readonly name: string;
  readonly arb: fc.Arbitrary<T>;
  /** Throws (an assertion) when the property does not hold for `input`; async when the code under test is. */
  readonly check: (input: T, answer: A) => void | Promise<void>;
  /** The check returns a promise. */
  readonly async?: boolean;
  /** Answers to compare with, from outside gotui; the check gets each input's answer. */
  readonly oracle?: Oracle<T, A>;
  /** Run once before the cases (build a binary, start the oracle). */
  readonly setup?: () => Promise<void>;
  /** Cases in `npm test` (default 100); bench/fuzz runs at least 100,000. */
  readonly runs?: number;
  /** bench/fuzz's per-case budget when its inputs are megabytes (default: the bench's). */
  readonly budgetMs?: number;
}

export function property<T, A = undefined>(p: FuzzProperty<T, A>): FuzzProperty<T, A> {
  return p;
}

/**
 * Runs `f`; a UserError (or one of the `documented` error classes) is a refusal and gives
 * undefined, after checking it says something; any other throw is a crash and propagates.
 */
export function refusedOr<T>(f: () => T, ...documented: (abstract new (...args: any[]) => Error)[]): T | undefined {
  try {
    return f();
  } catch (err) {
    if (err instanceof UserError) {
      assert.ok(typeof err.message === 'string' && err.message.trim().length > 0, 'a UserError says what happened');
      if (err.hint !== undefined) assert.ok(err.hint.trim().length > 0, 'a hint, when given, says something');
      return undefined;
    }
    if (documented.some((c) => err instanceof c)) return undefined;
    throw err;
  }
}

/** The outcome of `f` as data: its value, or the class of what it threw. */
export function outcome<T>(f: () => T): { value: T } | { error: Error } {
  try {
    return { value: f() };
  } catch (error) {
    return { error: error as Error };
  }
}

/** node:test cases for a list of properties: a seeded, small run of each. */
export function fuzzSuite(props: readonly FuzzProperty[]): void {
  for (const p of props) {
    test(`${p.parser}: ${p.name}`, async () => {
      await p.setup?.();
      const numRuns = p.runs ?? 100;
      if (p.oracle) {
        const inputs = fc.sample(p.arb, { seed: FUZZ_SEED, numRuns, includeErrorInReport: true });
        const answers = await p.oracle.answer(inputs);
        for (const [i, input] of inputs.entries()) {
          try {
            await p.check(input, answers[i]);
          } catch (err) {
            throw new Error(`Counterexample ${fc.stringify(input)} (${p.oracle.name} said ${fc.stringify(answers[i])}): ${(err as Error).message}`, { cause: err });
          }
        }
        return;
      }
      if (p.async) {
        await fc.assert(
          fc.asyncProperty(p.arb, async (input) => {
            await p.check(input, undefined);
          }),
          { seed: FUZZ_SEED, numRuns, includeErrorInReport: true },
        );
        return;
      }
      fc.assert(
        fc.property(p.arb, (input) => {
          void p.check(input, undefined);
        }),
        { seed: FUZZ_SEED, numRuns, includeErrorInReport: true },
      );
    });
  }
}
