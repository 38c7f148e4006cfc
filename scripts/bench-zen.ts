/**
 * The benchmark's peer engine: the unitholder rules of TorNor. 89/2558 as one
 * GoRules zen-engine decision table (JSON Decision Model, hit policy
 * `collect`, evaluated natively in Rust over a batch of rows with the table's
 * loop mode). Like the hand-written loop it knows rule ids and takes the
 * high-net-worth threshold from the pack's dated parameter; amounts are
 * compared as zen-engine decimals (`number("499999.99")`), never floats. The
 * benchmark runs it over the same rows as the other loops and checks it finds
 * exactly what the compiled evaluator finds.
 *
 * @gorules/zen-engine is a dev dependency with a prebuilt native binary per
 * platform (optional packages); when it cannot be loaded, {@link loadZen}
 * says why and the benchmark goes on without it.
 */
import type { FundView, HandwrittenRule, HolderView } from './bench-handwritten.js';

type RuleId = HandwrittenRule;

/**
 * The decision table's columns: an expression over one row, and the id a
 * rule's cell is keyed by. What several rules share (the first subscription
 * on or after the notice's commencement, below the high-net-worth threshold
 * in force on its date) is one column.
 */
const INPUTS = [
  { id: 'kind', name: 'fund kind', field: 'kind' },
  { id: 'type', name: 'declared type', field: 'type' },
  { id: 'restriction', name: 'investor restriction', field: 'restriction' },
  { id: 'hasMinimum', name: 'scheme minimum stated', field: 'minimum != null' },
  { id: 'allNonDomiciled', name: 'all units to persons not domiciled in Thailand', field: 'allNonDomiciled' },
  { id: 'xInForce', name: 'type X rules in force on the as-of date', field: 'date(asOf) >= date("2017-02-20")' },
  { id: 'category', name: 'investor category (as of)', field: 'category' },
  { id: 'entry', name: 'investor category at the first subscription', field: 'entry' },
  { id: 'domicile', name: 'domicile', field: 'domicile' },
  { id: 'orderKnown', name: 'first subscription order known', field: 'orderKnown' },
  { id: 'withoutProspectus', name: 'subscriptions without prospectus', field: 'withoutProspectus' },
  { id: 'started', name: 'first subscription on or after commencement', field: 'date(date) >= date(commencement)' },
  { id: 'below', name: 'below the high-net-worth threshold of its date', field: 'hnw != null and number(amount) < number(hnw)' },
  { id: 'belowMinimum', name: 'below the scheme minimum', field: 'minimum != null and number(amount) < number(minimum)' },
] as const;

type Cells = Partial<Record<(typeof INPUTS)[number]['id'], string>>;

const NON_RETAIL_CLASS = '"non-retail", "high-net-worth", "non-retail-or-high-net-worth"';
const KNOWN_RETAIL = '$ != null and $ != "retail"';

/**
 * One table row per way a rule is found (rules/tn-89-2558/rules/*.yaml): a
 * rule's conditions as cells, its alternatives as rows; a rule is found once
 * for a holder however many of its rows match.
 */
const ROWS: [RuleId, Cells][] = [
  ['tn89.cl1.first-subscription-order-unknown', { restriction: `in [${NON_RETAIL_CLASS}]`, orderKnown: 'false' }],
  ['tn89.cl1.first-subscription-order-unknown', { hasMinimum: 'true', orderKnown: 'false' }],
  ['tn89.cl11.institutional-fund-non-institutional-holder', { type: '"N"', category: '!= "institutional"' }],
  ['tn89.cl11.institutional-fund-non-institutional-holder', { restriction: '"institutional"', category: '!= "institutional"' }],
  ['tn89.cl11.retail-units-sold-without-prospectus-rules', { type: '"R"', withoutProspectus: '> 0' }],
  // Below the scheme minimum, unless the holder is outside the scheme's class (reported by the eligibility rules).
  ['tn89.cl12.first-subscription-below-scheme-minimum', { restriction: '"non-retail"', entry: KNOWN_RETAIL, started: 'true', belowMinimum: 'true' }],
  ['tn89.cl12.first-subscription-below-scheme-minimum', { restriction: '"non-retail-or-high-net-worth"', entry: '"retail"', below: 'false', started: 'true', belowMinimum: 'true' }],
  ['tn89.cl12.first-subscription-below-scheme-minimum', { restriction: '"high-net-worth"', below: 'false', started: 'true', belowMinimum: 'true' }],
  ['tn89.cl12.first-subscription-below-scheme-minimum', { restriction: '"institutional"', entry: '"institutional"', started: 'true', belowMinimum: 'true' }],
  ['tn89.cl12.first-subscription-below-scheme-minimum', { restriction: '"institutional-or-ultra-high-net-worth"', entry: 'in ["institutional", "ultra-high-net-worth"]', started: 'true', belowMinimum: 'true' }],
  ['tn89.cl12.first-subscription-below-scheme-minimum', { restriction: `not in [${NON_RETAIL_CLASS}, "institutional", "institutional-or-ultra-high-net-worth"]`, started: 'true', belowMinimum: 'true' }],
  ['tn89.cl12.holder-category-at-entry-unknown', { restriction: '"non-retail"', entry: 'null', started: 'true' }],
  ['tn89.cl12.holder-category-at-entry-unknown', { restriction: '"non-retail-or-high-net-worth"', entry: 'null', started: 'true', below: 'true' }],
  ['tn89.cl12.b-fund-holder-below-threshold-category-unknown', { restriction: '"high-net-worth"', entry: 'null', started: 'true', below: 'true' }],
  ['tn89.cl12.holder-category-at-entry-unknown', { restriction: '"institutional-or-ultra-high-net-worth"', entry: 'null', xInForce: 'true' }],
  ['tn89.cl12.holder-category-at-entry-unknown', { type: '"N"', entry: 'null', category: '"institutional"' }],
  ['tn89.cl12.holder-category-at-entry-unknown', { restriction: '"institutional"', entry: 'null', category: '"institutional"' }],
  ['tn89.cl12.holder-outside-non-retail-fund-class', { restriction: `in [${NON_RETAIL_CLASS}]`, started: 'true', below: 'true', entry: '"retail"' }],
  ['tn89.cl12.holder-outside-scheme-restriction', { restriction: '"non-retail"', started: 'true', entry: '"retail"', below: 'false' }],
  ['tn89.cl12.holder-outside-scheme-restriction', { restriction: '"high-net-worth"', started: 'true', entry: KNOWN_RETAIL, below: 'true' }],
  ['tn89.cl12.x-fund-holder-not-institutional-or-uhnw', { restriction: '"institutional-or-ultra-high-net-worth"', entry: '$ != null and not ($ in ["institutional", "ultra-high-net-worth"])' }],
  ['tn89.cl16.first-subscription-before-commencement', { restriction: `in [${NON_RETAIL_CLASS}]`, started: 'false' }],
  ['tn89.cl16.first-subscription-before-commencement', { hasMinimum: 'true', started: 'false' }],
  ['tn89.cl5.thai-domiciled-holder-defeats-foreign-exception', { allNonDomiciled: 'true', domicile: '"TH"' }],
];

/** The JSON Decision Model: input → decision table (collect, looping over `rows`) → output. */
export function zenDecisionModel(): object {
  const at = { x: 0, y: 0 };
  return {
    nodes: [
      { id: 'request', type: 'inputNode', name: 'request', position: at },
      {
        id: 'unitholder-rules',
        type: 'decisionTableNode',
        name: 'TorNor. 89/2558 unitholder rules',
        position: at,
        content: {
          hitPolicy: 'collect',
          executionMode: 'loop',
          inputField: 'rows',
          outputPath: 'found',
          inputs: INPUTS,
          outputs: [{ id: 'rule', name: 'rule', field: 'rule' }],
          // Every rule applies to mutual funds only; an empty cell matches anything.
          rules: ROWS.map(([rule, cells], i) => ({ _id: `r${i}`, ...Object.fromEntries(INPUTS.map(({ id }) => [id, id === 'kind' ? '"mutual"' : (cells[id] ?? '')])), rule: JSON.stringify(rule) })),
        },
      },
      { id: 'response', type: 'outputNode', name: 'response', position: at },
    ],
    edges: [
      { id: 'e1', sourceId: 'request', targetId: 'unitholder-rules', type: 'edge' },
      { id: 'e2', sourceId: 'unitholder-rules', targetId: 'response', type: 'edge' },
    ],
  };
}

/**
 * A row as the table reads it: the fund's facts and the holder's, flat,
 * amounts as decimal strings. `hnw` is the high-net-worth threshold in force
 * on the first subscription's date (null before the notice); `commencement`
 * the notice's commencement date.
 */
export function zenRow(fund: FundView, holder: HolderView, hnw: string | null, commencement: string, asOf: string): Record<string, unknown> {
  return {
    kind: fund.kind,
    type: fund.declaredType,
    restriction: fund.scheme.investorRestriction,
    minimum: fund.scheme.minimumFirstSubscription,
    allNonDomiciled: fund.offering.allUnitsToNonDomiciled,
    asOf,
    commencement,
    hnw,
    category: holder.category,
    entry: holder.categoryAtFirstSubscription,
    domicile: holder.domicile,
    orderKnown: holder.firstSubscription.orderKnown,
    date: holder.firstSubscription.date,
    amount: holder.firstSubscription.amount,
    withoutProspectus: holder.subscriptionsWithoutProspectus,
  };
}

export interface ZenRunner {
  /** The rules found in each row, counted by rule; rows are evaluated `batch` at a time. */
  run(rows: readonly Record<string, unknown>[], batch?: number): Promise<Map<string, number>>;
}

/** The decision, ready to evaluate; or why zen-engine cannot run here (not installed, no binary for this platform). */
export async function loadZen(): Promise<{ ok: true; zen: ZenRunner; version: string } | { ok: false; reason: string }> {
  let module: typeof import('@gorules/zen-engine');
  try {
    module = await import('@gorules/zen-engine');
  } catch (error) {
    return { ok: false, reason: `@gorules/zen-engine cannot be loaded: ${(error as Error).message.split('\n')[0]}` };
  }
  const { createRequire } = await import('node:module');
  const version = (createRequire(import.meta.url)('@gorules/zen-engine/package.json') as { version: string }).version;
  const engine = new module.ZenEngine();
  const decision = engine.createDecision(zenDecisionModel());
  return {
    ok: true,
    version,
    zen: {
      async run(rows, batch = 10_000) {
        const found = new Map<string, number>();
        for (let at = 0; at < rows.length; at += batch) {
          const { result } = await decision.evaluate({ rows: rows.slice(at, at + batch) });
          // A rule found by several of its rows is found once.
          for (const matches of (result as { found: { rule: string }[][] }).found) for (const rule of new Set(matches.map((m) => m.rule))) found.set(rule, (found.get(rule) ?? 0) + 1);
        }
        return found;
      },
    },
  };
}
