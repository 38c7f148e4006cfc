// Property tests of the public entry point: whatever it is given, `evaluate`
// answers with a report or a ComplianceInputError — never another exception;
// the same input gives the same report, the input is never mutated, and the
// findings do not depend on the order of unitholders, investors, funds or rules.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ComplianceInputError, evaluate, loadPackFromObject, safeEvaluate, tn89Pack, type EvaluateOptions, type EvaluationInputData, type LoadedPack, type Report } from '../../src/index.js';
import { asOfArb, fundArb, inputArb, investorArb } from '../batch/arbitraries.js';
import { validInput } from './helpers.js';

const AS_OF = '2024-06-30';

/** Every issue names a field and says what is wrong, briefly. */
function expectWellFormed(error: unknown): void {
  if (!(error instanceof ComplianceInputError)) throw error;
  expect(error.issues.length).toBeGreaterThan(0);
  for (const issue of error.issues) {
    expect(typeof issue.pointer).toBe('string');
    expect(Array.isArray(issue.path)).toBe(true);
    expect(typeof issue.message).toBe('string');
    expect(issue.message.length).toBeGreaterThan(0);
    expect(issue.message.length).toBeLessThanOrEqual(2_000);
  }
}

async function reportOrInputError(input: unknown, asOf = AS_OF): Promise<'report' | 'input-error'> {
  try {
    const report = await evaluate(input, { asOf });
    expect(report.summary.rules).toBe(report.rules.length);
    return 'report';
  } catch (error) {
    expectWellFormed(error);
    return 'input-error';
  }
}

// ---------------------------------------------------------------------------
// Inputs: any JSON value, any JS value, and valid inputs with parts replaced.

type Path = (string | number)[];

function pathsOf(value: unknown, path: Path = [], out: Path[] = []): Path[] {
  out.push(path);
  if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) pathsOf(child, [...path, Array.isArray(value) ? Number(key) : key], out);
  }
  return out;
}

function replaced(value: unknown, path: Path, by: unknown): unknown {
  if (path.length === 0) return by;
  const copy = structuredClone(value) as Record<string | number, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[path[path.length - 1]!] = by;
  return copy;
}

/** Values a field might wrongly hold: near-miss money and dates, wrong kinds, huge and odd numbers. */
const nearMiss = fc.oneof(
  fc.constantFrom<unknown>('-1', '0', '1e5', '500000.001', '499,999.99', 'NaN', 'Infinity', '2559-01-16', 'BE 2559-01-16', '2016-02-30', '2016-02-29', '', ' ', '__proto__', 'constructor', 'R', 'mutual', 'TH'),
  fc.constantFrom<unknown>(NaN, Infinity, -Infinity, -0, 0.1, 2 ** 53, -1, 1e308, null, true, [], {}),
  fc.jsonValue({ maxDepth: 2 }),
);

const mutatedInput = fc
  .tuple(inputArb, fc.array(fc.tuple(fc.nat(), nearMiss), { minLength: 1, maxLength: 3 }))
  .map(([input, changes]) => {
    let value: unknown = input;
    for (const [pick, by] of changes) {
      const paths = pathsOf(value);
      value = replaced(value, paths[pick % paths.length]!, by);
    }
    return value;
  });

describe('any input gives a report or a ComplianceInputError, never another exception', () => {
  it('any JSON value', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), async (input) => {
        await reportOrInputError(input);
      }),
      { numRuns: 1000 },
    );
  });

  it('any JavaScript value (boxed values, Maps, Sets, Dates, typed and sparse arrays, null prototypes, bigints, symbols)', async () => {
    const anything = fc.anything({
      withBoxedValues: true,
      withMap: true,
      withSet: true,
      withObjectString: true,
      withNullPrototype: true,
      withBigInt: true,
      withDate: true,
      withTypedArray: true,
      withSparseArray: true,
    });
    await fc.assert(
      fc.asyncProperty(fc.oneof(anything, fc.record({ funds: fc.array(anything, { maxLength: 2 }), investors: anything })), async (input) => {
        await reportOrInputError(input);
      }),
      { numRuns: 1000 },
    );
  });

  it('valid inputs with up to three parts replaced by near misses and stray values', async () => {
    let reports = 0;
    await fc.assert(
      fc.asyncProperty(mutatedInput, asOfArb, async (input, asOf) => {
        if ((await reportOrInputError(input, asOf)) === 'report') reports += 1;
      }),
      { numRuns: 1500 },
    );
    // The mutations are not all fatal: some replaced values are still valid.
    expect(reports).toBeGreaterThan(0);
  });

  it('safeEvaluate never throws for bad input: { ok: false, issues }', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.jsonValue({ maxDepth: 3 }), mutatedInput), async (input) => {
        const result = await safeEvaluate(input, { asOf: AS_OF });
        if (!result.ok) expect(result.issues.length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });

  it('a bad as-of date is a ComplianceInputError naming asOf', async () => {
    for (const asOf of ['2559-06-30', '2024-02-30', '30/06/2024', '', 'x'.repeat(1_000_000), null, 20240630, undefined]) {
      const error = await evaluate(validInput(), { asOf: asOf as string }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ComplianceInputError);
      expect((error as ComplianceInputError).issues[0]!.pointer).toBe('asOf');
    }
  });
});

// ---------------------------------------------------------------------------
// Determinism and order independence.

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/** A deterministic shuffle (the seed comes from fast-check, so a failure replays). */
function shuffle<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let state = seed >>> 0 || 1;
  for (let i = out.length - 1; i > 0; i--) {
    state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

type InputShape = { funds: { id: string; unitholders?: { investorId: string }[] }[]; investors?: { id: string }[] };

/**
 * The report with every input pointer rewritten from indexes to ids
 * (`funds[1].unitholders[0]` → `funds[F2].unitholders[I3]`), findings as a
 * sorted multiset, and rule and fund accounts keyed by id.
 */
function canonical(outcome: Report | ComplianceInputError, input: InputShape) {
  const fundIds = input.funds.map((f) => f.id);
  const holderIds = input.funds.map((f) => (f.unitholders ?? []).map((h) => h.investorId));
  const investorIds = (input.investors ?? []).map((i) => i.id);
  const byId = (pointer: string) =>
    pointer
      .replace(/^funds\[(\d+)\](\.unitholders\[(\d+)\])?/, (_, f: string, holder: string | undefined, h: string | undefined) => `funds[${fundIds[Number(f)]}]${holder ? `.unitholders[${holderIds[Number(f)]![Number(h)]}]` : ''}`)
      .replace(/^investors\[(\d+)\]/, (_, i: string) => `investors[${investorIds[Number(i)]}]`);
  if (outcome instanceof ComplianceInputError) return { issues: outcome.issues.map((i) => `${byId(i.pointer)}: ${i.message}`).sort() };
  const report = outcome;
  const findings = report.findings
    .map((f) =>
      JSON.stringify({
        ...f,
        subject: { ...f.subject, pointer: byId(f.subject.pointer) },
        fields: f.fields.map(byId),
        ...(f.waiver ? { waiver: { ...f.waiver, pointer: byId(f.waiver.pointer) } } : {}),
        ...(f.waiversNotApplied ? { waiversNotApplied: f.waiversNotApplied.map((w) => ({ ...w, pointer: byId(w.pointer) })) } : {}),
      }),
    )
    .sort();
  const rules = Object.fromEntries(report.rules.map((r) => [r.ruleId, r]));
  const funds = Object.fromEntries(report.funds.map((f) => [f.fundId, { ...f, notYetHolding: [...f.notYetHolding].sort() }]));
  return { findings, rules, funds, summary: report.summary, status: report.status, notices: report.notices };
}

/** One to four funds, each with its own mix of unitholders, over six investors. */
const multiFundInput: fc.Arbitrary<EvaluationInputData> = fc
  .tuple(fc.integer({ min: 1, max: 4 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => fundArb(`F${i + 1}`)))), fc.tuple(...['I1', 'I2', 'I3', 'I4', 'I5', 'I6'].map((id) => investorArb(id))))
  .map(([funds, investors]) => ({ funds, investors }));

let shuffledPackCache: Map<number, LoadedPack> | undefined;
/** The built-in pack with its rules in another order. */
function packWithRulesShuffled(seed: number): LoadedPack {
  shuffledPackCache ??= new Map();
  let pack = shuffledPackCache.get(seed);
  if (!pack) {
    const { source, ...data } = tn89Pack();
    pack = loadPackFromObject(structuredClone({ ...data, rules: shuffle(data.rules, seed) }), `${source} (rules shuffled)`);
    shuffledPackCache.set(seed, pack);
  }
  return pack;
}

/** The report, or the ComplianceInputError (generated inputs may be invalid, e.g. a KYC review after the as-of date). */
async function outcomeOf(input: unknown, options: EvaluateOptions): Promise<Report | ComplianceInputError> {
  try {
    return await evaluate(input, options);
  } catch (error) {
    if (error instanceof ComplianceInputError) return error;
    throw error;
  }
}

describe('evaluation is deterministic and independent of order', () => {
  it('the same input gives the same report, and a frozen input is never written to', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(inputArb, multiFundInput), asOfArb, async (input, asOf) => {
        const before = JSON.stringify(input);
        const first = await outcomeOf(deepFreeze(input), { asOf });
        const second = await outcomeOf(input, { asOf });
        expect(JSON.stringify(input)).toBe(before);
        expect(second).toEqual(first);
      }),
      { numRuns: 150 },
    );
  });

  it('the order of unitholders, investors, funds and rules does not change the findings', async () => {
    let withFindings = 0;
    await fc.assert(
      fc.asyncProperty(multiFundInput, asOfArb, fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.integer({ min: 0, max: 3 }), async (input, asOf, seed, packChoice) => {
        const permuted: EvaluationInputData = {
          funds: shuffle(input.funds, seed).map((fund, i) => ({ ...fund, unitholders: shuffle(fund.unitholders ?? [], seed + i + 1) })),
          investors: shuffle(input.investors ?? [], seed + 97),
        };
        const packs = packChoice === 0 ? [tn89Pack()] : [packWithRulesShuffled(packChoice)];
        const original = await outcomeOf(input, { asOf });
        const reordered = await outcomeOf(permuted, { asOf, packs });
        if (!(original instanceof ComplianceInputError) && original.findings.length > 0) withFindings += 1;
        expect(canonical(reordered, permuted as InputShape)).toEqual(canonical(original, input as InputShape));
      }),
      { numRuns: 250 },
    );
    expect(withFindings).toBeGreaterThan(10);
  });
});
