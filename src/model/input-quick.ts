import { parseCalendarDate } from './calendar-date.js';
import { fundSchema, unitholderSchema, type Fund, type Subscription, type Unitholder } from './fund.js';
import type { EvaluationInput } from './input.js';
import { investorSchema, type Investor } from './investor.js';
import { parseMoney } from './money.js';

/**
 * A quicker way to the same validated input for the common large case (many
 * unitholders and KYC-classified investors): the two long lists are checked
 * item by item by hand, everything else by the schemas themselves. It either
 * returns exactly what `evaluationInputSchema.parse` returns (same values,
 * same keys in the same order) or `undefined` — never an error: whenever
 * anything is not plainly valid, the caller runs the schema, which gives the
 * issues with their paths. An item of a shape this does not know (a profile,
 * KYC reviews, a time of day...) is parsed by its own schema.
 * test/model/input-quick.test.ts holds the two together.
 *
 * Call it on a value that passed the plain-data check (no getters or
 * proxies): it reads fields directly.
 */
export function quickParseEvaluationInput(input: unknown): EvaluationInput | undefined {
  if (!isRecord(input)) return undefined;
  for (const key in input) if (key !== 'funds' && key !== 'investors') return undefined;
  const { funds, investors } = input as { funds?: unknown; investors?: unknown };
  if (!Array.isArray(funds) || funds.length === 0) return undefined;
  if (investors !== undefined && !Array.isArray(investors)) return undefined;
  const dates = new Map<string, string>();

  const parsedInvestors: Investor[] = new Array<Investor>(investors?.length ?? 0);
  // Each investor id, with the last fund that lists it as a holder (-1: none yet).
  const listedIn = new Map<string, number>();
  for (let i = 0; i < parsedInvestors.length; i++) {
    const investor = quickInvestor(investors![i], dates) ?? viaSchema(investorSchema, investors![i]);
    if (investor === undefined || listedIn.has(investor.id)) return undefined;
    listedIn.set(investor.id, -1);
    parsedInvestors[i] = investor;
  }

  const parsedFunds: Fund[] = new Array<Fund>(funds.length);
  const fundIds = new Set<string>();
  for (let f = 0; f < funds.length; f++) {
    const fund = funds[f] as unknown;
    if (!isRecord(fund)) return undefined;
    const holders = (fund as { unitholders?: unknown }).unitholders;
    if (holders !== undefined && !Array.isArray(holders)) return undefined;
    // The fund's own fields through its schema, without the holders (checked below, with its per-holder rule).
    const parsed = viaSchema(fundSchema, holders === undefined ? fund : { ...fund, unitholders: [] });
    if (parsed === undefined || fundIds.has(parsed.id)) return undefined;
    fundIds.add(parsed.id);
    if (holders !== undefined) {
      const unitholders: Unitholder[] = new Array<Unitholder>(holders.length);
      for (let h = 0; h < holders.length; h++) {
        const holder = quickUnitholder(holders[h], dates) ?? viaSchema(unitholderSchema, holders[h]);
        if (holder === undefined) return undefined;
        // A holder of an investor not given, or listed twice in this fund: the schema says so, with the path.
        const listed = listedIn.get(holder.investorId);
        if (listed === undefined || listed === f) return undefined;
        listedIn.set(holder.investorId, f);
        unitholders[h] = holder;
      }
      parsed.unitholders = unitholders;
    }
    parsedFunds[f] = parsed;
  }
  return { funds: parsedFunds, investors: parsedInvestors };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function viaSchema<T>(schema: { safeParse(value: unknown): { success: true; data: T } | { success: false } }, value: unknown): T | undefined {
  const result = schema.safeParse(value);
  return result.success ? result.data : undefined;
}

/** A date as calendarDateSchema gives it (dates repeat: each text is parsed once per input), or undefined. */
function quickDate(value: unknown, dates: Map<string, string>): string | undefined {
  if (typeof value !== 'string' || value.length > 40) return undefined;
  let date = dates.get(value);
  if (date === undefined) {
    const parsed = parseCalendarDate(value);
    if (!parsed.ok) return undefined;
    date = parsed.date;
    if (dates.size < 10_000) dates.set(value, date);
  }
  return date;
}

/** An amount as moneySchema gives it (a decimal string or an integer), or undefined. */
function quickMoney(value: unknown): string | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const parsed = parseMoney(value);
  return parsed.ok ? parsed.amount : undefined;
}

const CATEGORIES = new Set(['institutional', 'ultra-high-net-worth', 'high-net-worth', 'retail']);
const COUNTRY = /^[A-Z]{2}$/;

/** An investor with a given category (no profile or reviews), as investorSchema gives it; undefined for anything else. */
function quickInvestor(value: unknown, dates: Map<string, string>): Investor | undefined {
  if (!isRecord(value)) return undefined;
  for (const key in value) if (key !== 'id' && key !== 'type' && key !== 'category' && key !== 'assessedOn' && key !== 'domicile' && key !== 'name') return undefined;
  const { id, type, category, domicile } = value;
  if (typeof id !== 'string' || id.length < 1 || id.length > 200) return undefined;
  if (type !== 'individual' && type !== 'juristic') return undefined;
  if (typeof category !== 'string' || !CATEGORIES.has(category)) return undefined;
  if (typeof domicile !== 'string' || !COUNTRY.test(domicile)) return undefined;
  // Keys in the schema's order, as the schema outputs them.
  const investor: Record<string, unknown> = { id, type, category };
  if ('assessedOn' in value) {
    const assessedOn = quickDate(value['assessedOn'], dates);
    if (assessedOn === undefined) return undefined;
    investor['assessedOn'] = assessedOn;
  }
  investor['domicile'] = domicile;
  if ('name' in value) {
    const name = value['name'];
    if (typeof name !== 'string' || name.length > 500) return undefined;
    investor['name'] = name;
  }
  return investor as Investor;
}

/** A unitholder as unitholderSchema gives it, or undefined. */
function quickUnitholder(value: unknown, dates: Map<string, string>): Unitholder | undefined {
  if (!isRecord(value)) return undefined;
  for (const key in value) if (key !== 'investorId' && key !== 'subscriptions') return undefined;
  const { investorId, subscriptions } = value;
  if (typeof investorId !== 'string' || investorId.length < 1 || investorId.length > 200) return undefined;
  if (!Array.isArray(subscriptions) || subscriptions.length < 1 || subscriptions.length > 100_000) return undefined;
  const parsed: Subscription[] = new Array<Subscription>(subscriptions.length);
  for (let i = 0; i < subscriptions.length; i++) {
    const subscription = quickSubscription(subscriptions[i], dates);
    if (subscription === undefined) return undefined;
    parsed[i] = subscription;
  }
  return { investorId, subscriptions: parsed };
}

/** A subscription of date, amount and optionally whether the prospectus was delivered and a reference; undefined for anything else. */
function quickSubscription(value: unknown, dates: Map<string, string>): Subscription | undefined {
  if (!isRecord(value)) return undefined;
  for (const key in value) if (key !== 'date' && key !== 'amount' && key !== 'prospectusDelivered' && key !== 'reference') return undefined;
  const date = quickDate(value['date'], dates);
  if (date === undefined) return undefined;
  const amount = quickMoney(value['amount']);
  // A positive amount: canonical amounts write zero as "0" and a negative with "-".
  if (amount === undefined || amount === '0' || amount.charCodeAt(0) === 45) return undefined;
  const subscription: Subscription = { date, amount };
  if ('prospectusDelivered' in value) {
    const delivered = value['prospectusDelivered'];
    if (typeof delivered !== 'boolean') return undefined;
    subscription.prospectusDelivered = delivered;
  }
  if ('reference' in value) {
    const reference = value['reference'];
    if (typeof reference !== 'string' || reference.length > 200) return undefined;
    subscription.reference = reference;
  }
  return subscription;
}
