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
import { HANDWRITTEN_RULES } from './bench-handwritten.js';

type RuleId = (typeof HANDWRITTEN_RULES)[number];

interface FundView {
  kind: string;
  declaredType: string | null;
  scheme: { investorRestriction: string; minimumFirstSubscription: string | null };
}

interface HolderView {
  category: string;
  firstSubscription: { amount: string };
  subscriptionsWithoutProspectus: number;
}

/** The decision table's columns: an expression over one row, and the id a rule's cell is keyed by. */
const INPUTS = [
  { id: 'kind', name: 'fund kind', field: 'kind' },
  { id: 'type', name: 'declared type', field: 'type' },
  { id: 'restriction', name: 'investor restriction', field: 'restriction' },
  { id: 'category', name: 'investor category', field: 'category' },
  { id: 'amount', name: 'first subscription', field: 'number(amount)' },
  { id: 'withoutProspectus', name: 'subscriptions without prospectus', field: 'withoutProspectus' },
  { id: 'belowMinimum', name: 'below the scheme minimum', field: 'minimum != null and number(amount) < number(minimum)' },
] as const;

type Cells = Partial<Record<(typeof INPUTS)[number]['id'], string>>;

/** One table row per way a rule is found (a rule found two ways has two rows that cannot both match). */
const ROWS: [RuleId, Cells][] = [
  ['tn89.cl1.a-fund-holder-not-non-retail', { type: '"A"', category: '"retail"' }],
  ['tn89.cl1.b-fund-holder-first-subscription-below-threshold', { type: '"B"', amount: '< number(hnw)' }],
  ['tn89.cl1.h-fund-holder-not-eligible', { type: '"H"', category: '"retail"', amount: '< number(hnw)' }],
  ['tn89.cl1.x-fund-holder-not-institutional-or-uhnw', { type: '"X"', category: 'not in ["institutional", "ultra-high-net-worth"]' }],
  ['tn89.cl11.institutional-fund-non-institutional-holder', { type: '"N"', category: '!= "institutional"' }],
  ['tn89.cl11.retail-units-sold-without-prospectus-rules', { type: '"R"', withoutProspectus: '> 0' }],
  ['tn89.cl12.first-subscription-below-scheme-minimum', { restriction: '!= "non-retail-or-high-net-worth"', belowMinimum: 'true' }],
  ['tn89.cl12.first-subscription-below-scheme-minimum', { restriction: '"non-retail-or-high-net-worth"', category: '"retail"', belowMinimum: 'true' }],
  ['tn89.cl12.holder-outside-scheme-investors', { restriction: '"non-retail"', category: 'not in ["institutional", "ultra-high-net-worth", "high-net-worth"]' }],
  ['tn89.cl12.holder-outside-scheme-investors', { restriction: '"institutional"', category: '!= "institutional"' }],
  ['tn89.cl12.holder-outside-scheme-investors', { restriction: '"institutional-or-ultra-high-net-worth"', category: 'not in ["institutional", "ultra-high-net-worth"]' }],
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

/** A row as the table reads it: the fund's facts and the holder's, flat, amounts as decimal strings. */
export function zenRow(fund: FundView, holder: HolderView, hnw: string): Record<string, unknown> {
  return {
    kind: fund.kind,
    type: fund.declaredType,
    restriction: fund.scheme.investorRestriction,
    minimum: fund.scheme.minimumFirstSubscription,
    hnw,
    category: holder.category,
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
          for (const matches of (result as { found: { rule: string }[][] }).found) for (const { rule } of matches) found.set(rule, (found.get(rule) ?? 0) + 1);
        }
        return found;
      },
    },
  };
}
