/**
 * A deterministic synthetic unitholder register for the benchmark and the
 * batch tests: one scheme file with funds of several SEC types, and rows of
 * holdings spread over them — mostly compliant, with about 1% of rows
 * breaking a rule, and amounts and dates on the legal boundaries
 * (499,999.99 / 500,000.00 THB; first subscriptions on and after the as-of
 * date). The same seed always gives the same bytes.
 */
import type { FundInput } from '../src/index.js';

export const SYNTHETIC_AS_OF = '2024-06-30';

const fund = (id: string, declaredType: FundInput['declaredType'], investorRestriction: FundInput['scheme']['investorRestriction'], extra: Partial<FundInput> = {}, minimum?: string): FundInput => ({
  id,
  names: { th: `กองทุนทดสอบ ${id}`, en: `Synthetic fund ${id}` },
  kind: 'mutual',
  ...(declaredType ? { declaredType } : {}),
  managementCompany: { id: 'C0000000099' },
  approvalDate: '2015-06-01',
  registrationDate: '2015-07-01',
  offering: { inThailand: true, abroad: false },
  scheme: { investorRestriction, ...(minimum ? { minimumFirstSubscription: minimum } : {}) },
  ...extra,
});

/** The funds of the synthetic register, one of each kind of unitholder rule, and a private fund none applies to. */
export const SYNTHETIC_SCHEME: { funds: FundInput[] } = {
  funds: [
    fund('RETAIL-EQ', 'R', 'general', {}, '1000'),
    fund('RETAIL-FI', 'R', 'general'),
    fund('NONRETAIL-A', 'A', 'non-retail'),
    fund('HNW-B', 'B', 'high-net-worth', {}, '500000'),
    fund('HNW-H', 'H', 'non-retail-or-high-net-worth', {}, '500000'),
    fund('INST-N', 'N', 'institutional'),
    fund('INST-X', 'X', 'institutional-or-ultra-high-net-worth'),
    { ...fund('PRIVATE-P', undefined, 'general'), kind: 'private' },
  ],
};

/** Share of rows per fund (sums to 100). */
const WEIGHTS: [string, number][] = [
  ['RETAIL-EQ', 35],
  ['RETAIL-FI', 20],
  ['NONRETAIL-A', 8],
  ['HNW-B', 14],
  ['HNW-H', 8],
  ['INST-N', 5],
  ['INST-X', 5],
  ['PRIVATE-P', 5],
];

export const REGISTER_HEADER = [
  'fund_id',
  'investor_id',
  'investor_type',
  'category',
  'domicile',
  'assessed_on',
  'first_subscription_date',
  'first_subscription_amount',
  'subscription_count',
  'total_subscribed',
  'subscriptions_without_prospectus',
] as const;

type Row = Record<(typeof REGISTER_HEADER)[number], string>;

/** mulberry32: a small, fast, seedable PRNG. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n: number) => (n < 10 ? `0${n}` : String(n));
/** Whole baht with satang, never a float: integer satang formatted as text. */
const baht = (satang: number) => `${Math.floor(satang / 100)}.${pad(satang % 100)}`;

function makeRow(next: () => number, index: number): Row {
  const pick = next() * 100;
  let acc = 0;
  let fundId = WEIGHTS[0]![0];
  for (const [id, weight] of WEIGHTS) {
    acc += weight;
    if (pick < acc) {
      fundId = id;
      break;
    }
  }
  const breaks = next() < 0.01; // about 1% of rows break a rule of their fund
  const boundary = next() < 0.002;
  const juristic = next() < 0.1;
  let category = 'retail';
  let satang = 1_000_00 + Math.floor(next() * 200_000_00); // 1,000 – 201,000 THB
  switch (fundId) {
    case 'NONRETAIL-A':
      category = breaks ? 'retail' : ['institutional', 'ultra-high-net-worth', 'high-net-worth'][Math.floor(next() * 3)]!;
      satang = 100_000_00 + Math.floor(next() * 5_000_000_00);
      break;
    case 'HNW-B':
      category = next() < 0.7 ? 'retail' : 'high-net-worth';
      satang = breaks ? 10_000_00 + Math.floor(next() * 489_999_99) : 500_000_00 + Math.floor(next() * 9_500_000_00);
      if (boundary) satang = next() < 0.5 ? 500_000_00 : 499_999_99;
      break;
    case 'HNW-H':
      category = breaks ? 'retail' : next() < 0.5 ? 'retail' : 'high-net-worth';
      satang = breaks ? 10_000_00 + Math.floor(next() * 489_999_99) : 500_000_00 + Math.floor(next() * 9_500_000_00);
      if (boundary) satang = next() < 0.5 ? 500_000_00 : 499_999_99;
      break;
    case 'INST-N':
      category = breaks ? 'high-net-worth' : 'institutional';
      satang = 1_000_000_00 + Math.floor(next() * 100_000_000_00);
      break;
    case 'INST-X':
      category = breaks ? 'retail' : next() < 0.5 ? 'institutional' : 'ultra-high-net-worth';
      satang = 1_000_000_00 + Math.floor(next() * 100_000_000_00);
      break;
    case 'RETAIL-EQ':
      if (breaks && next() < 0.3) satang = 100_00 + Math.floor(next() * 899_99); // below the scheme's 1,000 THB minimum
      break;
    default:
      break;
  }
  const investorType = juristic || category === 'institutional' ? 'juristic' : 'individual';
  const count = next() < 0.6 ? 1 : 2 + Math.floor(next() * 30);
  const total = count === 1 ? satang : satang + Math.floor(next() * 1_000_000_00);
  const withoutProspectus = fundId.startsWith('RETAIL') && breaks && next() < 0.5 ? 1 : 0;
  // First subscriptions from 2016 to the end of 2024; those after the as-of date are not yet holding.
  const day = Math.floor(next() * 3270);
  const date = new Date(Date.UTC(2016, 0, 16 + day));
  const first = boundary && next() < 0.5 ? SYNTHETIC_AS_OF : `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
  // The KYC review that gave a non-retail category: on or before the first subscription (up to two
  // years before), as a manager's records would show it; for about 1% of them only after it (no
  // review in force at entry).
  const reviewedLate = next() < 0.01;
  const assessedDay = reviewedLate ? day + 1 + Math.floor(next() * 365) : day - Math.floor(next() * 730);
  const assessedDate = new Date(Date.UTC(2016, 0, 16 + assessedDay));
  const assessed = category === 'retail' ? '' : `${assessedDate.getUTCFullYear()}-${pad(assessedDate.getUTCMonth() + 1)}-${pad(assessedDate.getUTCDate())}`;
  return {
    fund_id: fundId,
    investor_id: `I${String(index + 1).padStart(8, '0')}`,
    investor_type: investorType,
    category,
    domicile: next() < 0.97 ? 'TH' : 'SG',
    assessed_on: assessed,
    first_subscription_date: first,
    first_subscription_amount: baht(satang),
    subscription_count: String(count),
    total_subscribed: baht(total),
    subscriptions_without_prospectus: String(withoutProspectus),
  };
}

/**
 * The register as text chunks of about `chunkSize` characters: a CSV header
 * and rows, or NDJSON objects with the same keys.
 */
export function* syntheticRegister(rows: number, format: 'csv' | 'ndjson', seed = 20240630, chunkSize = 1 << 20): Generator<string> {
  const next = random(seed);
  let chunk = format === 'csv' ? `${REGISTER_HEADER.join(',')}\n` : '';
  for (let i = 0; i < rows; i++) {
    const row = makeRow(next, i);
    if (format === 'csv') {
      chunk += `${row.fund_id},${row.investor_id},${row.investor_type},${row.category},${row.domicile},${row.assessed_on},${row.first_subscription_date},${row.first_subscription_amount},${row.subscription_count},${row.total_subscribed},${row.subscriptions_without_prospectus}\n`;
    } else {
      const { assessed_on, ...rest } = row;
      chunk += `${JSON.stringify(assessed_on ? row : rest)}\n`;
    }
    if (chunk.length >= chunkSize) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk.length > 0) yield chunk;
}
