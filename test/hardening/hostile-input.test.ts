// Hostile input to `evaluate`: huge strings, deep nesting, numbers that are
// not amounts, dates that do not exist or are in the wrong era, and values
// that would run code if read (getters, proxies, class instances). Each is a
// ComplianceInputError naming the field, in bounded time, running nothing.
// (Large valid inputs are measured in scale.test.ts.)
import { describe, expect, it } from 'vitest';
import { ComplianceInputError, evaluate, formatPath } from '../../src/index.js';
import { expectNoEffects, inputIssues, sentinel, settle, validInput, withValue } from './helpers.js';

const AS_OF = '2024-06-30';

/** Evaluate and expect a ComplianceInputError with an issue at `pointer` whose message matches. (A hang fails on the test timeout; nothing here is timed.) */
async function refused(input: unknown, pointer: string, message: RegExp): Promise<void> {
  const { error, value } = await settle(() => evaluate(input, { asOf: AS_OF }));
  expect(value, 'expected a ComplianceInputError, got a report').toBeUndefined();
  const issues = inputIssues(error);
  expect(issues.map((i) => `${i.pointer}: ${i.message}`)).toContainEqual(expect.stringMatching(new RegExp(`^${pointer.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: .*${message.source}`)));
  // A clear error stays short, whatever it was given.
  expect((error as Error).message.length).toBeLessThan(20_000);
}

const TEN_MB = 10 * 1024 * 1024;

describe('huge strings are refused by maximum lengths, quickly', () => {
  it.each([
    ['a 10 MB fund name', ['funds', 0, 'names', 'en'], 'funds[0].names.en', /at most|<=5000/],
    ['a 10 MB Thai fund name', ['funds', 0, 'names', 'th'], 'funds[0].names.th', /at most 5000 characters/],
    ['a 10 MB fund id', ['funds', 0, 'id'], 'funds[0].id', /at most 200 characters/],
    ['a 10 MB investor id', ['investors', 0, 'id'], 'investors[0].id', /at most 200 characters/],
    ['a 10 MB date', ['funds', 0, 'approvalDate'], 'funds[0].approvalDate', /at most 40 characters/],
    ['a 10 MB amount', ['funds', 0, 'unitholders', 0, 'subscriptions', 0, 'amount'], 'funds[0].unitholders[0].subscriptions[0].amount', /not a plain decimal amount/],
    ['a 10 MB country code', ['investors', 0, 'domicile'], 'investors[0].domicile', /ISO 3166-1/],
  ] as const)('%s', async (_, path, pointer, message) => {
    const huge = path.at(-1) === 'th' ? 'ก'.repeat(TEN_MB) : path.at(-1) === 'amount' ? '9'.repeat(TEN_MB) : 'x'.repeat(TEN_MB);
    await refused(withValue(validInput(), [...path], huge), pointer, message);
  });

  it('a 10 MB unknown key: refused, and the message does not repeat it', async () => {
    const input = validInput();
    input.funds[0]!['k'.repeat(TEN_MB)] = 1;
    await refused(input, formatPath(['funds', 0, 'k'.repeat(TEN_MB)]), /unknown field "k{200}… \(10485760 characters\)"/);
  });

  it.each([
    ['200,000 unitholders without subscriptions', ['funds', 0, 'unitholders'], Array.from({ length: 200_000 }, (_, i) => ({ investorId: `I${i}` })), 'funds[0].unitholders[0].subscriptions'],
    ['one unitholder with 100,000 empty subscriptions', ['funds', 0, 'unitholders', 0, 'subscriptions'], Array.from({ length: 100_000 }, () => ({})), 'funds[0].unitholders[0].subscriptions[0].date'],
    ['200,000 empty investors', ['investors'], Array.from({ length: 200_000 }, () => ({})), 'investors[0].id'],
  ] as const)('%s: a ComplianceInputError listing the first problems, not a stack overflow', async (what, path, value, first) => {
    const { error } = await settle(() => evaluate(withValue(validInput(), [...path], value), { asOf: AS_OF }));
    const issues = inputIssues(error);
    expect(issues[0]!.pointer).toBe(first);
    expect(issues.length).toBeGreaterThan(1000);
    expect((error as Error).message.length).toBeLessThan(100_000);
  });
});

function nested(levels: number, kind: 'array' | 'object' | 'mixed'): unknown {
  let value: unknown = 'bottom';
  for (let i = 0; i < levels; i++) value = kind === 'array' || (kind === 'mixed' && i % 2 === 0) ? [value] : { a: value };
  return value;
}

describe('deep nesting is a ComplianceInputError, not a stack overflow', () => {
  it.each([
    ['10,000 levels of arrays as the input', [] as (string | number)[], 'array', 10_000],
    ['10,000 levels of objects as the input', [], 'object', 10_000],
    ['10,000 levels in a fund scheme', ['funds', 0, 'scheme'], 'object', 10_000],
    ['10,000 levels in an amount', ['funds', 0, 'unitholders', 0, 'subscriptions', 0, 'amount'], 'mixed', 10_000],
    ['1,000,000 levels in the investors', ['investors'], 'array', 1_000_000],
  ] as const)('%s', async (_, path, kind, levels) => {
    const input = path.length === 0 ? nested(levels, kind) : withValue(validInput(), [...path], nested(levels, kind));
    const { error } = await settle(() => evaluate(input, { asOf: AS_OF }));
    const issues = inputIssues(error);
    expect(issues[0]!.message).toBe('nested deeper than 64 levels');
    expect(issues[0]!.pointer.startsWith(path.length === 0 ? '' : String(path[0]))).toBe(true);
  });

  it('JSON.parse of 10,000 levels, then evaluate', async () => {
    const text = `{"funds":${'['.repeat(10_000)}${']'.repeat(10_000)}}`;
    const issues = inputIssues(await evaluate(JSON.parse(text), { asOf: AS_OF }).catch((e: unknown) => e));
    expect(issues[0]).toMatchObject({ message: 'nested deeper than 64 levels' });
  });
});

describe('numbers that are not amounts: a clear error naming the field', () => {
  const amount = ['funds', 0, 'unitholders', 0, 'subscriptions', 0, 'amount'];
  const amountAt = 'funds[0].unitholders[0].subscriptions[0].amount';
  it.each([
    ['NaN', NaN, /expected an amount|not an amount/],
    ['Infinity', Infinity, /expected an amount|not an amount/],
    ['-Infinity', -Infinity, /expected an amount|not an amount/],
    ['"NaN"', 'NaN', /not a plain decimal amount/],
    ['"Infinity"', 'Infinity', /not a plain decimal amount/],
    ['a negative amount', '-1000', /greater than zero/],
    ['a negative integer', -1000, /greater than zero/],
    ['zero', 0, /greater than zero/],
    ['-0', -0, /greater than zero/],
    ['exponent notation', '1e5', /no separators or exponents/],
    ['upper-case exponent', '5E+5', /no separators or exponents/],
    ['a float beyond 2^53', 1e21, /decimal strings/],
    ['a float with a fraction', 0.1, /decimal strings/],
    ['the sum 0.1 + 0.2', 0.1 + 0.2, /decimal strings/],
    ['thousands separators', '499,999.99', /no separators/],
    ['a hex literal', '0x1F', /not a plain decimal amount/],
    ['Thai digits', '๕๐๐๐๐๐', /not a plain decimal amount/],
    ['eleven decimals', '1.00000000001', /up to 10 decimals/],
    ['a boolean', true, /expected an amount/],
    ['an object with valueOf', { valueOf: () => 500000 }, /expected an amount/],
  ])('%s', async (_, value, message) => {
    await refused(withValue(validInput(), amount, value), amountAt, message);
  });

  it.each([
    ['a negative scheme minimum', ['funds', 0, 'scheme', 'minimumFirstSubscription'], 'funds[0].scheme.minimumFirstSubscription', '-500000'],
    ['a negative number of units', ['funds', 0, 'unitholders', 0, 'subscriptions', 0, 'units'], 'funds[0].unitholders[0].subscriptions[0].units', '-10'],
    ['a negative minimum in an amendment', ['funds', 0, 'amendments'], 'funds[0].amendments[0].changes.minimumFirstSubscription', [{ id: 'A1', date: '2019-01-01', changes: { minimumFirstSubscription: '-1' } }]],
  ] as const)('%s', async (_, path, pointer, value) => {
    await refused(withValue(validInput(), [...path], value), pointer, /cannot be negative/);
  });

  it('net assets and income in a KYC profile are amounts too', async () => {
    const input = withValue(validInput(), ['investors', 0], { id: 'I2', type: 'individual', domicile: 'TH', profile: { assessedOn: '2018-01-01', netAssets: '3e7' } });
    await refused(input, 'investors[0].profile.netAssets', /no separators or exponents/);
  });
});

describe('dates that do not exist, or are in the wrong era', () => {
  it.each([
    ['30 February', '2016-02-30', /2016-02-30 is not a real calendar date/],
    ['29 February of a common year', '2015-02-29', /not a real calendar date/],
    ['29 February 1900', '1900-02-29', /not a real calendar date/],
    ['month 13', '2016-13-01', /not a real calendar date/],
    ['month 0', '2016-00-10', /not a real calendar date/],
    ['day 0', '2016-01-00', /not a real calendar date/],
    ['an unpadded date', '2016-1-5', /expected a date as YYYY-MM-DD/],
    ['a Thai-style day-first date', '16/01/2559', /expected a date as YYYY-MM-DD/],
    ['an instant', '2016-01-16T00:00:00Z', /expected a date as YYYY-MM-DD/],
    ['a Buddhist Era year given for a Gregorian one', '2559-01-16', /year 2559 looks like a Buddhist Era year; write "BE 2559-01-16" or the Gregorian date 2016-01-16/],
    ['a marked Buddhist Era date that does not exist', 'BE 2559-02-30', /not a real calendar date/],
    ['a number', 20160116, /expected a date string/],
    ['a Date object', new Date(Date.UTC(2016, 0, 16)), /Date object is not accepted; give the date as a string/],
  ])('%s', async (_, value, message) => {
    await refused(withValue(validInput(), ['funds', 0, 'approvalDate'], value), 'funds[0].approvalDate', message);
  });

  it('the as-of date is checked the same way', async () => {
    const error = await evaluate(validInput(), { asOf: '2567-06-30' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ComplianceInputError);
    expect((error as ComplianceInputError).issues).toEqual([expect.objectContaining({ pointer: 'asOf', message: expect.stringMatching(/Buddhist Era year; write "BE 2567-06-30" or the Gregorian date 2024-06-30/) })]);
  });

  it('every bad field is listed at once', async () => {
    const input = validInput();
    input.funds[0]!['approvalDate'] = '2559-01-16';
    withValue(input, ['funds', 0, 'unitholders', 0, 'subscriptions', 0, 'amount'], '1e5');
    withValue(input, ['funds', 0, 'unitholders', 0, 'subscriptions', 0, 'date'], '2016-02-30');
    const pointers = inputIssues(await evaluate(input, { asOf: AS_OF }).catch((e: unknown) => e)).map((i) => i.pointer);
    expect(pointers).toEqual(expect.arrayContaining(['funds[0].approvalDate', 'funds[0].unitholders[0].subscriptions[0].amount', 'funds[0].unitholders[0].subscriptions[0].date']));
  });
});

describe('values that would run code if read are refused unread', () => {
  it('a getter: never called', async () => {
    await expectNoEffects(async () => {
      const input = validInput();
      Object.defineProperty(input.funds[0], 'kind', { enumerable: true, get: () => (sentinel.trip('getter'), 'mutual') });
      await refused(input, 'funds[0].kind', /getter or setter/);
    });
  });

  it('a non-enumerable getter where the schema reads: never called', async () => {
    await expectNoEffects(async () => {
      const input = validInput();
      Object.defineProperty(input, 'investors', { enumerable: false, get: () => (sentinel.trip('hidden getter'), []) });
      await refused(input, 'investors', /getter or setter/);
    });
  });

  it('an inherited getter (a class instance): never called', async () => {
    class Fund {
      get funds() {
        sentinel.trip('inherited getter');
        return validInput().funds;
      }
    }
    await expectNoEffects(() => refused(new Fund(), '(root)', /object of another kind/));
  });

  it('a Proxy: no trap runs', async () => {
    const traps = ['get', 'has', 'ownKeys', 'getOwnPropertyDescriptor', 'getPrototypeOf', 'defineProperty', 'set', 'deleteProperty', 'apply'] as const;
    const handler = Object.fromEntries(traps.map((trap) => [trap, (...args: unknown[]) => (sentinel.trip(`proxy ${trap}`), (Reflect[trap] as (...a: unknown[]) => unknown)(...args))]));
    await expectNoEffects(() => refused(new Proxy(validInput(), handler), '(root)', /Proxy is not accepted/));
    await expectNoEffects(() => refused(withValue(validInput(), ['funds', 0, 'scheme'], new Proxy({ investorRestriction: 'general' }, handler)), 'funds[0].scheme', /Proxy is not accepted/));
  });

  it('toString and valueOf on a value: never called', async () => {
    const sneaky = { toString: () => (sentinel.trip('toString'), '2016-01-16'), valueOf: () => (sentinel.trip('valueOf'), 500000), [Symbol.toPrimitive]: () => (sentinel.trip('toPrimitive'), '2016-01-16') };
    await expectNoEffects(() => refused(withValue(validInput(), ['funds', 0, 'approvalDate'], sneaky), 'funds[0].approvalDate', /expected a date string/));
    await expectNoEffects(() => refused(withValue(validInput(), ['funds', 0, 'unitholders', 0, 'subscriptions', 0, 'amount'], sneaky), 'funds[0].unitholders[0].subscriptions[0].amount', /expected an amount/));
  });

  it('a function as a value: never called', async () => {
    await expectNoEffects(() => refused(withValue(validInput(), ['funds', 0, 'approvalDate'], () => sentinel.trip('function')), 'funds[0].approvalDate', /expected a date string/));
  });

  it('an array claiming 2^32 - 1 items: refused without walking them', async () => {
    const sparse: unknown[] = [];
    sparse.length = 2 ** 32 - 1;
    await refused(withValue(validInput(), ['funds'], sparse), 'funds', /array with holes/);
  });

  it('__proto__, constructor and prototype keys: refused, nothing polluted', async () => {
    await expectNoEffects(async () => {
      await refused(JSON.parse('{"funds":[{"__proto__":{"polluted":true}}]}'), 'funds[0].__proto__', /not allowed/);
      await refused(JSON.parse('{"funds":[],"constructor":{"prototype":{"polluted":true}}}'), 'constructor', /not allowed/);
      await refused(JSON.parse('{"funds":[{"scheme":{"prototype":1}}]}'), 'funds[0].scheme.prototype', /not allowed/);
    });
  });
});
