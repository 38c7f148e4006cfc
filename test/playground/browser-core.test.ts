// The core in a browser: src/browser.ts bundled for platform=browser must pull
// in no Node built-in, and the bundle (run here from its own file, with no file
// system behind it) must load, lint, test and evaluate a pack held in memory
// exactly as the Node library does from the directory.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { browserBundle } from '../../scripts/browser-bundle.js';
import { evaluate, loadPackFromDirectory, tn89Pack } from '../../src/index.js';
import { parseYamlData } from '../../src/io/yaml-text.js';

type BrowserCore = typeof import('../../src/browser.js');

const HOUSE_POLICY = 'examples/house-policy';
const FIXTURE = 'fixtures/funds/07-hnw-scheme-minimum.yaml';

/** The pack's files as the playground holds them: pack path → text. */
function packTexts(directory: string): Map<string, string> {
  const texts = new Map<string, string>();
  for (const folder of ['', 'rules', 'tests']) {
    for (const name of readdirSync(join(directory, folder)).filter((n) => n.endsWith('.yaml'))) {
      const path = folder ? `${folder}/${name}` : name;
      texts.set(path, readFileSync(join(directory, path), 'utf8'));
    }
  }
  return texts;
}

let core: BrowserCore;
let nodeImports: string[];

beforeAll(async () => {
  const bundle = browserBundle('src/browser.ts', { format: 'esm' });
  const result = await build(bundle.options);
  nodeImports = bundle.nodeImports;
  const file = join(mkdtempSync(join(tmpdir(), 'tfc-browser-')), 'browser.mjs');
  writeFileSync(file, result.outputFiles![0]!.contents);
  core = (await import(pathToFileURL(file).href)) as BrowserCore;
});

describe('the browser build of the core', () => {
  it('imports no Node built-in', () => {
    expect(nodeImports).toEqual([]);
  });

  it('would name a Node built-in if a module reached one (the check is not vacuous)', async () => {
    const bundle = browserBundle('src/packs/directory.ts', { format: 'esm' });
    await build(bundle.options);
    expect(bundle.nodeImports.some((i) => i.startsWith('node:path (imported by src/packs/directory.ts)'))).toBe(true);
  });

  it('holds the built-in packs, as the Node build compiles them', () => {
    expect(core.builtInPackNames()).toEqual(['sec-investor-definitions', 'tn-89-2558']);
    const { source: _browser, ...inBrowser } = core.tn89Pack();
    const { source: _node, ...inNode } = tn89Pack();
    expect(JSON.parse(JSON.stringify(inBrowser))).toEqual(JSON.parse(JSON.stringify(inNode)));
  });

  it('lints the example house policy from memory clean, and locates a problem at its line and column', () => {
    const texts = packTexts(HOUSE_POLICY);
    expect(core.lintPackFiles(core.packFilesFromTexts(texts)).filter((i) => i.severity === 'error')).toEqual([]);
    const rule = 'rules/retail-fund-foreign-holder-enhanced-kyc.yaml';
    const broken = texts.get(rule)!.replace('severity: warning', 'severity: warnin');
    const issues = core.lintPackFiles(core.packFilesFromTexts(new Map([...texts, [rule, broken]])));
    const issue = issues.find((i) => i.file === rule && i.pointer === 'severity');
    expect(issue?.severity).toBe('error');
    const line = broken.split('\n').findIndex((l) => l.startsWith('severity:')) + 1;
    expect(core.locateIssue(issue!, broken)).toMatchObject({ line, column: 1 });
    // Lint keeps the pack it loaded (the page evaluates that one), and has none when the pack does not load.
    expect(core.lintAndLoadPackFiles(core.packFilesFromTexts(texts)).pack?.meta.id).toBe(core.loadPackFromFiles(core.packFilesFromTexts(texts)).meta.id);
    expect(core.lintAndLoadPackFiles(core.packFilesFromTexts(new Map([...texts, [rule, broken]]))).pack).toBeUndefined();
  });

  it('runs the example pack tests from memory, all passing', async () => {
    const pack = core.loadPackFromFiles(core.packFilesFromTexts(packTexts(HOUSE_POLICY)));
    const { results, issues } = await core.runPackTestFiles(core.packFilesFromTexts(packTexts(HOUSE_POLICY)), { packs: [core.tn89Pack(), pack] });
    expect(issues).toEqual([]);
    expect(results.length).toBeGreaterThan(3);
    expect(results.filter((r) => !r.passed)).toEqual([]);
  });

  it('evaluates a fixture with the in-memory pack to the findings the Node library gives from the directory', async () => {
    const input = parseYamlData(readFileSync(FIXTURE, 'utf8'));
    if (!input.ok) throw new Error(input.problems.join('\n'));
    const inBrowser = await core.evaluate(input.value, { asOf: '2024-06-30', packs: [core.tn89Pack(), core.loadPackFromFiles(core.packFilesFromTexts(packTexts(HOUSE_POLICY)))] });
    const inNode = await evaluate(input.value, { asOf: '2024-06-30', packs: [tn89Pack(), loadPackFromDirectory(HOUSE_POLICY)] });
    const key = (f: { ruleId: string; subject: { fundId: string; investorId?: string }; citation: { text: { en: string } } }) => `${f.ruleId} ${f.subject.fundId} ${f.subject.investorId ?? ''} ${f.citation.text.en}`;
    expect(inBrowser.findings.map(key)).toEqual(inNode.findings.map(key));
    expect(inBrowser.findings.length).toBeGreaterThan(0);
    expect(inBrowser.summary).toEqual(inNode.summary);
  });
});
