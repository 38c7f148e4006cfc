import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { annotation, escapeData, escapeProperty } from '../../src/cli/formats/github.js';
import { cli, workspace } from './helpers/cli.js';
import { HNW_MINIMUM_LINE, hnwScheme, inputJson } from './helpers/schemes.js';

const AS_OF = ['--as-of', '2024-06-30'];

/** Parse one workflow command line the way the Actions runner does. */
function parseAnnotation(line: string): { level: string; props: Record<string, string>; message: string } {
  const match = /^::(error|warning|notice) ([^:]*)::(.*)$/.exec(line);
  if (!match) throw new Error(`not a workflow command: ${line}`);
  const unescape = (s: string) => s.replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
  const props = Object.fromEntries(match[2]!.split(',').map((kv) => [kv.slice(0, kv.indexOf('=')), unescape(kv.slice(kv.indexOf('=') + 1))]));
  return { level: match[1]!, props, message: unescape(match[3]!) };
}

describe('check --format github', () => {
  it('writes an ::error annotation at the file, line and column, titled with the rule and clause', async () => {
    const dir = workspace({ 'schemes/fund.yaml': hnwScheme('100000'), 'schemes/sub/broken.yaml': 'id: [\n' });
    const r = await cli(['check', 'schemes', ...AS_OF, '--format', 'github'], { cwd: dir });
    expect(r.code).toBe(2);
    const lines = r.out.trimEnd().split('\n');
    const parsed = lines.map(parseAnnotation);
    const finding = parsed.find((a) => a.props['file'] === 'schemes/fund.yaml')!;
    expect(finding.level).toBe('error');
    expect(finding.props['line']).toBe(String(HNW_MINIMUM_LINE));
    expect(finding.props['col']).toBe('3');
    expect(finding.props['title']).toBe('tn89.cl1.hnw-scheme-minimum-below-threshold (TorNor. 89/2558 cl. 1 definition of "high-net-worth investor")');
    expect(finding.message).toContain('THB 100,000.00, below THB 500,000.00');
    const broken = parsed.find((a) => a.props['file'] === 'schemes/sub/broken.yaml')!;
    expect(broken.level).toBe('error');
    expect(broken.props['title']).toBe('input problem');
    expect(broken.message).toMatch(/^invalid YAML/);
    // Nothing but workflow commands on stdout: the runner would print anything else as is.
    expect(lines.every((l) => l.startsWith('::'))).toBe(true);
  });

  it('makes a finding below --fail-on a warning, and leaves it out with --quiet', async () => {
    const dir = workspace({ 'fund.yaml': hnwScheme('100000') });
    const r = await cli(['check', 'fund.yaml', ...AS_OF, '--format', 'github', '--fail-on', 'revocation-ground'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(parseAnnotation(r.out.trimEnd()).level).toBe('warning');
    const quiet = await cli(['check', 'fund.yaml', ...AS_OF, '--format', 'github', '--fail-on', 'revocation-ground', '--quiet'], { cwd: dir });
    expect(quiet.out).toBe('');
  });

  it('escapes what would end a property or the message, or forge another command', () => {
    expect(escapeData('50%\nnext::error x')).toBe('50%25%0Anext::error x');
    expect(escapeProperty('a:b,c%\r\n')).toBe('a%3Ab%2Cc%25%0D%0A');
    const line = annotation('error', { file: 'a,b:c.yaml', location: { line: 3, column: 5 }, title: 'r (cl. 1, para 2)' }, 'one\ntwo');
    expect(line).toBe('::error file=a%2Cb%3Ac.yaml,line=3,col=5,title=r (cl. 1%2C para 2)::one%0Atwo');
    expect(line.split('\n')).toHaveLength(1);
    expect(parseAnnotation(line)).toEqual({ level: 'error', props: { file: 'a,b:c.yaml', line: '3', col: '5', title: 'r (cl. 1, para 2)' }, message: 'one\ntwo' });
  });
});

describe('check - (stdin)', () => {
  it('checks YAML from standard input, named <stdin> or by --stdin-filename', async () => {
    const dir = workspace({});
    const r = await cli(['check', '-', ...AS_OF], { cwd: dir, stdin: hnwScheme('100000') });
    expect(r.code).toBe(1);
    expect(r.out).toContain(`at <stdin>:${HNW_MINIMUM_LINE}:3`);
    const named = await cli(['check', '-', '--stdin-filename', 'schemes/fund.yaml', ...AS_OF, '--format', 'json'], { cwd: dir, stdin: hnwScheme('100000') });
    expect(JSON.parse(named.out).reports[0].file).toBe('schemes/fund.yaml');
  });

  it('checks JSON from standard input and reports a bad one as an input problem (exit 2)', async () => {
    const dir = workspace({});
    expect((await cli(['check', '-', ...AS_OF], { cwd: dir, stdin: inputJson })).code).toBe(1);
    const bad = await cli(['check', '-', ...AS_OF, '--format', 'json'], { cwd: dir, stdin: '{ "funds": [ }' });
    expect(bad.code).toBe(2);
    expect(JSON.parse(bad.out).problems[0]).toMatchObject({ file: '<stdin>' });
    expect(JSON.parse(bad.out).problems[0].message).toMatch(/^invalid JSON/);
  });
});

describe('check: config file', () => {
  const config = 'files: [schemes]\nfailOn: warning\nformat: json\nlang: th\n';

  it('is found from the working directory upward; its files, format, lang and failOn apply; paths are relative to it', async () => {
    const dir = workspace({ 'thai-fund-compliance.config.yaml': config, 'schemes/fund.yaml': hnwScheme('600000'), 'sub/dir/.keep': '' });
    const r = await cli(['check', ...AS_OF], { cwd: join(dir, 'sub/dir') });
    const json = JSON.parse(r.out);
    expect(json.failOn).toBe('warning');
    expect(json.reports.map((x: { file: string }) => x.file)).toEqual(['../../schemes/fund.yaml']);
  });

  it('loses to the flags given on the command line', async () => {
    const dir = workspace({ 'thai-fund-compliance.config.yaml': config, 'schemes/fund.yaml': hnwScheme('100000') });
    const r = await cli(['check', 'schemes', ...AS_OF, '--format', 'text', '--lang', 'en', '--fail-on', 'revocation-ground'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.out).toContain('1 file checked: violation 1; at or above --fail-on revocation-ground: 0');
  });

  it('may be a "thai-fund-compliance" key of package.json, or a JSON file', async () => {
    const pkg = JSON.stringify({ name: 'x', 'thai-fund-compliance': { files: ['schemes'], format: 'sarif', output: 'out/x.sarif' } }, null, 2);
    const dir = workspace({ 'package.json': pkg, 'schemes/fund.yaml': hnwScheme('100000') });
    const r = await cli(['check', ...AS_OF], { cwd: dir });
    expect(r.code).toBe(1);
    expect(JSON.parse(readFileSync(join(dir, 'out/x.sarif'), 'utf8')).version).toBe('2.1.0');
    const json = workspace({ 'thai-fund-compliance.config.json': JSON.stringify({ $schema: './node_modules/x.json', failOn: 'info' }), 'fund.yaml': hnwScheme('500000') });
    expect((await cli(['check', 'fund.yaml', ...AS_OF, '--format', 'json'], { cwd: json })).out).toContain('"failOn": "info"');
  });

  it('refuses an unknown setting at its line with a did-you-mean, and a bad value, exit 2', async () => {
    const dir = workspace({ 'thai-fund-compliance.config.yaml': 'files: [a]\nfailon: warning\nformat: pdf\n', 'fund.yaml': hnwScheme('500000') });
    const r = await cli(['check', 'fund.yaml', ...AS_OF], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.err).toContain('thai-fund-compliance.config.yaml:2:1: failon: unknown setting; did you mean "failOn"?');
    expect(r.err).toContain('thai-fund-compliance.config.yaml:3:1: format: expected one of "text", "json", "sarif", "junit", "html", "github"');
  });

  it('exits 2 with a usage message when there is nothing to check', async () => {
    const r = await cli(['check', ...AS_OF], { cwd: workspace({}) });
    expect(r.code).toBe(2);
    expect(r.err).toContain('error: no files to check');
  });
});

describe('check --quiet', () => {
  it('prints nothing on a clean run, and only the failing findings otherwise', async () => {
    const dir = workspace({ 'ok.yaml': hnwScheme('500000', 'M0001_2560'), 'bad.yaml': hnwScheme('100000', 'M0002_2560') });
    expect((await cli(['check', 'ok.yaml', ...AS_OF, '--quiet'], { cwd: dir })).out).toBe('');
    const r = await cli(['check', '.', ...AS_OF, '--quiet'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.out).toContain('at bad.yaml:');
    expect(r.out).not.toContain('ok.yaml');
    const written = await cli(['check', '.', ...AS_OF, '--quiet', '--output', 'r.txt'], { cwd: dir });
    expect(written.out).toBe('');
    expect(readFileSync(join(dir, 'r.txt'), 'utf8')).toContain('at bad.yaml:');
  });
});

describe('package hygiene seen from check', () => {
  it('accepts a "$schema" key in a JSON scheme (single fund or whole input)', async () => {
    const fund = { $schema: './node_modules/thai-fund-compliance/schemas/fund.schema.json', ...JSON.parse(JSON.stringify((await import('yaml')).parse(hnwScheme('500000')))) };
    const input = { $schema: './node_modules/thai-fund-compliance/schemas/input.schema.json', ...JSON.parse(inputJson) };
    const dir = workspace({ 'fund.json': JSON.stringify(fund, null, 2), 'input.json': JSON.stringify(input, null, 2) });
    const r = await cli(['check', 'fund.json', 'input.json', ...AS_OF, '--format', 'json'], { cwd: dir });
    expect(JSON.parse(r.out).problems).toEqual([]);
    expect(JSON.parse(r.out).reports).toHaveLength(2);
  });

  it('ships JSON Schemas whose $id resolves to the file itself inside the package', async () => {
    const { readdirSync } = await import('node:fs');
    const dir = join(__dirname, '../../schemas');
    for (const name of readdirSync(dir)) {
      const schema = JSON.parse(readFileSync(join(dir, name), 'utf8'));
      expect(new URL(schema.$id, `file://${dir}/${name}`).href).toBe(`file://${dir}/${name}`);
    }
  });

  it('has a LICENSE in the package and no README link to a file outside it', async () => {
    const root = join(__dirname, '../..');
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { files: string[]; license: string; dependencies: Record<string, string> };
    expect(pkg.files).toContain('LICENSE');
    expect(readFileSync(join(root, 'LICENSE'), 'utf8')).toMatch(/^MIT License/);
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const relative = [...readme.matchAll(/\]\((?!https?:|#)([^)]+)\)/g)].map((m) => m[1]!);
    for (const link of relative) expect(pkg.files.some((f) => link === f || link.startsWith(`${f}/`)), link).toBe(true);
    expect(Object.keys(pkg.dependencies)).not.toContain('date-fns');
  });
});
