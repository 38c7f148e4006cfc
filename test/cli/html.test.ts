// The HTML report in a real browser: headless Chromium (Debian's `chromium`
// package) driven by playwright-core, loading the file as a compliance officer
// would, from disk.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, workspace } from './helpers/cli.js';
import { HNW_MINIMUM_LINE, hnwScheme, inputJson, revocationScheme } from './helpers/schemes.js';

const LAUNCH = {
  // The test command finds (or installs) the browser and passes its path; see scripts/ensure-browser.mjs.
  executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
};

let browser: Browser;
let dir: string;

beforeAll(async () => {
  browser = await chromium.launch(LAUNCH);
  dir = workspace({ 'schemes/hnw.yaml': hnwScheme('100000'), 'schemes/input.json': inputJson, 'schemes/revocation.yaml': revocationScheme });
  for (const lang of ['th', 'en']) {
    const r = await cli(['check', 'schemes', '--as-of', '2024-06-30', '--format', 'html', '--lang', lang, '--output', `report-${lang}.html`], { cwd: dir });
    expect(r.code).toBe(1);
  }
});

afterAll(async () => {
  await browser?.close();
});

/** Open the report the CLI wrote from disk, recording every request the page makes. */
async function open(lang: 'th' | 'en'): Promise<{ page: Page; requests: string[]; file: string }> {
  const file = join(dir, `report-${lang}.html`);
  const page = await browser.newPage({ viewport: { width: 1100, height: 1400 } });
  const requests: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  await page.goto(pathToFileURL(file).href);
  return { page, requests, file };
}

describe('the HTML report in a browser', () => {
  it('shows the title, the Buddhist Era as-of date and the counts by severity, in Thai', async () => {
    const { page } = await open('th');
    expect(await page.getAttribute('html', 'lang')).toBe('th');
    expect(await page.title()).toBe('รายงานการตรวจสอบการปฏิบัติตามประกาศ ทน. 89/2558 — ณ วันที่ 30 มิ.ย. 2567');
    expect(await page.textContent('.as-of')).toBe('ณ วันที่ 30 มิ.ย. 2567');
    const count = async (severity: string) => (await page.textContent(`tr[data-severity="${severity}"] td.count`))?.trim();
    expect(await count('revocation-ground')).toBe('1');
    expect(await count('order-ground')).toBe('1');
    expect(await count('violation')).toBe('1');
    expect(await count('warning')).toBe('0');
    expect(await count('total')).toBe('3');
    expect(await page.textContent('.verdict')).toBe('พบ 3 ประเด็นที่ถึงเกณฑ์');
    await page.close();
  });

  it('groups findings under each fund’s heading, with the clause’s Thai text, the English reading, the evidence and the location', async () => {
    const { page } = await open('th');
    const fund = page.locator('article.fund', { has: page.locator('h3', { hasText: 'M0100_2562' }) });
    expect(await fund.locator('h3').innerText()).toBe('M0100_2562 กองทุนเปิดทดสอบพลัส [B]');
    const finding = fund.locator('.finding[data-rule="tn89.cl1.hnw-scheme-minimum-below-threshold"]');
    expect(await finding.locator('.badge').innerText()).toBe('ฝ่าฝืน');
    expect(await finding.locator('.citation').innerText()).toBe('ทน. 89/2558 ข้อ 1 บทนิยามคำว่า “ผู้มีเงินลงทุนสูง”');
    expect(await finding.locator('blockquote.clause-text').innerText()).toContain('“ผู้มีเงินลงทุนสูง” หมายความว่า ผู้ที่จะลงทุนในหน่วยลงทุนของกองทุนรวมในครั้งแรกตั้งแต่ 500,000 บาทขึ้นไป');
    expect(await finding.locator('blockquote.reading').getAttribute('lang')).toBe('en');
    expect(await finding.locator('blockquote.reading').innerText()).toContain('A person whose first investment in units of the mutual fund is 500,000 baht or more');
    const row = finding.locator('table.evidence tr[data-evidence="minimumFirstSubscription"]');
    expect(await row.locator('th').innerText()).toBe('เงินลงทุนครั้งแรกขั้นต่ำ');
    expect(await row.locator('td.value').innerText()).toBe('100,000.00 บาท');
    expect(await finding.locator('.location code').innerText()).toBe(`schemes/hnw.yaml:${HNW_MINIMUM_LINE}:3`);
    const revocation = page.locator('.finding[data-rule="tn89.cl11.unitholding-limit-order-not-carried-out"]');
    expect(await revocation.locator('.consequence').innerText()).toContain('(ทน. 89/2558 ข้อ 11 วรรคสอง)');
    await page.close();
  });

  it('speaks Thai in the Thai report: no code names of fields or parameters, no untranslated severity', async () => {
    const { page } = await open('th');
    const text = await page.locator('body').innerText();
    expect(text).not.toMatch(/minimumFirstSubscription|firstSubscriptionAmount|param:|\bviolation\b|funds\[\d+\]/);
    expect(await page.locator('.fail-on').innerText()).toBe('ฝ่าฝืน');
    await page.close();
  });

  it('states the run: generated at, library and pack versions, each file’s SHA-256 and its rule summary', async () => {
    const { page } = await open('en');
    expect(await page.locator('.generated-at time').getAttribute('datetime')).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);
    expect(await page.locator('footer').innerText()).toMatch(/thai-fund-compliance \d+\.\d+\.\d+/);
    expect(await page.locator('footer').innerText()).toMatch(/tn-89-2558@\d+\.\d+\.\d+/);
    const digests = await page.locator('.sha256 code').allInnerTexts();
    expect(digests.length).toBeGreaterThan(0);
    for (const d of digests) expect(d).toMatch(/^[0-9a-f]{64}$/);
    expect(await page.locator('.rule-summary').first().innerText()).toMatch(/^\d+ rules: \d+ found · \d+ passed · \d+ not applicable · \d+ not in force · \d+ disabled$/);
    await page.close();
  });

  it('renders Thai text with a width, in the Thai font stack', async () => {
    const { page } = await open('th');
    const quote = page.locator('.finding[data-rule="tn89.cl1.hnw-scheme-minimum-below-threshold"] blockquote.clause-text');
    const box = await quote.boundingBox();
    expect(box!.width).toBeGreaterThan(100);
    expect(box!.height).toBeGreaterThan(10);
    const heading = page.locator('h1');
    const width = await heading.evaluate((el) => {
      const range = el.ownerDocument.createRange();
      range.selectNodeContents(el);
      return range.getBoundingClientRect().width;
    });
    expect(width).toBeGreaterThan(200);
    expect(await page.locator('body').evaluate((el) => el.ownerDocument.defaultView!.getComputedStyle(el).fontFamily)).toBe('"Noto Sans Thai", Sarabun, "Leelawadee UI", Thonburi, Tahoma, sans-serif');
    await page.close();
  });

  it('is self-contained: UTF-8, inline style, no script, nothing fetched', async () => {
    const { page, requests, file } = await open('en');
    expect(requests).toEqual([pathToFileURL(file).href]);
    expect(await page.locator('html').evaluate((el) => el.ownerDocument.characterSet)).toBe('UTF-8');
    expect(await page.locator('script, link, img, iframe').count()).toBe(0);
    expect(await page.locator('style').count()).toBe(1);
    expect(readFileSync(file, 'utf8')).not.toMatch(/https?:\/\//);
    await page.close();
  });

  it('escapes markup in names: a fund named "<Flexible> & Balanced" shows as text, not as an element', async () => {
    const { page } = await open('en');
    expect(await page.locator('flexible').count()).toBe(0);
    expect(await page.locator('article.fund h3', { hasText: 'M0150_2560' }).innerText()).toBe('M0150_2560 Chao Phraya <Flexible> & "Balanced" Fund [R]');
    expect(await page.textContent('tr[data-severity="violation"] th')).toBe('Violation');
    expect(await page.textContent('.as-of')).toBe('As of 30 Jun 2024');
    await page.close();
  });

  it('parses the JUnit XML with the browser’s own XML parser', async () => {
    const r = await cli(['check', 'schemes', '--as-of', '2024-06-30', '--format', 'junit', '--lang', 'th'], { cwd: dir });
    const page = await browser.newPage();
    await page.setContent('<!DOCTYPE html><html><body></body></html>');
    const parsed = await page.locator('body').evaluate((body, xml) => {
      const doc = new (body.ownerDocument.defaultView!.DOMParser)().parseFromString(xml, 'application/xml');
      return {
        error: doc.querySelector('parsererror')?.textContent ?? null,
        suites: [...doc.querySelectorAll('testsuite')].map((s) => s.getAttribute('name')),
        failure: doc.querySelector('testcase[classname="M0150_2560"] failure')?.getAttribute('type') ?? null,
      };
    }, r.out);
    expect(parsed).toEqual({ error: null, suites: ['schemes/hnw.yaml', 'schemes/input.json', 'schemes/revocation.yaml'], failure: 'revocation-ground' });
    await page.close();
  });
});
