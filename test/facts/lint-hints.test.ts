/**
 * `pack lint` words its fixes for facts from the vocabulary: the nearest fact
 * or field to a misspelt one, and the facts a rule of the subject may read.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintPack } from '../../src/packs/lint.js';

const EXAMPLE = resolve(import.meta.dirname, '..', '..', 'examples', 'house-policy');
const RULE = join('rules', 'retail-fund-foreign-holder-enhanced-kyc.yaml');

/** The example house pack with its rule edited. */
function packWith(edit: (rule: string) => string): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'lint-hints-')), 'house-policy');
  cpSync(EXAMPLE, dir, { recursive: true });
  const file = join(dir, RULE);
  const before = readFileSync(file, 'utf8');
  const after = edit(before);
  expect(after).not.toBe(before);
  writeFileSync(file, after);
  return dir;
}

const errors = (dir: string) => lintPack(dir).filter((i) => i.severity === 'error');

describe('lint fixes for facts come from the vocabulary', () => {
  it('a misspelt fact: the nearest fact, then the general fix', () => {
    const [issue, ...rest] = errors(packWith((t) => t.replace('- { fact: unitholder, path: $.assessedOn, operator: equal, value: null }', '- { fact: unitholdr, path: $.assessedOn, operator: equal, value: null }')));
    expect(rest).toEqual([]);
    expect(issue!.message).toMatch(/^unknown fact "unitholdr"/);
    expect(issue!.hint).toMatch(/^did you mean the fact "unitholder"\? Otherwise: use a fact listed in rules\/README\.md/);
  });

  it('a misspelt field one level down: the nearest field of that object', () => {
    const [issue] = errors(packWith((t) => t.replace('- { name: firstSubscriptionDate, fact: unitholder, path: $.firstSubscription.date, type: date }', '- { name: firstSubscriptionDate, fact: unitholder, path: $.firstSubscription.dte, type: date }')));
    expect(issue!.message).toBe('"unitholder.firstSubscription" has no field "dte"; fields: date, amount, orderKnown');
    expect(issue!.hint).toMatch(/^did you mean "date"\?/);
  });

  it('a fact of another subject: the facts a rule of this subject reads', () => {
    const [issue] = errors(packWith((t) => t.replace('- { name: domicile, fact: unitholder, path: $.domicile, type: text }', '- { name: domicile, fact: period, path: $.standard, type: text }')));
    expect(issue!.message).toBe('the fact "period" is not available for rules whose subject is unitholder');
    expect(issue!.hint).toBe('a unitholder rule reads "fund", "asOf", "param", "lookup", "unitholder"; "period" is read by rules whose subject is accounting-period');
  });
});
