import { z } from 'zod';
import { calendarDateSchema, type CalendarDate } from '../model/calendar-date.js';
import { investorSchema } from '../model/investor.js';
import { positiveMoneySchema } from '../model/money.js';

/**
 * An order a selling agent is about to accept, checked before it happens:
 *
 * - `subscription`: the investor buys units of the fund for `amount` THB
 *   (their first subscription when they hold none yet, else a top-up);
 * - `switch-in`: the investor switches into the fund from another fund
 *   (`fromFundId`); for the fund switched into it is a subscription of
 *   `amount` THB funded by the switch-out, and is checked as one;
 * - `transfer`: the investor transfers units worth `amount` THB (`units`, if
 *   known) to another investor (`to`, their whole record). For the
 *   transferee it is an acquisition of `amount` THB on the order date — their
 *   first when they hold no units yet. The transferor keeps their entry on
 *   the register (the model has no balances).
 *
 * Money is a decimal string or an integer (never a float with a fraction);
 * dates are calendar dates `YYYY-MM-DD` or Buddhist Era `BE 2567-06-30`. The
 * date defaults to the as-of date and may not be after it.
 */

const reference = z.string().max(200);
const fundId = z.string().min(1).max(200);

const common = {
  /** THB: a decimal string ("250000.00") or an integer. */
  amount: positiveMoneySchema,
  /** The order's date (trade date); default: the as-of date of the check. */
  date: calendarDateSchema.optional(),
  /** Your order reference, carried onto the subscription it becomes. */
  reference: reference.optional(),
};

export const subscriptionOrderSchema = z
  .object({
    kind: z.literal('subscription'),
    ...common,
    /** Whether the prospectus rules were followed for this sale (cl. 11 para 1 (2)); `false` is checked as a breach of them. */
    prospectusDelivered: z.boolean().optional(),
  })
  .strict();

export const switchInOrderSchema = z
  .object({
    kind: z.literal('switch-in'),
    ...common,
    /** The fund switched out of. */
    fromFundId: fundId.optional(),
    prospectusDelivered: z.boolean().optional(),
  })
  .strict();

export const transferOrderSchema = z
  .object({
    kind: z.literal('transfer'),
    ...common,
    /** Units transferred, when known (recorded; the checks read the amount). */
    units: positiveMoneySchema.optional(),
    /** The transferee: their whole investor record (category, or a KYC profile to derive it from). */
    to: investorSchema,
  })
  .strict();

export const orderSchema = z
  .discriminatedUnion('kind', [subscriptionOrderSchema, switchInOrderSchema, transferOrderSchema], {
    error: 'give the order\'s kind: "subscription", "switch-in" or "transfer"',
  })
  .describe('A subscription, switch-in or transfer of units to check before it is accepted');

export type Order = z.infer<typeof orderSchema>;
export type OrderInput = z.input<typeof orderSchema>;
export type OrderKind = Order['kind'];

/** An order as checked: validated, with its date decided. */
export type CheckedOrder = Order & { date: CalendarDate };

/** The role each investor plays in an order. */
export type OrderRole = 'subscriber' | 'transferor' | 'transferee';
