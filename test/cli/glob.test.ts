import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expandArguments, globFiles, isGlob, segmentToRegExp } from '../../src/cli/glob.js';
import { workspace } from './helpers/cli.js';

// Node 20 has no fs.globSync; these pin down the small expander the CLI uses instead.
const tree = () =>
  workspace({
    'schemes/a.yaml': '',
    'schemes/b.yml': '',
    'schemes/c.json': '',
    'schemes/notes.md': '',
    'schemes/.draft.yaml': '',
    'schemes/2024/q1/d.yaml': '',
    'schemes/2024/e.yaml': '',
    'schemes/.git/f.yaml': '',
    'other/g.yaml': '',
  });

describe('glob patterns', () => {
  it('knows a pattern from a path', () => {
    expect(isGlob('schemes/*.yaml')).toBe(true);
    expect(isGlob('schemes/fund?.yaml')).toBe(true);
    expect(isGlob('schemes/fund.yaml')).toBe(false);
  });

  it('matches * and ? within one path segment, and dots literally', () => {
    expect(segmentToRegExp('*.yaml').test('fund.yaml')).toBe(true);
    expect(segmentToRegExp('*.yaml').test('fundxyaml')).toBe(false);
    expect(segmentToRegExp('fund?.json').test('fund1.json')).toBe(true);
    expect(segmentToRegExp('fund?.json').test('fund12.json')).toBe(false);
    expect(segmentToRegExp('a+b(*)').test('a+b(x)')).toBe(true);
  });

  it('expands * in one directory, sorted, without hidden files', () => {
    const dir = tree();
    expect(globFiles('schemes/*', dir)).toEqual(['schemes/a.yaml', 'schemes/b.yml', 'schemes/c.json', 'schemes/notes.md']);
    expect(globFiles('schemes/.*.yaml', dir)).toEqual(['schemes/.draft.yaml']);
  });

  it('expands ** to any depth, including none, but not into hidden directories', () => {
    const dir = tree();
    expect(globFiles('schemes/**/*.yaml', dir)).toEqual(['schemes/2024/e.yaml', 'schemes/2024/q1/d.yaml', 'schemes/a.yaml']);
    expect(globFiles('**/g.yaml', dir)).toEqual(['other/g.yaml']);
  });

  it('keeps an absolute pattern absolute', () => {
    const dir = tree();
    expect(globFiles(`${dir}/schemes/*.json`, '/')).toEqual([join(dir, 'schemes/c.json')]);
  });

  it('does not follow a link to a directory with ** (no cycles)', () => {
    const dir = tree();
    symlinkSync(join(dir, 'schemes'), join(dir, 'schemes/2024/loop'));
    expect(globFiles('schemes/**/*.yaml', dir)).toEqual(['schemes/2024/e.yaml', 'schemes/2024/q1/d.yaml', 'schemes/a.yaml']);
  });
});

describe('command-line files', () => {
  it('takes files as named, directories as their scheme files (not recursive), patterns as their scheme files', () => {
    const dir = tree();
    expect(expandArguments(['other/g.yaml', 'schemes', 'schemes/**/e.*'], dir, { recursive: false })).toEqual({
      files: ['other/g.yaml', 'schemes/a.yaml', 'schemes/b.yml', 'schemes/c.json', 'schemes/2024/e.yaml'],
      problems: [],
    });
  });

  it('walks a directory recursively by default, skipping hidden directories and node_modules', () => {
    const dir = workspace({
      'schemes/a.yaml': '',
      'schemes/z/deep/er/b.yml': '',
      'schemes/m/c.json': '',
      'schemes/m/notes.txt': '',
      'schemes/.git/d.yaml': '',
      'schemes/.hidden.yaml': '',
      'schemes/node_modules/pkg/e.yaml': '',
    });
    expect(expandArguments(['schemes'], dir)).toEqual({ files: ['schemes/a.yaml', 'schemes/m/c.json', 'schemes/z/deep/er/b.yml'], problems: [] });
  });

  it('names each argument that gives nothing to check', () => {
    const dir = tree();
    expect(expandArguments(['missing.yaml', 'schemes/*.txt', 'schemes/2024/q1/x*'], dir).problems).toEqual([
      { argument: 'missing.yaml', message: 'no such file or directory' },
      { argument: 'schemes/*.txt', message: 'no .yaml, .yml or .json file matches' },
      { argument: 'schemes/2024/q1/x*', message: 'no .yaml, .yml or .json file matches' },
    ]);
    expect(expandArguments(['other/../other'], workspace({ 'other/readme.md': '' })).problems).toEqual([
      { argument: 'other/../other', message: 'no .yaml, .yml or .json files in this directory or below it' },
    ]);
    expect(expandArguments(['other'], workspace({ 'other/readme.md': '', 'other/sub/a.yaml': '' }), { recursive: false }).problems).toEqual([
      { argument: 'other', message: 'no .yaml, .yml or .json files in this directory (--no-recursive)' },
    ]);
  });
});
