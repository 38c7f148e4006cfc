/**
 * Real SEC records with their fields varied the ways real data varies (empty
 * as "" / null / "-", codes outside the list, dates in other forms, classes,
 * duplicates): every record is adapted or refused with a reason, nothing
 * throws, every adapted fund is a valid Fund, and evaluating them finds
 * nothing the source data cannot support.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate, fromSecOpenData, fundSchema, type SecEnvelope } from '../../src/index.js';

const FIXTURES = new URL('../../fixtures/sec-open-data/', import.meta.url);
const read = <T>(name: string) => JSON.parse(readFileSync(new URL(name, FIXTURES), 'utf8')) as T;
const example = read<SecEnvelope<Record<string, unknown>>>('v2/profiles.example.json').items[0]!;
const real = read<Record<string, unknown>>('v2/profile.M0001_2558.json');
const minimum = read<SecEnvelope<Record<string, unknown>>>('v2/subscription-redemption-minimums.example.json').items[0]!;
const party = read<SecEnvelope<Record<string, unknown>>>('v2/involve-parties.example.json').items[0]!;
const legacy = read<Record<string, unknown>[]>('v1/fund-amc.sample.json');

const empty = fc.constantFrom<unknown>('', null, '-', '   ');
const dateLike = fc.constantFrom<unknown>('2015-01-05', '2009-01-22T00:00:00', '2016-01-21T12:00:00Z', '21/01/2559', '2559-01-21', '2016-02-30', 42);
const field = (values: unknown[]) => fc.oneof(fc.constantFrom(...values), empty);

const profile = fc.record({
  base: fc.constantFrom(example, real),
  proj_id: fc.constantFrom('M0000_2552', 'M0001_2558', 'M0002_2560'),
  fund_class_name: field(['main', 'A', 'B', 'HIDIV-AR']),
  proj_retail_type: field(['R', 'A', 'B', 'H', 'N', 'X', 'V', 'F', 'G', 'Z', 'r']),
  fund_status: field(['IPO', 'Registered', 'Expired', 'Canceled', 'Liquidated', 'RG', 'Suspended']),
  init_date: fc.oneof(dateLike, empty),
  regis_date: fc.oneof(dateLike, empty),
  cancel_date: fc.oneof(dateLike, empty),
  proj_name_en: field(['Fund', '  Fund\n', '\tTHANACHART FUND']),
  invest_country_flag: field(['1', '2', '3', '4', '9', 3]),
  last_upd_date: field(['2025-11-19T07:17:50Z', '2026-08-27T07:42:31.783', '2025-11-14T09:39:17.42']),
}).map(({ base, ...changes }) => ({ ...base, ...changes }));

const minimumRecord = fc.record({
  proj_id: fc.constantFrom('M0000_2552', 'M0001_2558'),
  fund_class_name: field(['main', 'A', 'B']),
  start_date: fc.oneof(dateLike, empty),
  end_date: fc.oneof(dateLike, empty),
  minimum_sub_ipo: fc.oneof(fc.constantFrom<unknown>(5000, 500000, 100000.5, '1000', -1, 'x'), empty),
  minimum_sub_ipo_cur: field(['THB                                               ', 'USD', 'THB']),
}).map((changes) => ({ ...minimum, ...changes }));

const partyRecord = fc.record({
  proj_id: fc.constantFrom('M0000_2552', 'M0001_2558'),
  entity_type: fc.constantFrom('A', 'F', 'R', 'V', 'U', 'Q', ''),
  entity_name_en: field(['AUDITOR ', 'Manager']),
}).map((changes) => ({ ...party, ...changes }));

const page = <T>(items: fc.Arbitrary<T>) => fc.array(items, { maxLength: 4 }).map((list) => ({ message: 'success', page_size: 100, next_cursor: '', items: list }));

describe('fromSecOpenData on varied real records', () => {
  it('adapts or refuses every project with a reason, never throws, and evaluation finds nothing on unknown facts', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(page(fc.oneof(profile, fc.constantFrom(...legacy))), { minLength: 1, maxLength: 3 }),
        fc.array(page(partyRecord), { maxLength: 2 }),
        fc.array(page(minimumRecord), { maxLength: 2 }),
        fc.constantFrom(undefined, '2016-01-20', '2022-07-01'),
        async (profiles, parties, minimums, asOf) => {
          const result = fromSecOpenData({ profiles, parties, minimums }, asOf ? { asOf } : {});
          const projects = new Set(profiles.flatMap((p) => p.items).map((r) => String((r as { proj_id: unknown }).proj_id)));
          for (const projId of projects) {
            const adapted = result.funds.some((f) => f.id === projId);
            const refused = result.refused.some((r) => r.projId === projId && r.reason && r.message);
            expect(adapted || refused, projId).toBe(true);
          }
          for (const fund of result.funds) expect(fundSchema.safeParse(fund).success, fund.id).toBe(true);
          if (result.funds.length === 0) return;
          const report = await evaluate({ funds: result.funds }, { asOf: asOf ?? '2024-06-30' });
          // Only the §1 scheme-minimum rule can find anything from SEC data: a B/H type and a stated minimum, both known.
          for (const finding of report.findings) {
            expect(finding.ruleId).toBe('tn89.cl1.hnw-scheme-minimum-below-threshold');
            const fund = result.funds.find((f) => f.id === finding.subject.fundId)!;
            expect(['B', 'H']).toContain(fund.declaredType);
            expect(fund.scheme.minimumFirstSubscription).toBeDefined();
          }
        },
      ),
      { numRuns: 60, seed: 1414 },
    );
  });
});
