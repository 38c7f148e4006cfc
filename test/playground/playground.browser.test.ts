// The pack playground in a real browser (Debian's chromium through
// playwright-core, launched as the HTML report's test launches it), used as a
// compliance engineer would: open the built page from disk, raise a
// threshold and see the new finding with its citation, break the YAML and see
// the marker on the right line, run the pack tests, share the link and get the
// same state back, download the pack and lint it with the CLI's loader.
// Screenshots of each state go to .test-results/playground/.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPlayground, PLAYGROUND_DIST } from '../../scripts/build-playground.js';
import { lintPack } from '../../src/index.js';

// The callbacks given to page.evaluate run in the page; the test's program has no DOM types, so the page's globals are declared here, loosely.
/* eslint-disable @typescript-eslint/no-explicit-any */
declare const document: any;
declare const window: any;
declare const CSS: { escape(text: string): string };
type HTMLElement = any;
type HTMLInputElement = any;
type Node = any;

const ROOT = resolve(import.meta.dirname, '..', '..');
const SHOTS = join(ROOT, '.test-results', 'playground');
const PARAMETERS = 'parameters.yaml';
const RULE = 'rules/retail-fund-foreign-holder-enhanced-kyc.yaml';
const INPUT = '(input)';

const LAUNCH = {
  // As test/cli/html.test.ts: the test command finds (or installs) the browser and passes its path.
  executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
};

/** The page's own measure of each re-evaluation after an edit (lint, load, evaluate, show), in ms. */
const reevaluations: number[] = [];

let browser: Browser;
let page: Page;
const requests: string[] = [];
const pageErrors: string[] = [];

/** The page's runs so far (each edit re-evaluates once, after a short pause in typing). */
async function runs(p: Page = page): Promise<number> {
  return Number(await p.evaluate(() => document.body.dataset['runs'] ?? '0'));
}

/** Wait until the page has evaluated again after an edit. */
async function settled(before: number, p: Page = page): Promise<void> {
  await p.waitForFunction((n) => Number(document.body.dataset['runs'] ?? '0') > n, before);
}

/** Put the cursor on (select) the first occurrence of `text` in a file's editor, as a click-and-drag would. */
async function select(file: string, text: string, occurrence = 0): Promise<number> {
  return page.evaluate(
    ({ file, text, occurrence }) => {
      const playground = (window as unknown as { playground: { views: Map<string, { state: { doc: { toString(): string; lineAt(pos: number): { number: number } } }; dispatch(tr: unknown): void; focus(): void }> } }).playground;
      const view = playground.views.get(file)!;
      (document.querySelector(`.tab[data-file="${CSS.escape(file)}"]`) as HTMLElement).click();
      const doc = view.state.doc.toString();
      let at = -1;
      for (let i = 0; i <= occurrence; i++) at = doc.indexOf(text, at + 1);
      if (at < 0) throw new Error(`${text} is not in ${file}`);
      view.dispatch({ selection: { anchor: at, head: at + text.length } });
      view.focus();
      return view.state.doc.lineAt(at).number;
    },
    { file, text, occurrence },
  );
}

/** Replace the first occurrence of `text` in a file by typing, key by key. */
async function typeOver(file: string, text: string, replacement: string): Promise<number> {
  const line = await select(file, text);
  const before = await runs();
  await page.keyboard.type(replacement);
  await settled(before);
  reevaluations.push(await page.evaluate(() => (window as unknown as { playground: { record: { ms: number } } }).playground.record.ms));
  return line;
}

async function findingRules(): Promise<string[]> {
  return page.$$eval('#panel-findings .finding', (nodes) => nodes.map((n) => `${n.getAttribute('data-rule')} ${n.querySelector('.subject')?.textContent?.trim()}`));
}

async function showPanel(name: string): Promise<void> {
  await page.click(`.result-tab[data-panel="${name}"]`);
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  const { gzipBytes } = await buildPlayground();
  console.log(`playground.js: ${(gzipBytes / 1024).toFixed(0)} KB gzipped`);
  browser = await chromium.launch(LAUNCH);
  page = await browser.newPage({ viewport: { width: 1366, height: 768 }, acceptDownloads: true });
  page.on('request', (request) => requests.push(request.url()));
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(pathToFileURL(join(PLAYGROUND_DIST, 'index.html')).href);
  await page.waitForSelector('body[data-ready="true"]');
});

afterAll(async () => {
  await browser?.close();
  // Reported, not asserted (timing belongs to benchmarks): the first edit runs on a cold JIT.
  const sorted = [...reevaluations].sort((a, b) => a - b);
  if (sorted.length > 0) console.log(`re-evaluation after an edit, in the page (lint + load + evaluate + show): first ${reevaluations[0]!.toFixed(0)} ms, median ${sorted[Math.floor(sorted.length / 2)]!.toFixed(0)} ms, max ${sorted[sorted.length - 1]!.toFixed(0)} ms over ${sorted.length} edits`);
});

describe('the pack playground, opened from the built folder (file://)', () => {
  it('starts from the example house policy and a fixture, with its findings and the rule summary, fetching nothing', async () => {
    await page.screenshot({ path: join(SHOTS, '01-start.png') });
    expect(await findingRules()).toEqual(['tn89.cl1.hnw-scheme-minimum-below-threshold M0590_2564', 'tn89.cl12.holder-outside-non-retail-fund-class M0601_2564 · TH-IND-008544']);
    const summary = await page.textContent('#panel-findings .rule-summary');
    expect(summary).toMatch(/\d+ rules: \d+ passed · 2 found · \d+ not applicable · \d+ not in force · 1 disabled · 1 overridden/);
    expect(await page.textContent('#lint-count')).toBe('0');
    // The page, its stylesheet and its one script, all from the folder: nothing else, nothing from a network.
    expect(requests.every((url) => url.startsWith(pathToFileURL(PLAYGROUND_DIST).href))).toBe(true);
    expect(pageErrors).toEqual([]);
  });

  it('raising the house threshold to 2,000,000 THB makes a holder of 1,000,000 THB a finding, cited to cl. 12 ¶1 (5), linked to the field that decided it', async () => {
    await typeOver(PARAMETERS, '1000000', '2000000');
    expect(await findingRules()).toContain('tn89.cl12.holder-outside-non-retail-fund-class M0590_2564 · TH-IND-006377');
    const finding = page.locator('#panel-findings .finding', { hasText: 'TH-IND-006377' });
    expect(await finding.locator('.citation').textContent()).toBe('TorNor. 89/2558 cl. 12 para 1 (5)');
    expect(await finding.locator('.clause-text').textContent()).toMatch(/[\u0E00-\u0E7F]/);
    expect(await finding.locator('.reading').textContent()).toMatch(/English reading/i);
    expect(await finding.locator('tr[data-evidence="threshold"] .value').textContent()).toBe('THB 2,000,000.00');
    await finding.screenshot({ path: join(SHOTS, '02-threshold-finding.png') });
    await page.screenshot({ path: join(SHOTS, '02-threshold-page.png') });

    // The link to the deciding field opens the input at its line.
    const link = finding.locator('a.field').first();
    const linkText = (await link.textContent())!;
    const line = Number(/:(\d+):\d+$/.exec(linkText)![1]);
    await link.click();
    const cursor = await page.evaluate((input) => {
      const view = (window as unknown as { playground: { views: Map<string, { state: { selection: { main: { from: number } }; doc: { lineAt(pos: number): { number: number; text: string } } } }> } }).playground.views.get(input)!;
      const at = view.state.doc.lineAt(view.state.selection.main.from);
      return { line: at.number, text: at.text };
    }, INPUT);
    expect(await page.getAttribute('.tab.active', 'data-file')).toBe(INPUT);
    expect(cursor.line).toBe(line);
    expect(cursor.text).toMatch(/TH-IND-006377|subscriptions|amount|date/);
  });

  it('a YAML error shows its marker on the line it is on, in the editor and in the lint list (file:line:column)', async () => {
    // (Typed without brackets or quotes: the editor closes those as you type them.)
    const line = await typeOver(RULE, 'severity: warning', 'severity: warning: high');
    await showPanel('lint');
    const first = page.locator('#panel-lint .lint-issue.error').first();
    expect(await first.locator('.where').textContent()).toMatch(new RegExp(`^${RULE.replace(/[.]/g, '\\.')}:${line}:\\d+$`));
    const markedLines = await page.evaluate((file) => {
      const view = (window as unknown as { playground: { views: Map<string, { posAtDOM(node: Node): number; state: { doc: { lineAt(pos: number): { number: number } } } }> } }).playground.views.get(file)!;
      return [...document.querySelectorAll(`.editor[data-file="${CSS.escape(file)}"] .cm-lintRange-error`)].map((node) => view.state.doc.lineAt(view.posAtDOM(node)).number);
    }, RULE);
    const listed = Number(/:(\d+):\d+$/.exec((await first.locator('.where').textContent())!)![1]);
    expect(markedLines).toContain(listed);
    expect(await page.locator('.tab.active .count.error').textContent()).not.toBe('');
    expect(await page.textContent('#panel-findings .pack-errors')).toMatch(/error/);
    await page.screenshot({ path: join(SHOTS, '03-yaml-error.png') });

    // Put it right: an operator misspelt instead, with the fix hint `pack lint` gives.
    await typeOver(RULE, 'severity: warning: high', 'severity: warning');
    const operatorLine = await typeOver(RULE, 'operator: notIn', 'operator: notInn');
    const issue = page.locator('#panel-lint .lint-issue.error').first();
    expect(await issue.locator('.where').textContent()).toBe(`${RULE}:${operatorLine}:7`);
    expect(await issue.textContent()).toMatch(/unknown operator "notInn"/);
    expect(await issue.locator('.hint').textContent()).toMatch(/^fix: use decimalLessThan/);
    await page.screenshot({ path: join(SHOTS, '04-lint-hint.png') });
    await typeOver(RULE, 'operator: notInn', 'operator: notIn');
    expect(await page.textContent('#lint-count')).toBe('0');
  });

  it("runs the pack's tests: with the raised threshold the house cases fail with their diffs; put back, all pass", async () => {
    await page.click('#run-tests');
    await page.waitForSelector('#test-results .tests-summary');
    const failing = page.locator('#test-results .test-case.fail');
    expect(await failing.count()).toBeGreaterThan(0);
    const diffs = await page.$$eval('#test-results .test-case.fail .diff', (nodes) => nodes.map((n) => n.textContent ?? ''));
    expect(diffs.some((d) => /^[-+~] /.test(d))).toBe(true);
    expect(diffs.some((d) => d.includes('threshold') || d.includes('unexpected') || d.includes('expected'))).toBe(true);
    expect(await failing.first().locator('a.goto code').textContent()).toMatch(/^tests\/house-policy\.yaml:\d+$/);
    await page.screenshot({ path: join(SHOTS, '05-tests-failing.png') });

    await typeOver(PARAMETERS, '2000000', '1000000');
    await page.click('#run-tests');
    await page.waitForFunction(() => !document.querySelector('#test-results .test-case.fail') && document.querySelector('#test-results .tests-summary'));
    const summary = await page.textContent('#test-results .tests-summary');
    const [, passed, total] = /(\d+) of (\d+)/.exec(summary!)!;
    expect(passed).toBe(total);
    await page.screenshot({ path: join(SHOTS, '06-tests-passing.png') });
  });

  it('as of a Buddhist Era date, in Thai: the same findings, in Thai', async () => {
    const before = await runs();
    await page.fill('#as-of', 'BE 2567-06-30');
    await settled(before);
    await page.selectOption('#lang', 'th');
    await page.waitForFunction(() => document.documentElement.lang === 'th');
    await page.waitForFunction(() => /[\u0E00-\u0E7F]/.test(document.querySelector('#panel-findings .finding h4')?.textContent ?? ''));
    await showPanel('findings');
    expect(await page.textContent('#as-of-shown')).toMatch(/2567/);
    expect(await findingRules()).toEqual(['tn89.cl1.hnw-scheme-minimum-below-threshold M0590_2564', 'tn89.cl12.holder-outside-non-retail-fund-class M0601_2564 · TH-IND-008544']);
    expect(await page.textContent('#panel-findings .finding .citation')).toMatch(/^ทน\. 89\/2558 ข้อ 1/);
    await page.screenshot({ path: join(SHOTS, '07-thai.png') });
  });

  it('the shared link reopens the same state: files, date, language, findings', async () => {
    // An edit to carry over, then the link.
    await typeOver(PARAMETERS, '1000000', '1500000');
    await page.click('#share');
    await page.waitForFunction(() => (document.querySelector('#share-url') as HTMLInputElement).value.includes('#s='));
    const url = await page.inputValue('#share-url');
    const state = await page.evaluate(() => JSON.stringify((window as unknown as { playground: { state: unknown } }).playground.state));
    const findings = await findingRules();

    const other = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    const otherRequests: string[] = [];
    other.on('request', (request) => otherRequests.push(request.url()));
    await other.goto(url);
    await other.waitForSelector('body[data-ready="true"]');
    const reopened = await other.evaluate(() => JSON.parse(JSON.stringify((window as unknown as { playground: { state: unknown } }).playground.state)) as Record<string, unknown>);
    const { open: _open, ...reopenedState } = reopened;
    const { open: _open2, ...originalState } = JSON.parse(state) as Record<string, unknown>;
    expect(reopenedState).toEqual(originalState);
    expect(await other.$$eval('#panel-findings .finding', (nodes) => nodes.map((n) => `${n.getAttribute('data-rule')} ${n.querySelector('.subject')?.textContent?.trim()}`))).toEqual(findings);
    expect(await other.inputValue('#as-of')).toBe('BE 2567-06-30');
    expect(await other.evaluate(() => document.documentElement.lang)).toBe('th');
    expect(otherRequests.every((u) => u.startsWith('file:'))).toBe(true);
    await other.screenshot({ path: join(SHOTS, '08-shared-link.png') });
    await other.close();
  });

  it('downloads the pack as a folder that `pack lint` accepts', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download')]);
    expect(download.suggestedFilename()).toBe('example-amc-house-policy.zip');
    const zip = join(SHOTS, 'example-amc-house-policy.zip');
    await download.saveAs(zip);
    const into = mkdtempSync(join(tmpdir(), 'tfc-playground-zip-'));
    const unzipped = spawnSync('unzip', ['-q', zip, '-d', into], { encoding: 'utf8' });
    expect(unzipped.status, unzipped.stderr).toBe(0);
    const folder = join(into, 'example-amc-house-policy');
    expect(lintPack(folder).filter((i) => i.severity === 'error')).toEqual([]);
    expect(readFileSync(join(folder, PARAMETERS), 'utf8')).toContain('value: "1500000"');
  });

  it('fits a 1366×768 screen: editor and results side by side, no horizontal scroll', async () => {
    const sizes = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      editor: document.querySelector('#editors')!.getBoundingClientRect(),
      results: document.querySelector('.panels')!.getBoundingClientRect(),
    }));
    expect(sizes.scrollWidth).toBeLessThanOrEqual(1366);
    expect(sizes.editor.height).toBeGreaterThan(400);
    expect(sizes.results.left).toBeGreaterThanOrEqual(sizes.editor.right - 1);
    expect(pageErrors).toEqual([]);
  });
});

describe('the pack playground, served by `thai-fund-compliance playground`', () => {
  let server: ChildProcess | undefined;

  afterAll(() => {
    server?.kill('SIGTERM');
  });

  it('prints a 127.0.0.1 address that serves the same page, which fetches nothing else', async () => {
    server = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src', 'cli', 'bin.ts'), 'playground', '--port', '0'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    const address = await new Promise<string>((resolveAddress, reject) => {
      let out = '';
      server!.stdout!.on('data', (chunk: Buffer) => {
        out += chunk.toString('utf8');
        const match = /http:\/\/127\.0\.0\.1:\d+\//.exec(out);
        if (match) resolveAddress(match[0]);
      });
      server!.on('exit', (code) => reject(new Error(`the server exited with ${code}: ${out}`)));
    });
    const served = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    const seen: string[] = [];
    served.on('request', (request) => seen.push(request.url()));
    await served.goto(address);
    await served.waitForSelector('body[data-ready="true"]');
    expect(await served.locator('#panel-findings .finding').count()).toBe(2);
    expect(seen.every((u) => u.startsWith(address))).toBe(true);
    await served.close();
  });
});
