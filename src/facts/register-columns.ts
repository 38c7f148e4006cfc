/**
 * The columns of a unitholder register: one row is one investor's holding in
 * one fund, as of the evaluation date. CSV headers and NDJSON keys use these
 * names (snake case), or the camelCase spelling of the same name
 * (`firstSubscriptionAmount`). Which unitholder fact each column gives is
 * said by the fact's `column` in catalog.ts (`registerFactColumns`).
 */

export const REGISTER_COLUMNS = [
  { column: 'fund_id', required: false, description: 'The fund (its id in the scheme file); needed when the scheme file has more than one fund.' },
  { column: 'investor_id', required: true, description: 'The investor (unitholder) id.' },
  { column: 'investor_type', required: true, description: '`individual` or `juristic`.' },
  { column: 'category', required: true, description: 'SEC investor category: `institutional`, `ultra-high-net-worth`, `high-net-worth` or `retail`.' },
  { column: 'domicile', required: true, description: 'ISO 3166-1 alpha-2 country code, e.g. `TH`.' },
  { column: 'assessed_on', required: false, description: 'Date of the KYC review that gave the category.' },
  { column: 'first_subscription_date', required: true, description: 'Date of the investor\'s first subscription in the fund ("ในครั้งแรก").' },
  { column: 'first_subscription_amount', required: true, description: 'Amount of that first subscription, THB (decimal, no separators).' },
  { column: 'subscription_count', required: false, description: 'Subscriptions up to the as-of date (default 1).' },
  { column: 'total_subscribed', required: false, description: 'Sum of those subscriptions, THB (default: the first amount).' },
  { column: 'subscriptions_without_prospectus', required: false, description: 'How many of them were sold without the prospectus rules being followed (default 0).' },
] as const;

export type RegisterColumn = (typeof REGISTER_COLUMNS)[number]['column'];
