/**
 * Shared by the hardening tests: a small valid input to break, a snapshot of
 * the global objects a hostile pack or input could tamper with, a sentinel
 * that any code smuggled in would trip, and a way to settle an action.
 */
import { expect } from 'vitest';
import { ComplianceInputError, type EvaluationInputData, type FundInput, type ValidationIssue } from '../../src/index.js';
import { typeBFund } from '../helpers/build.js';

/** A valid input: one high-net-worth fund, one unitholder whose first subscription is below the threshold (one finding). */
export function validInput(): EvaluationInputData & { funds: Record<string, unknown>[]; investors: Record<string, unknown>[] } {
  const fund = typeBFund({
    scheme: { investorRestriction: 'high-net-worth', minimumFirstSubscription: '500000.00' },
    unitholders: [{ investorId: 'I2', subscriptions: [{ date: '2018-06-02', amount: '499999.99' }] }],
  }) as FundInput;
  // No registration date: the tests move the approval date anywhere, and a registration must not precede it.
  delete fund.registrationDate;
  return {
    funds: [fund],
    investors: [{ id: 'I2', type: 'individual', category: 'retail', domicile: 'TH' }],
  };
}

/** Set a value at a path of a (fresh) input. */
export function withValue<T>(input: T, path: (string | number)[], value: unknown): T {
  let node = input as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[path[path.length - 1]!] = value;
  return input;
}

/** Code smuggled in through a pack or an input would call this; the tests check nobody did. */
export const sentinel = {
  calls: [] as string[],
  trip(what: string): void {
    this.calls.push(what);
  },
  reset(): void {
    this.calls.length = 0;
  },
};

const WATCHED: Record<string, object> = {
  globalThis,
  'Object': Object,
  'Object.prototype': Object.prototype,
  'Array': Array,
  'Array.prototype': Array.prototype,
  'Function.prototype': Function.prototype,
  'String.prototype': String.prototype,
  'Number.prototype': Number.prototype,
  'Boolean.prototype': Boolean.prototype,
  'Symbol.prototype': Symbol.prototype,
  'Promise': Promise,
  'Promise.prototype': Promise.prototype,
  'RegExp.prototype': RegExp.prototype,
  'Error.prototype': Error.prototype,
  'Map.prototype': Map.prototype,
  'Set.prototype': Set.prototype,
  'Date.prototype': Date.prototype,
  JSON,
  Math,
  Reflect,
};

type Described = Map<PropertyKey, PropertyDescriptor>;

/** Every own property (with its descriptor: value identity, getter, setter, flags) of the watched global objects. */
export function snapshotGlobals(): Map<string, Described> {
  const snapshot = new Map<string, Described>();
  for (const [name, object] of Object.entries(WATCHED)) {
    const described: Described = new Map();
    for (const key of Reflect.ownKeys(object)) described.set(key, Object.getOwnPropertyDescriptor(object, key)!);
    snapshot.set(name, described);
  }
  return snapshot;
}

/** What changed between two snapshots, as readable lines (empty: nothing). */
export function globalChanges(before: Map<string, Described>, after: Map<string, Described>): string[] {
  const changes: string[] = [];
  for (const [name, was] of before) {
    const now = after.get(name)!;
    for (const [key, descriptor] of now) {
      const old = was.get(key);
      if (!old) changes.push(`${name}: added ${String(key)}`);
      else if (!Object.is(old.value, descriptor.value) || old.get !== descriptor.get || old.set !== descriptor.set || old.writable !== descriptor.writable || old.enumerable !== descriptor.enumerable || old.configurable !== descriptor.configurable) {
        changes.push(`${name}: changed ${String(key)}`);
      }
    }
    for (const key of was.keys()) if (!now.has(key)) changes.push(`${name}: removed ${String(key)}`);
  }
  // Plain objects would show a polluted prototype whatever the snapshot says.
  const probe = {} as Record<string, unknown>;
  for (const key of ['polluted', 'isAdmin', 'pwned', 'en', 'th']) if (key in probe) changes.push(`({}).${key} is defined`);
  return changes;
}

/** Run `action` and check it changed no global object and tripped no sentinel. */
export async function expectNoEffects(action: () => unknown): Promise<void> {
  sentinel.reset();
  const before = snapshotGlobals();
  try {
    await action();
  } finally {
    expect(globalChanges(before, snapshotGlobals())).toEqual([]);
    expect(sentinel.calls).toEqual([]);
  }
}

/** The result of `action`, or what it threw. (Nothing is timed: a hang fails on the test timeout.) */
export async function settle<T>(action: () => Promise<T> | T): Promise<{ value?: T; error?: unknown }> {
  try {
    return { value: await action() };
  } catch (error) {
    return { error };
  }
}

/** The issues of a ComplianceInputError (fails the test for anything else). */
export function inputIssues(error: unknown): ValidationIssue[] {
  expect(error).toBeInstanceOf(ComplianceInputError);
  return (error as ComplianceInputError).issues;
}

