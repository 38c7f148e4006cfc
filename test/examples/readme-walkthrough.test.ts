/**
 * rules/README.md specifies the pack format and walks through writing a pack.
 * Every snippet in it must work, so this test reads the README and runs it.
 *
 * Conventions of the README's fenced blocks (also stated at its end):
 * - `title="<path>"` in the info string: a file, written to <path> in a fresh
 *   temporary directory when the walk reaches it.
 * - `console` (optionally `exit=<n>`, default 0): one command after `$ `, then
 *   its expected output. A line `...` stands for any number of lines, and
 *   `...` inside a line for any text. `npx thai-fund-compliance …` runs the
 *   CLI in-process (`main` with `cwd` = the temporary directory);
 *   `npx tsx <file>` runs a TypeScript file written before, in a child
 *   process, with `'thai-fund-compliance'` resolved to this repository's src/.
 * - `yaml` without a title: `kind=<what>`, checked against that zod schema
 *   (and, for rules and conditions, loaded in a pack so facts, operators and
 *   parameters are checked too).
 * - `ts` without a title: every function it calls is an export of the public API.
 * - `text`: prose-like (a directory layout); nothing to run.
 * Any other block is an error, so no snippet goes unchecked.
 *
 * The tables of the README are checked against the code too: facts and fields
 * (FACT_CATALOG), operators and their examples, subject placeholders,
 * citation renderings, evidence formats, and every key of every file schema.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { z } from 'zod';
import * as api from '../../src/index.js';
import * as packsApi from '../../src/subpaths/packs.js';
import { main } from '../../src/cli/main.js';
import { renderCitation } from '../../src/engine/citation.js';
import { FACT_CATALOG } from '../../src/engine/facts.js';
import { OPERATOR_NAMES, operatorFunctions } from '../../src/engine/operators.js';
import { SUBJECT_PLACEHOLDERS } from '../../src/packs/validate.js';

const root = resolve(__dirname, '../..');
const readmePath = join(root, 'rules', 'README.md');
const readme = readFileSync(readmePath, 'utf8');
const tsxCli = join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs');
const srcIndex = pathToFileURL(join(root, 'src', 'index.ts')).href;
const run = promisify(execFile);

interface Block {
  lang: string;
  attrs: Record<string, string>;
  body: string;
  /** 1-based line of the opening fence, for messages. */
  line: number;
}

function parseBlocks(markdown: string): Block[] {
  const lines = markdown.split('\n');
  const blocks: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\S*)(.*)$/.exec(lines[i]!);
    if (!open) continue;
    const start = i;
    const body: string[] = [];
    for (i += 1; i < lines.length && !/^```\s*$/.test(lines[i]!); i++) body.push(lines[i]!);
    if (i >= lines.length) throw new Error(`README.md:${start + 1}: unclosed fence`);
    const attrs: Record<string, string> = {};
    for (const m of open[2]!.matchAll(/(\w+)=(?:"([^"]*)"|(\S+))/g)) attrs[m[1]!] = m[2] ?? m[3]!;
    blocks.push({ lang: open[1]!, attrs, body: `${body.join('\n')}\n`, line: start + 1 });
  }
  return blocks;
}

/** The text of a section: from its heading to the next heading of the same or a higher level. */
function section(heading: string): string {
  const lines = readme.split('\n');
  // A line in a fenced block is never a heading (YAML comments start with "# ").
  let fenced = false;
  const isHeading = lines.map((l) => {
    if (l.startsWith('```')) fenced = !fenced;
    return !fenced && /^#+ /.test(l);
  });
  const start = lines.findIndex((l, i) => isHeading[i] && l.trim() === heading);
  if (start < 0) throw new Error(`README.md has no heading "${heading}"`);
  const level = heading.indexOf(' ');
  let end = start + 1;
  while (end < lines.length && !(isHeading[end] && lines[end]!.indexOf(' ') <= level)) end++;
  return lines.slice(start, end).join('\n');
}

/** Rows of the first markdown table in a text, as cells (header and separator dropped). */
function tableRows(text: string): string[][] {
  const lines = text.split('\n');
  const first = lines.findIndex((l) => l.startsWith('|'));
  const rows: string[] = [];
  for (let i = first; i >= 0 && i < lines.length && lines[i]!.startsWith('|'); i++) rows.push(lines[i]!);
  return rows.slice(2).map((row) => row.slice(1, -1).split(/(?<!\\)\|/).map((cell) => cell.trim()));
}

const code = (cell: string) => /^`(.*)`$/.exec(cell)?.[1] ?? cell;

function parseYaml(text: string, where: string): unknown {
  const doc = parseDocument(text, { schema: 'core', uniqueKeys: true });
  if (doc.errors.length > 0) throw new Error(`${where}: ${doc.errors.map((e) => e.message).join('; ')}`);
  return doc.toJS({ maxAliasCount: 100 });
}

/** Expected output lines matched in order; `...` lines skip any lines, `...` in a line matches any text. */
function outputMatches(actual: string[], expected: string[]): boolean {
  const pattern = (line: string) => new RegExp(`^${line.split('...').map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  const patterns = expected.map((line) => (line === '...' ? null : pattern(line)));
  const match = (a: number, e: number): boolean => {
    if (e === patterns.length) return a === actual.length;
    const p = patterns[e];
    if (p === null) {
      for (let k = a; k <= actual.length; k++) if (match(k, e + 1)) return true;
      return false;
    }
    return a < actual.length && p!.test(actual[a]!) && match(a + 1, e + 1);
  };
  return match(0, 0);
}

const blocks = parseBlocks(readme);
const consoleBlocks = blocks.filter((b) => b.lang === 'console');

describe('rules/README.md: every fenced block is of a checked kind', () => {
  it('has only titled files, console commands, yaml with a kind, ts and text blocks', () => {
    const unchecked = blocks.filter((b) => {
      if (b.attrs['title']) return !['yaml', 'ts'].includes(b.lang);
      if (b.lang === 'yaml') return !b.attrs['kind'];
      return !['console', 'ts', 'text'].includes(b.lang);
    });
    expect(unchecked.map((b) => `README.md:${b.line}: ${b.lang}`)).toEqual([]);
    // The walkthrough is really there.
    expect(blocks.filter((b) => b.attrs['title']).length).toBeGreaterThanOrEqual(12);
    expect(consoleBlocks.length).toBeGreaterThanOrEqual(6);
  });
});

describe('rules/README.md walkthrough: files written, commands run in order', () => {
  let dir: string;
  let written = 0;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'readme-walkthrough-'));
  });

  /** Write every titled file above the given block that is not written yet. */
  function writeFilesBefore(block: Block): void {
    const index = blocks.indexOf(block);
    for (; written < index; written++) {
      const file = blocks[written]!;
      const title = file.attrs['title'];
      if (!title) continue;
      const target = join(dir, title);
      mkdirSync(dirname(target), { recursive: true });
      const text = file.lang === 'ts' ? file.body.replaceAll("from 'thai-fund-compliance'", `from '${srcIndex}'`) : file.body;
      writeFileSync(target, text);
    }
  }

  async function runCommand(command: string): Promise<{ code: number; output: string }> {
    const npx = /^npx thai-fund-compliance (.+)$/.exec(command);
    if (npx) {
      let out = '';
      let err = '';
      const io = { stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) }, cwd: dir, env: {} };
      const code = await main(npx[1]!.split(/\s+/), io);
      return { code, output: out + err };
    }
    const tsx = /^npx tsx (\S+)$/.exec(command);
    if (tsx) {
      try {
        const { stdout, stderr } = await run(process.execPath, [tsxCli, tsx[1]!], { cwd: dir, env: process.env });
        return { code: 0, output: stdout + stderr };
      } catch (error) {
        const e = error as { code?: number; stdout?: string; stderr?: string };
        return { code: typeof e.code === 'number' ? e.code : -1, output: `${e.stdout ?? ''}${e.stderr ?? ''}` };
      }
    }
    throw new Error(`the README runs a command this test does not know: ${command}`);
  }

  /** Paths the loader prints relative to this process's cwd, shown as the README's reader sees them (relative to the project). */
  function normalise(output: string): string[] {
    const shown = relative(process.cwd(), dir);
    return output
      .replaceAll(`${shown}/`, '')
      .replaceAll(`${dir}/`, '')
      .replace(/\s+$/, '')
      .split('\n')
      .map((l) => l.trimEnd());
  }

  for (const block of consoleBlocks) {
    const lines = block.body.trimEnd().split('\n');
    const commands = lines.filter((l) => l.startsWith('$ '));
    const command = commands[0]?.slice(2) ?? '(none)';
    it(`README.md:${block.line}: $ ${command}`, async () => {
      expect(commands).toHaveLength(1);
      expect(lines[0]!.startsWith('$ ')).toBe(true);
      writeFilesBefore(block);
      const expected = lines.slice(1).map((l) => l.trimEnd());
      const { code: exit, output } = await runCommand(command);
      const actual = normalise(output);
      expect(outputMatches(actual, expected), `output of "${command}":\n${actual.join('\n')}\n\nexpected (README.md:${block.line}):\n${expected.join('\n')}`).toBe(true);
      expect(exit).toBe(Number(block.attrs['exit'] ?? 0));
    });
  }

  it('the walkthrough files name a JSON Schema that exists, at the right depth', () => {
    writeFilesBefore(blocks[blocks.length - 1]!);
    const expectedSchema = (title: string) =>
      title.includes('/rules/') ? 'rule.schema.json'
      : title.includes('/tests/') ? 'pack-test.schema.json'
      : title.startsWith('schemes/') ? 'input.schema.json'
      : basename(title) === 'pack.yaml' ? 'pack-meta.schema.json'
      : basename(title).replace('.yaml', '.schema.json');
    const yamlFiles = blocks.filter((b) => b.attrs['title'] && b.lang === 'yaml');
    expect(yamlFiles.length).toBeGreaterThanOrEqual(10);
    for (const file of yamlFiles) {
      const title = file.attrs['title']!;
      const first = file.body.split('\n')[0]!;
      const m = /^# yaml-language-server: \$schema=(\S+)$/.exec(first);
      expect(m, `${title}: first line`).not.toBeNull();
      const schemaPath = resolve(dirname(join(dir, title)), m![1]!);
      expect(schemaPath).toBe(join(dir, 'node_modules', 'thai-fund-compliance', 'schemas', expectedSchema(title)));
      expect(existsSync(join(root, 'schemas', expectedSchema(title))), expectedSchema(title)).toBe(true);
    }
  });

  it('the walkthrough pack lints with no issue at all and its cases pass through the API too', async () => {
    writeFilesBefore(blocks[blocks.length - 1]!);
    const myPack = join(dir, 'my-pack');
    expect(api.lintPack(myPack)).toEqual([]);
    const { results, issues } = await api.runPackTests(myPack, { packs: [api.tn89Pack(), api.loadPackFromDirectory(myPack)] });
    expect(issues).toEqual([]);
    expect(results.map((r) => r.passed)).toEqual([true, true, true]);
  });
});

describe('rules/README.md: snippets that are not files', () => {
  const base = api.tn89Pack();
  const meta = {
    id: 'readme-snippet',
    version: '1.0.0',
    notice: { th: 'นโยบายบริษัท', en: 'House policy' },
    title: { th: 'นโยบายบริษัท', en: 'House policy' },
    announced: '2024-01-01',
    inForce: { from: '2024-01-01', citation: { notice: { th: 'นโยบายบริษัท', en: 'House policy' } } },
  };
  /** Load a rule in a pack that has the built-in pack's parameters and lookups, so facts, operators and ids are checked. */
  const loadRule = (rule: Record<string, unknown>) => {
    const messageIds = [rule['message'], (rule['consequence'] as { message?: string } | undefined)?.message].filter((m): m is string => typeof m === 'string');
    return api.loadPackFromObject({
      meta,
      parameters: base.parameters.map((p) => structuredClone(p)),
      lookups: base.lookups.map((l) => structuredClone(l)),
      messages: Object.fromEntries(messageIds.map((id) => [id, { th: 'ข้อความ', en: 'message' }])),
      rules: [rule as api.RuleInput],
    });
  };
  const stubRule = (extra: Record<string, unknown>) => ({
    id: 'readme.snippet',
    title: { th: 'ตัวอย่าง', en: 'Example' },
    subject: 'unitholder',
    severity: 'info',
    citation: { notice: { th: 'นโยบายบริษัท', en: 'House policy' } },
    violationWhen: { fact: 'fund', path: '$.kind', operator: 'equal', value: 'mutual' },
    message: 'readme-snippet',
    ...extra,
  });

  const KINDS: Record<string, (value: unknown) => void> = {
    rule: (v) => void loadRule(packsApi.ruleSchema.parse(v) as unknown as Record<string, unknown>),
    'rule-part': (v) => void loadRule(stubRule(packsApi.ruleSchema.partial().parse(v) as Record<string, unknown>)),
    condition: (v) => void loadRule(stubRule({ violationWhen: packsApi.conditionSchema.parse(v) })),
    parameters: (v) => void api.loadPackFromObject({ meta, parameters: packsApi.parametersFileSchema.parse(v).parameters }),
    pack: (v) => void packsApi.packMetaSchema.parse(v),
    messages: (v) => void packsApi.messagesFileSchema.parse(v),
    lookups: (v) => void api.loadPackFromObject({ meta, lookups: packsApi.lookupsFileSchema.parse(v).lookups, clauses: base.clauses.map((c) => structuredClone(c)) }),
    clauses: (v) => void packsApi.clausesFileSchema.parse(v),
    coverage: (v) => void packsApi.coverageFileSchema.parse(v),
    references: (v) => void packsApi.referencesFileSchema.parse(v),
    'investor-categories': (v) => void packsApi.investorCategoriesFileSchema.parse(v),
    'test-cases': (v) => void z.array(packsApi.packTestCaseSchema).parse(v),
  };

  const yamlSnippets = blocks.filter((b) => b.lang === 'yaml' && !b.attrs['title']);
  it('there are yaml snippets of many kinds', () => {
    expect(new Set(yamlSnippets.map((b) => b.attrs['kind'])).size).toBeGreaterThanOrEqual(10);
  });
  for (const block of yamlSnippets) {
    it(`README.md:${block.line}: the ${block.attrs['kind']} snippet is valid`, () => {
      const check = KINDS[block.attrs['kind']!];
      expect(check, `unknown kind=${block.attrs['kind']}`).toBeDefined();
      check!(parseYaml(block.body, `README.md:${block.line}`));
    });
  }

  it('the test-cases snippet passes when run', async () => {
    const block = yamlSnippets.find((b) => b.attrs['kind'] === 'test-cases')!;
    const dir = mkdtempSync(join(tmpdir(), 'readme-cases-'));
    mkdirSync(join(dir, 'tests'));
    writeFileSync(join(dir, 'tests', 'cases.yaml'), block.body);
    const { results, issues } = await api.runPackTests(dir, { packs: [base] });
    expect(issues).toEqual([]);
    expect(results.length).toBeGreaterThan(0);
    expect(results.filter((r) => !r.passed)).toEqual([]);
  });

  it('the ts snippets without a title call only functions of the public API', () => {
    const snippets = blocks.filter((b) => b.lang === 'ts' && !b.attrs['title']);
    expect(snippets.length).toBeGreaterThan(0);
    for (const block of snippets) {
      const called = [...block.body.matchAll(/\b([A-Za-z_]\w*)\(/g)].map((m) => m[1]!);
      expect(called.length).toBeGreaterThan(0);
      for (const name of called) expect(typeof (api as Record<string, unknown>)[name], `README.md:${block.line}: ${name}`).toBe('function');
    }
  });
});

describe('rules/README.md tables agree with the code', () => {
  it('lists every fact and every field of every fact', () => {
    const facts = section('## Facts');
    for (const [name, entry] of Object.entries(FACT_CATALOG)) {
      const heading = facts.split('\n').find((l) => l.startsWith('### ') && l.includes(`\`${name}\``));
      expect(heading, `a "### \`${name}\`" heading`).toBeDefined();
      const own = section(heading!);
      for (const field of entry.fields ?? []) expect(own, `${name}.${field}`).toContain(`| \`${field}\` |`);
      // No field is documented that the fact does not have.
      const documented = tableRows(own).map((row) => code(row[0]!));
      expect(documented.sort()).toEqual([...(entry.fields ?? [])].sort());
    }
  });

  it('lists every subject kind with the subject fact the catalogue gives it, and every subject placeholder', () => {
    const facts = section('## Facts');
    const rows = tableRows(facts);
    expect(rows.map((r) => code(r[0]!)).sort()).toEqual([...packsApi.subjectKindSchema.options].sort());
    for (const row of rows) {
      const kind = code(row[0]!) as api.SubjectKind;
      const own = row[2] === '—' ? [] : [code(row[2]!)];
      const catalogued = Object.entries(FACT_CATALOG).filter(([, e]) => e.subjects !== 'all' && e.subjects.includes(kind)).map(([n]) => n);
      expect(own, kind).toEqual(catalogued);
    }
    const messages = section('## Evidence and messages');
    for (const placeholder of SUBJECT_PLACEHOLDERS) expect(messages).toContain(`\`{${placeholder}}\``);
  });

  it('lists every operator, and each example gives the stated result', () => {
    const rows = tableRows(section('## Operators'));
    expect(rows.map((r) => code(r[0]!)).sort()).toEqual([...OPERATOR_NAMES].sort());
    for (const row of rows) {
      const name = code(row[0]!);
      const example = /^`(\[.*\]) → (true|false|throws)`$/.exec(row[4]!);
      expect(example, `${name}: example cell ${row[4]}`).not.toBeNull();
      const [fact, value] = JSON.parse(example![1]!) as [unknown, unknown];
      const operator = operatorFunctions.get(name)!;
      if (example![2] === 'throws') expect(() => operator(fact, value)).toThrow();
      else expect(operator(fact, value), `${name}(${example![1]})`).toBe(example![2] === 'true');
    }
    // The claims about wrong kinds in the list under the table.
    expect(() => operatorFunctions.get('decimalLessThan')!(null, '500000')).toThrow(/null \(not recorded\)/);
    expect(() => operatorFunctions.get('decimalLessThan')!(0.5, 1)).toThrow(/expected a decimal amount/);
    expect(() => operatorFunctions.get('dateBefore')!(null, '2016-01-16')).toThrow(/expected a calendar date/);
    expect(() => operatorFunctions.get('in')!('TH', 'TH')).toThrow(/expected a list/);
  });

  it('renders each citation as the table says', () => {
    const rows = tableRows(section('### How citations render'));
    expect(rows.length).toBeGreaterThanOrEqual(6);
    for (const row of rows) {
      const citation = packsApi.citationSchema.parse(parseYaml(code(row[0]!), row[0]!));
      expect(renderCitation(api.tn89Pack(), citation).text, row[0]).toEqual({ th: code(row[1]!), en: code(row[2]!) });
    }
  });

  it('formats each evidence type as the table says', () => {
    const messages = section('## Evidence and messages');
    const table = messages.slice(messages.indexOf('| type | value | English | Thai |'));
    const rows = tableRows(table).filter((r) => r.length === 4);
    const types = rows.map((r) => code(r[0]!)).filter((t) => t !== 'any');
    expect(types.sort()).toEqual([...packsApi.ruleSchema.shape.evidence.unwrap().element.shape.type.options].sort());
    for (const row of rows) {
      const type = code(row[0]!) === 'any' ? 'money' : (code(row[0]!) as api.EvidenceItem['type']);
      const value = JSON.parse(code(row[1]!)) as unknown;
      expect(api.formatValue({ type, value }, 'en'), `${row[0]} en`).toBe(row[2]);
      expect(api.formatValue({ type, value }, 'th'), `${row[0]} th`).toBe(row[3]);
    }
  });

  it('documents every key of every pack file', () => {
    const keysOf = (schema: unknown): string[] => {
      let s = schema as { shape?: Record<string, unknown>; _zod?: { def: Record<string, unknown> } };
      for (let i = 0; i < 10 && !s.shape; i++) {
        const def = s._zod!.def as { innerType?: unknown; element?: unknown; getter?: () => unknown };
        s = (def.innerType ?? def.element ?? def.getter?.()) as typeof s;
      }
      return Object.keys(s.shape!);
    };
    const expectKeys = (heading: string, schemas: unknown[], extra: string[] = []) => {
      const text = section(heading);
      for (const key of [...schemas.flatMap(keysOf), ...extra]) expect(text, `${heading}: \`${key}\``).toContain(`\`${key}\``);
    };
    const expectShape = packsApi.packTestCaseSchema.shape.expect;
    expectKeys('## pack.yaml', [packsApi.packMetaSchema], ['from', 'to', 'citation', 'rule', 'reason']);
    expectKeys('## rules/*.yaml', [packsApi.ruleSchema]);
    expectKeys('## Conditions', [packsApi.leafConditionSchema], ['all', 'any', 'not']);
    expectKeys('## Evidence and messages', [packsApi.ruleSchema.shape.evidence]);
    expectKeys('## Citations', [packsApi.citationSchema]);
    expectKeys('## parameters.yaml', [packsApi.parameterSchema, packsApi.parameterSchema.shape.values]);
    expectKeys('## lookups.yaml', [packsApi.lookupSchema], ['fact', 'path']);
    expectKeys('## clauses.yaml', [packsApi.clausesFileSchema, packsApi.clauseSchema, packsApi.clauseSchema.shape.parts], ['paragraph', 'item', 'term']);
    expectKeys('## coverage.yaml', [packsApi.coverageEntrySchema]);
    expectKeys('## references.yaml', [packsApi.referenceMappingSchema]);
    expectKeys('## investor-categories.yaml', [packsApi.investorCategoryDefinitionSchema, packsApi.categoryTestSchema]);
    expectKeys('## Tests', [packsApi.packTestCaseSchema, expectShape, expectShape.shape.findings]);
  });

  it('links only to headings it has (GitHub anchors)', () => {
    const slug = (heading: string) => heading.replace(/^#+ /, '').toLowerCase().replace(/[^\p{L}\p{N}\p{M}\s_-]/gu, '').replace(/ /g, '-');
    const outside = readme.replace(/^```[\s\S]*?^```$/gm, '');
    const anchors = new Set(outside.split('\n').filter((l) => /^#+ /.test(l)).map(slug));
    const links = [...outside.matchAll(/\]\(#([^)]+)\)/g)].map((m) => m[1]!);
    expect(links.length).toBeGreaterThan(20);
    expect(links.filter((l) => !anchors.has(l))).toEqual([]);
  });

  it('names a JSON Schema in schemas/ for each file it gives one for', () => {
    const rows = tableRows(section('## Layout of a pack').slice(section('## Layout of a pack').indexOf('| file | schema |')));
    expect(rows.length).toBeGreaterThanOrEqual(7);
    for (const row of rows) {
      for (const name of row[1]!.match(/[a-z-]+\.schema\.json/g) ?? []) expect(existsSync(join(root, 'schemas', name)), name).toBe(true);
      const line = /\$schema=(\S+?)`?$/.exec(row[2]!)?.[1];
      if (line && !line.includes('<path>')) expect(basename(line)).toBe(code(row[1]!));
    }
  });
});
