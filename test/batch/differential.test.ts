/**
 * The compiled evaluator against json-rules-engine, the reference
 * interpreter: the same reports — outcomes, evidence, deciding conditions in
 * the order json-rules-engine evaluated them, findings, counts — on every
 * fixture and on generated inputs with amounts and dates on the legal
 * boundaries; the same errors where evaluation fails.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readInputFile } from '../../src/cli/read-inputs.js';
import { evaluate } from '../../src/index.js';
import { asOfArb, inputArb } from './arbitraries.js';

type Outcome = { report: unknown } | { error: { name: string; message: string } };

async function outcome(run: () => Promise<unknown>): Promise<Outcome> {
  try {
    return { report: await run() };
  } catch (error) {
    return { error: { name: (error as Error).name, message: (error as Error).message } };
  }
}

const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures', 'funds');
const FIXTURE_DATES = ['2015-12-31', '2016-01-16', '2017-01-16', '2020-06-30', '2021-01-29', '2024-06-30', '2024-12-31'];

describe('the compiled runner (the default, through the evaluation session) gives the reports json-rules-engine gives', () => {
  const fixtures = readdirSync(FIXTURES).filter((name) => /\.(ya?ml|json)$/.test(name)).sort();

  it('on every fixture, at dates around the boundaries', async () => {
    expect(fixtures.length).toBeGreaterThan(0);
    let reports = 0;
    for (const name of fixtures) {
      const { input, error } = readInputFile(join(FIXTURES, name));
      expect(error, name).toBeUndefined();
      for (const asOf of FIXTURE_DATES) {
        const reference = await outcome(() => evaluate(input, { asOf, runner: 'json-rules-engine' }));
        const compiled = await outcome(() => evaluate(input, { asOf }));
        expect(compiled, `${name} as of ${asOf}`).toStrictEqual(reference);
        if ('report' in reference) reports++;
      }
    }
    // Most fixture dates give reports (some inputs are refused before the notice, e.g. profiles reviewed later).
    expect(reports).toBeGreaterThan(fixtures.length * 3);
  });

  it('on 1,000 generated inputs with boundary amounts and dates', async () => {
    let findings = 0;
    await fc.assert(
      fc.asyncProperty(inputArb, asOfArb, async (input, asOf) => {
        const reference = await outcome(() => evaluate(input, { asOf, runner: 'json-rules-engine' }));
        const compiled = await outcome(() => evaluate(input, { asOf }));
        expect(compiled).toStrictEqual(reference);
        if ('report' in reference) findings += (reference.report as { findings: unknown[] }).findings.length;
      }),
      { numRuns: 1_000 },
    );
    // The generated inputs do break rules (the property is not vacuous).
    expect(findings).toBeGreaterThan(1_000);
  }, 180_000);
});
