import { ComplianceInputError, formatPath, issuesFromZod } from '../model/errors.js';
import type { FundInput } from '../model/fund.js';
import type { InvestorInput } from '../model/investor.js';
import { orderSubscription } from './check.js';
import { orderSchema, type CheckedOrder, type OrderInput } from './order.js';
import { parseAsOfOption } from './prepare.js';

/** A fund with and without an order, as inputs `evaluate` takes. */
export interface OrderScenario {
  /** The fund as it is, with the order's investors' records as given (replacing records of the same id). */
  before: { funds: [FundInput]; investors: InvestorInput[] };
  /** The same with the order applied. */
  after: { funds: [FundInput]; investors: InvestorInput[] };
}

/**
 * What "with the order" means, as evaluation inputs: the definition
 * `checkOrder` is held to (its active findings are the findings of
 * `evaluate(after)` that `evaluate(before)` does not have).
 *
 * - The order's investors' records (the investor, and a transfer's
 *   transferee) replace the records of the same id, or are added after the
 *   others — in both inputs, so the difference is the order alone.
 * - A subscription or switch-in adds a subscription `{ date, amount,
 *   prospectusDelivered?, reference? }` to the investor's entry in the
 *   register, or a new entry at its end.
 * - A transfer adds an acquisition `{ date, amount, units?, reference? }` to
 *   the transferee's entry, or a new entry at its end; the transferor's entry
 *   is left as it is (the model records subscriptions, not balances).
 *
 * The inputs are not mutated. Throws {@link ComplianceInputError} for a bad
 * order or as-of date (it does not validate the fund: `evaluate` does).
 */
export function orderScenario(fund: FundInput, investors: readonly InvestorInput[], investor: InvestorInput, order: OrderInput, options: { asOf: string }): OrderScenario {
  const asOf = parseAsOfOption(options.asOf);
  const parsed = orderSchema.safeParse(order);
  const issues = [
    ...(asOf.ok ? [] : [asOf.issue]),
    ...(parsed.success ? [] : issuesFromZod(parsed.error).map((i) => ({ ...i, path: ['order', ...i.path], pointer: formatPath(['order', ...i.path]) }))),
  ];
  if (!asOf.ok || !parsed.success) throw new ComplianceInputError(issues, 'order');
  const checked = { ...parsed.data, date: parsed.data.date ?? asOf.date } as CheckedOrder;

  const records = [...investors];
  const put = (record: InvestorInput) => {
    const index = records.findIndex((r) => r.id === record.id);
    if (index >= 0) records[index] = record;
    else records.push(record);
  };
  put(investor);
  const receiver = order.kind === 'transfer' ? order.to : investor;
  if (receiver !== investor) put(receiver);

  const unitholders = [...(fund.unitholders ?? [])];
  const subscription = orderSubscription(checked);
  const index = unitholders.findIndex((h) => h.investorId === receiver.id);
  if (index >= 0) unitholders[index] = { ...unitholders[index]!, subscriptions: [...unitholders[index]!.subscriptions, subscription] };
  else unitholders.push({ investorId: receiver.id, subscriptions: [subscription] });

  return {
    before: { funds: [fund], investors: records },
    after: { funds: [{ ...fund, unitholders }], investors: [...records] },
  };
}
