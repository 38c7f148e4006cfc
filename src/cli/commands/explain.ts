import { Option, type Command } from 'commander';
import { formatDate, type Rule } from '../../index.js';
import { describeCondition, describeParameterValues, describeReference, parameterOf, referencedIds, type Scope } from '../conditions.js';
import { cwdOf, EXIT, writeProblems, type Io } from '../io.js';
import { describeCitation, loadPacks, ruleCatalog, type RuleInfo } from '../packs.js';
import { closest } from '../suggest.js';

interface ExplainOptions {
  lang: 'th' | 'en';
  pack: string[];
}

type Lang = 'th' | 'en';

const WORDS = {
  th: { severity: 'ระดับ', subject: 'ใช้กับ', thaiText: 'ข้อความในประกาศ', reading: 'คำอ่านภาษาอังกฤษ', parameters: 'พารามิเตอร์ที่ใช้', overriddenBy: 'กำหนดแทนโดยชุดกฎ', lookups: 'ตารางที่ใช้', appliesWhen: 'ใช้เมื่อ', everySubject: 'ใช้กับทุกรายการประเภทนี้ (ไม่มีเงื่อนไข)', violationWhen: 'พบประเด็นเมื่อ', evidence: 'หลักฐานที่รายงาน', consequence: 'ผลทางกฎหมาย', inForce: 'มีผลใช้บังคับ', from: 'ตั้งแต่', to: 'ถึง', replaces: 'แทนกฎเดียวกันของชุดกฎ', disabledBy: 'ปิดใช้โดยชุดกฎ' },
  en: { severity: 'severity', subject: 'subject', thaiText: 'Thai text', reading: 'English reading', parameters: 'Parameters', overriddenBy: 'overridden by pack', lookups: 'Lookups', appliesWhen: 'Applies when', everySubject: 'always (no condition)', violationWhen: 'Finding when', evidence: 'Evidence reported', consequence: 'Consequence', inForce: 'In force', from: 'from', to: 'to', replaces: 'replaces the rule of the same id in pack', disabledBy: 'disabled by pack' },
} as const;

function indent(text: string, by = '    '): string {
  return text.split('\n').map((line) => (line ? by + line : line)).join('\n');
}

function headerLines({ pack, rule, citation, replaces, disabled }: RuleInfo, lang: Lang): string[] {
  const w = WORDS[lang];
  const lines = [rule.id, rule.title[lang], `${pack.meta.notice[lang]} (${pack.meta.id} ${pack.meta.version}) · ${w.severity}: ${rule.severity} · ${w.subject}: ${rule.subject}`];
  if (replaces) lines.push(`${w.replaces} ${replaces}`);
  if (disabled) lines.push(`${w.disabledBy} ${disabled.by}: ${disabled.reason[lang]}`);
  lines.push('', citation.text[lang]);
  if (citation.clauseText) lines.push(`  ${w.thaiText}:`, indent(citation.clauseText));
  if (citation.reading) lines.push(`  ${w.reading}:`, indent(citation.reading));
  if (rule.description) lines.push('', rule.description[lang]);
  return lines;
}

function parameterLines(scope: Scope, rule: Rule, lang: Lang): string[] {
  const w = WORDS[lang];
  const ids = referencedIds([...(rule.appliesWhen ? [rule.appliesWhen] : []), rule.violationWhen, ...rule.evidence], 'param');
  if (ids.length === 0) return [];
  const lines = ['', `${w.parameters}:`];
  for (const id of ids) {
    const found = parameterOf(scope, id);
    if (!found) continue;
    const by = found.pack !== scope.pack ? ` (${w.overriddenBy} ${found.pack.meta.id})` : '';
    lines.push(`  ${id} — ${found.parameter.description[lang]}${by}`, ...describeParameterValues(found.pack, found.parameter, lang).map((v) => `    ${v}`));
  }
  return lines;
}

function lookupLines({ pack }: Scope, rule: Rule, lang: Lang): string[] {
  const ids = referencedIds([...(rule.appliesWhen ? [rule.appliesWhen] : []), rule.violationWhen, ...rule.evidence], 'lookup');
  const lookups = ids.flatMap((id) => pack.lookups.filter((l) => l.id === id));
  if (lookups.length === 0) return [];
  return ['', `${WORDS[lang].lookups}:`, ...lookups.flatMap((l) => [`  ${l.id} — ${l.description[lang]}`, `    ${Object.entries(l.table).map(([k, v]) => `${k} → ${String(v)}`).join(', ')}`])];
}

function conditionLines(scope: Scope, rule: Rule, lang: Lang): string[] {
  const w = WORDS[lang];
  const applies = rule.appliesWhen ? describeCondition(rule.appliesWhen, scope, lang, 1) : [`  ${w.everySubject}`];
  return ['', `${w.appliesWhen}:`, ...applies, '', `${w.violationWhen}:`, ...describeCondition(rule.violationWhen, scope, lang, 1)];
}

function closingLines(scope: Scope, rule: Rule, lang: Lang): string[] {
  const { pack } = scope;
  const w = WORDS[lang];
  const evidence = rule.evidence.map((e) => `${e.label?.[lang] ?? e.name} (${describeReference(e, scope, lang, false)})`);
  const lines = ['', `${w.evidence}: ${evidence.join(', ')}`];
  if (rule.consequence) {
    const message = pack.messages[rule.consequence.message]?.[lang] ?? rule.consequence.message;
    lines.push(`${w.consequence}: ${message} (${describeCitation(pack, rule.consequence.citation).text[lang]})`);
  }
  const from = rule.inForce?.from ?? pack.meta.inForce.from;
  const to = rule.inForce?.to ?? pack.meta.inForce.to;
  lines.push(`${w.inForce}: ${w.from} ${formatDate(from, lang)}${to ? ` ${w.to} ${formatDate(to, lang)}` : ''}`);
  return lines;
}

/** A rule for a person: the clause, the dated parameters it reads, its conditions in words. */
export function explainRule(info: RuleInfo, lang: Lang): string {
  const scope: Scope = { pack: info.pack, parameterOverrides: info.parameterOverrides };
  const { rule } = info;
  return `${[...headerLines(info, lang), ...parameterLines(scope, rule, lang), ...lookupLines(scope, rule, lang), ...conditionLines(scope, rule, lang), ...closingLines(scope, rule, lang)].join('\n')}\n`;
}

const collect = (value: string, previous: string[]) => [...previous, value];

/** `explain <rule-id>`: the clause, its parameters and the rule's conditions in words. */
export function registerExplain(program: Command, io: Io, setCode: (code: number) => void): void {
  program
    .command('explain')
    .description("explain a rule: the clause's Thai text and English reading, its dated parameters, its conditions in words")
    .argument('<rule-id>', 'a rule id, e.g. tn89.cl1.hnw-scheme-minimum-below-threshold (see `rules`)')
    .addOption(new Option('--lang <lang>', 'language of the output').choices(['th', 'en']).default('en'))
    .option('--pack <dir>', 'also look in the pack in this directory (repeatable)', collect, [] as string[])
    .action((ruleId: string, options: ExplainOptions) => {
      const { packs, problems } = loadPacks(options.pack, cwdOf(io));
      if (problems.length > 0) {
        writeProblems(io, `${problems.length} problem${problems.length === 1 ? '' : 's'} in the rule packs given with --pack`, problems);
        return setCode(EXIT.usage);
      }
      const catalog = ruleCatalog(packs);
      const matches = catalog.filter((r) => r.rule.id === ruleId || `${r.pack.meta.id}/${r.rule.id}` === ruleId);
      if (matches.length === 0) {
        const suggestions = closest(ruleId, [...new Set(catalog.map((r) => r.rule.id))]);
        io.stderr.write(`error: unknown rule id "${ruleId}". Did you mean:\n${suggestions.map((id) => `  ${id}`).join('\n')}\n(\`rules\` lists every rule.)\n`);
        return setCode(EXIT.usage);
      }
      io.stdout.write(matches.map((info) => explainRule(info, options.lang)).join('\n'));
      setCode(EXIT.ok);
    });
}
