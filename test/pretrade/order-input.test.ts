/**
 * Orders as input: money is a decimal string or an integer (never a float
 * with a fraction), dates are calendar dates or Buddhist Era dates marked as
 * such, and every bad field of the fund, the investors and the order is
 * reported at once with its path, as a typed error — never a silent answer.
 */
import { describe, expect, it } from 'vitest';
import { ComplianceInputError, checkOrder, orderScenario, prepareFund, safeCheckOrder } from '../../src/index.js';
import { orderSchema } from '../../src/subpaths/pretrade.js';
import { fundOfType, holder, investor, subscription } from '../helpers/build.js';
import { inputIssues } from './helpers.js';

const AS_OF = '2024-06-30';
const somchai = investor('TH-IND-000145', 'retail');
const fund = fundOfType('B', { id: 'M0377_2562' });
const prepared = prepareFund(fund, [], { asOf: AS_OF });

describe('the order schema', () => {
  it('reads amounts as exact decimals and Buddhist Era dates as calendar dates', () => {
    expect(orderSchema.parse({ kind: 'subscription', amount: '500000.00', date: 'BE 2567-06-30' })).toEqual({ kind: 'subscription', amount: '500000', date: '2024-06-30' });
    expect(orderSchema.parse({ kind: 'subscription', amount: 500000, date: 'พ.ศ. 2567-06-30' })).toEqual({ kind: 'subscription', amount: '500000', date: '2024-06-30' });
  });

  it('refuses floats with a fraction, separators, zero, unmarked Buddhist Era years, unknown fields and kinds', () => {
    const issues = (value: unknown) => orderSchema.safeParse(value).error?.issues.map((i) => [i.path.join('.'), i.message]);
    expect(issues({ kind: 'subscription', amount: 499999.99 })).toEqual([['amount', 'give amounts with a fraction or beyond 2^53 as decimal strings, e.g. "499999.99"']]);
    expect(issues({ kind: 'subscription', amount: '500,000' })![0]![0]).toBe('amount');
    expect(issues({ kind: 'subscription', amount: '0' })).toEqual([['amount', 'the amount must be greater than zero']]);
    expect(issues({ kind: 'subscription', amount: '1', date: '2567-06-30' })![0]![1]).toMatch(/looks like a Buddhist Era year; write "BE 2567-06-30"/);
    expect(issues({ kind: 'subscription', amount: '1', units: '5' })![0]![0]).toBe('');
    expect(issues({ kind: 'redemption', amount: '1' })).toEqual([['kind', 'give the order\'s kind: "subscription", "switch-in" or "transfer"']]);
    expect(issues({ kind: 'transfer', amount: '1' })![0]![0]).toBe('to');
  });
});

describe('checkOrder reports every bad field at once, with its path', () => {
  it('bad fields of the investor and the order, together', () => {
    const error = (() => {
      try {
        checkOrder(prepared, { id: 'TH-IND-9', type: 'person', domicile: 'Thailand' } as never, { kind: 'subscription', amount: 0.5, date: '2024-13-01' } as never);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ComplianceInputError);
    expect((error as ComplianceInputError).issues.map((i) => i.pointer).sort()).toEqual(['investor.domicile', 'investor.type', 'order.amount', 'order.date']);
  });

  it('a fund and its investors given directly are validated with the order (fund.…, investors[i].…)', () => {
    const issues = inputIssues(() =>
      checkOrder(
        fundOfType('B', { unitholders: [holder('TH-1', subscription('2021-03-01', '-5'))] }),
        somchai,
        { kind: 'subscription', amount: '1' },
        { asOf: AS_OF, investors: [investor('TH-1', 'retail', { domicile: 'th' })] },
      ),
    );
    expect(issues!.map((i) => i.pointer).sort()).toEqual(['fund.unitholders[0].subscriptions[0].amount', 'investors[0].domicile']);
  });

  it('an order dated after the as-of date is refused (check it as of its own date); its date defaults to the as-of date', () => {
    expect(inputIssues(() => checkOrder(prepared, somchai, { kind: 'subscription', amount: '600000', date: '2024-07-01' }))).toEqual([
      { pointer: 'order.date', message: 'the order is dated 2024-07-01, after the as-of date 2024-06-30; check it as of its own date (prepare the fund as of 2024-07-01)' },
    ]);
    expect(checkOrder(prepared, somchai, { kind: 'subscription', amount: '600000' }).order.date).toBe(AS_OF);
  });

  it('a prepared fund carries its as-of date and packs', () => {
    expect(inputIssues(() => checkOrder(prepared, somchai, { kind: 'subscription', amount: '1' }, { asOf: 'BE 2567-06-29', packs: [] }))).toEqual([
      { pointer: 'options.packs', message: 'a prepared fund carries its packs: give them to prepareFund' },
      { pointer: 'asOf', message: 'the fund was prepared as of 2024-06-30, not 2024-06-29; prepare it as of 2024-06-29' },
    ]);
    expect(checkOrder(prepared, somchai, { kind: 'subscription', amount: '600000' }, { asOf: 'BE 2567-06-30' }).decision).toBe('allowed');
  });

  it('a switch comes from another fund', () => {
    expect(inputIssues(() => checkOrder(prepared, somchai, { kind: 'switch-in', amount: '600000', fromFundId: 'M0377_2562' }))).toEqual([
      { pointer: 'order.fromFundId', message: 'a switch into fund M0377_2562 comes from another fund' },
    ]);
  });

  it('safeCheckOrder returns the issues instead of throwing', () => {
    expect(safeCheckOrder(prepared, somchai, { kind: 'subscription', amount: 'lots' })).toMatchObject({ ok: false, issues: [{ pointer: 'order.amount' }] });
    expect(safeCheckOrder(prepared, somchai, { kind: 'subscription', amount: '600000' })).toMatchObject({ ok: true, check: { decision: 'allowed' } });
  });
});

describe('orderScenario: the fund without and with the order, as evaluate inputs', () => {
  it('adds the order to the investor\'s entry (or a new entry at the end) and puts the investor records in both', () => {
    const base = fundOfType('B', { unitholders: [holder('TH-1', subscription('2021-03-01', '800000'))] });
    const investors = [investor('TH-1', 'retail')];
    const topUp = orderScenario(base, investors, investor('TH-1', 'high-net-worth'), { kind: 'subscription', amount: '5.50', reference: 'ORD-1' }, { asOf: 'BE 2567-06-30' });
    expect(topUp.before.investors).toEqual([investor('TH-1', 'high-net-worth')]);
    expect(topUp.after.funds[0].unitholders).toEqual([holder('TH-1', subscription('2021-03-01', '800000'), { date: '2024-06-30', amount: '5.5', reference: 'ORD-1' })]);
    const transfer = orderScenario(base, investors, investors[0]!, { kind: 'transfer', amount: '100', units: '10', to: somchai, date: '2024-01-02' }, { asOf: AS_OF });
    expect(transfer.after.investors.map((i) => i.id)).toEqual(['TH-1', somchai.id]);
    expect(transfer.after.funds[0].unitholders!.at(-1)).toEqual({ investorId: somchai.id, subscriptions: [{ date: '2024-01-02', amount: '100', units: '10' }] });
    // Nothing given was changed.
    expect(base.unitholders).toHaveLength(1);
    expect(investors).toEqual([investor('TH-1', 'retail')]);
  });
});
