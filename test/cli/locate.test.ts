import { describe, expect, it } from 'vitest';
import { documentShape, parsePointer, toDocumentPath } from '../../src/cli/locate.js';
import { readInputFile } from '../../src/cli/read-inputs.js';
import { workspace } from './helpers/cli.js';
import { fundList, HNW_MINIMUM_LINE, hnwScheme, inputJson } from './helpers/schemes.js';

function sourceOf(name: string, text: string) {
  const read = readInputFile(name, workspace({ [name]: text }));
  if (!read.source) throw new Error(`no source map for ${name}: ${read.error?.message}`);
  return read.source;
}

describe('input pointers', () => {
  it('parses a pointer into a path', () => {
    expect(parsePointer('funds[0].unitholders[12].subscriptions[0].amount')).toEqual(['funds', 0, 'unitholders', 12, 'subscriptions', 0, 'amount']);
    expect(parsePointer('(root)')).toEqual([]);
  });

  it('knows what a file holds: one fund, a list of funds, or a whole input', () => {
    expect(documentShape({ id: 'x' })).toBe('single-fund');
    expect(documentShape([{ id: 'x' }])).toBe('fund-list');
    expect(documentShape({ funds: [] })).toBe('input');
    expect(documentShape({ investors: [] })).toBe('input');
  });

  it('maps a path of the normalised input to the path in the file', () => {
    expect(toDocumentPath(['funds', 0, 'scheme'], 'single-fund')).toEqual(['scheme']);
    expect(toDocumentPath(['funds', 2, 'id'], 'fund-list')).toEqual([2, 'id']);
    expect(toDocumentPath(['funds', 2, 'id'], 'input')).toEqual(['funds', 2, 'id']);
    expect(toDocumentPath(['investors', 0, 'category'], 'single-fund')).toEqual([]);
  });
});

describe('locating a field in its file', () => {
  it('finds a field of a single-fund YAML file at its key, with the value in the region', () => {
    const located = sourceOf('fund.yaml', hnwScheme('100000')).locatePointer('funds[0].scheme.minimumFirstSubscription');
    expect(located).toEqual({ location: { line: HNW_MINIMUM_LINE, column: 3, endLine: HNW_MINIMUM_LINE, endColumn: 37 }, exact: true });
  });

  it('finds item i of a bare list for funds[i]', () => {
    const source = sourceOf('funds.yaml', fundList);
    expect(source.locatePointer('funds[1]').location).toEqual({ line: 9, column: 3 });
    expect(source.locatePointer('funds[1].declaredType').location.line).toBe(16);
  });

  it('finds a field of a JSON file (JSON is YAML), inside flow and block collections', () => {
    const source = sourceOf('input.json', inputJson);
    expect(source.locatePointer('funds[0].unitholders[1].subscriptions[0].amount').location).toMatchObject({ line: 24, column: 15 });
    expect(source.locatePointer('funds[0].unitholders[1].subscriptions[1].amount').location).toMatchObject({ line: 26, column: 37 });
    expect(source.locatePointer('investors[1].category').location).toMatchObject({ line: 34, column: 41 });
  });

  it('falls back to the nearest field that exists, and says it is not exact', () => {
    const source = sourceOf('fund.yaml', hnwScheme('100000'));
    expect(source.locatePointer('funds[0].scheme.accountingStandard')).toEqual({ location: { line: 8, column: 1, endLine: 8, endColumn: 7 }, exact: false });
    expect(source.locatePointer('investors[0].category')).toEqual({ location: { line: 2, column: 1 }, exact: false });
  });

  it('follows a YAML alias to the anchored value', () => {
    const yaml = 'id: x\nauditor: &a\n  name: Somchai\n  secApproved: false\nother: *a\n';
    const source = sourceOf('fund.yaml', yaml);
    expect(source.locatePointer('funds[0].other').location.line).toBe(5);
    expect(source.locatePointer('funds[0].other.secApproved').location.line).toBe(4);
  });

  it('counts columns in UTF-16 code units, as SARIF does: a Thai vowel mark is one, an emoji two', () => {
    const source = sourceOf('fund.yaml', 'names: { th: กองทุน, en: Fund }\n');
    expect(source.locatePointer('funds[0].names.en').location).toMatchObject({ line: 1, column: 22 });
    expect(sourceOf('f.yaml', 'a: { b: "😀", c: 1 }\n').locate(['funds', 0, 'a', 'c']).location).toMatchObject({ line: 1, column: 15 });
  });
});
