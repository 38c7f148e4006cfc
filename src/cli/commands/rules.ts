import { Option, type Command } from 'commander';
import { formatDate, rulesCatalog } from '../../index.js';
import { cwdOf, EXIT, writeProblems, type Io } from '../io.js';
import { loadPacks, ruleCatalog, type RuleInfo } from '../packs.js';
import { SEVERITY_ORDER } from '../severity.js';

interface RulesOptions {
  format: 'text' | 'json';
  lang: 'th' | 'en';
  pack: string[];
}

/** Columns a terminal gives the text: Thai vowel and tone marks take none. */
export function displayWidth(text: string): number {
  return [...text.replace(/\p{M}/gu, '')].length;
}

function pad(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}

/** Rows as a table whose columns are as wide as their widest cell (the last column is not padded). */
export function table(rows: readonly (readonly string[])[]): string[] {
  const widths = rows[0]?.map((_c, i) => Math.max(...rows.map((row) => displayWidth(row[i] ?? '')))) ?? [];
  return rows.map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : pad(cell, widths[i]!))).join('  ').trimEnd());
}

function citationCell({ citation, replaces, disabled }: RuleInfo, lang: 'th' | 'en'): string {
  if (disabled) return `${citation.text[lang]} (${lang === 'th' ? 'ปิดใช้โดย' : 'disabled by'} ${disabled.by}: ${disabled.reason[lang]})`;
  return replaces ? `${citation.text[lang]} (${lang === 'th' ? 'แทนกฎของ' : 'replaces'} ${replaces})` : citation.text[lang];
}

function textList(rules: readonly RuleInfo[], lang: 'th' | 'en'): string {
  const out: string[] = [];
  const packs = [...new Set(rules.map((r) => r.pack))];
  for (const pack of packs) {
    const own = rules.filter((r) => r.pack === pack);
    const from = `${lang === 'th' ? 'ใช้บังคับตั้งแต่' : 'in force from'} ${formatDate(pack.meta.inForce.from, lang)}`;
    out.push(`${pack.meta.notice[lang]} — ${pack.meta.id} ${pack.meta.version} (${from}${pack.meta.inForce.to ? ` – ${formatDate(pack.meta.inForce.to, lang)}` : ''}): ${own.length} ${lang === 'th' ? 'กฎ' : own.length === 1 ? 'rule' : 'rules'}`);
    const header = lang === 'th' ? ['กฎ', 'ระดับ', 'ใช้กับ', 'อ้างอิง'] : ['RULE', 'SEVERITY', 'SUBJECT', 'CITATION'];
    const sorted = [...own].sort((a, b) => SEVERITY_ORDER.indexOf(a.rule.severity) - SEVERITY_ORDER.indexOf(b.rule.severity) || a.rule.id.localeCompare(b.rule.id, 'en', { numeric: true }));
    out.push(...table([header, ...sorted.map((info) => [info.rule.id, info.rule.severity, info.rule.subject, citationCell(info, lang)])]).map((line) => `  ${line}`), '');
  }
  return out.join('\n');
}

function jsonList(rules: readonly RuleInfo[]): string {
  const packs = [...new Set(rules.map((r) => r.pack))].map((p) => ({ id: p.meta.id, version: p.meta.version, notice: p.meta.notice, title: p.meta.title, inForce: { from: p.meta.inForce.from, ...(p.meta.inForce.to ? { to: p.meta.inForce.to } : {}) } }));
  // The rules catalog: what compact findings leave out (title, clause text, reading, messages, consequence), once per rule.
  const list = rulesCatalog(rules);
  return `${JSON.stringify({ packs, rules: list }, null, 2)}\n`;
}

const collect = (value: string, previous: string[]) => [...previous, value];

/** `rules`: every rule of the built-in pack (and `--pack` packs) with its citation. */
export function registerRules(program: Command, io: Io, setCode: (code: number) => void): void {
  program
    .command('rules')
    .description('list every rule with its citation')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .addOption(new Option('--lang <lang>', 'language of the output').choices(['th', 'en']).default('en'))
    .option('--pack <dir>', 'also list the rules of the pack in this directory (repeatable)', collect, [] as string[])
    .action((options: RulesOptions) => {
      const { packs, problems } = loadPacks(options.pack, cwdOf(io));
      if (problems.length > 0) {
        writeProblems(io, `${problems.length} problem${problems.length === 1 ? '' : 's'} in the rule packs given with --pack`, problems);
        return setCode(EXIT.usage);
      }
      const rules = ruleCatalog(packs);
      io.stdout.write(options.format === 'json' ? jsonList(rules) : textList(rules, options.lang));
      setCode(EXIT.ok);
    });
}
