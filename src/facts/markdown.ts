import { FACTS, type FactDefinition, type FactField } from './catalog.js';

/**
 * The fact tables of rules/README.md, written from the vocabulary
 * (`npm run facts-doc`); a test fails when the committed file differs.
 */

export const FACT_TABLES_BEGIN = '<!-- fact tables: generated from src/facts/catalog.ts by `npm run facts-doc`; edit the catalogue, not this text -->';
export const FACT_TABLES_END = '<!-- end of the generated fact tables -->';

/** A table cell: pipes escaped, on one line. */
const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
const codes = (values: readonly string[]) => values.map((v) => `\`${v}\``).join(', ');

function typeOf(field: FactField): string {
  return field.nullable ? `${field.type} | null` : field.type;
}

function fromOf(field: FactField): string {
  return field.derived ? `computed from ${codes(field.from)}` : codes(field.from);
}

function columnOf(field: FactField): string {
  const own = field.column && !field.fields ? [`\`${field.column}\``] : [];
  const nested = Object.entries(field.fields ?? {})
    .filter(([, f]) => f.column)
    .map(([name, f]) => `${name}: \`${f.column}\``);
  return [...own, ...nested].join(', ') || '—';
}

/** A paragraph wrapped at about 76 columns, as the hand-written parts of the document are. */
function wrap(text: string, width = 76): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.join('\n');
}

function subjectsOf(definition: FactDefinition): string {
  return definition.subjects === 'all' ? 'every subject kind' : `subject ${codes(definition.subjects)}`;
}

function factSection(name: string, definition: FactDefinition): string {
  const lines = [`### \`${name}\` (${subjectsOf(definition)})`, '', wrap(definition.en)];
  const fields = Object.entries(definition.fields ?? {});
  if (fields.length > 0) {
    const register = fields.some(([, f]) => f.column || Object.values(f.fields ?? {}).some((n) => n.column));
    const head = ['field', 'type', 'meaning', 'from the input', ...(register ? ['register column'] : [])];
    lines.push('', `| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`);
    for (const [fieldName, field] of fields) {
      const row = [`\`${fieldName}\``, typeOf(field), field.en, fromOf(field), ...(register ? [columnOf(field)] : [])];
      lines.push(`| ${row.map(cell).join(' | ')} |`);
    }
  }
  return lines.join('\n');
}

/** The generated part: one section per fact, in the catalogue's order. */
export function factTablesMarkdown(): string {
  return Object.entries(FACTS)
    .map(([name, definition]) => factSection(name, definition))
    .join('\n\n');
}

/** The document with its generated fact tables replaced by the current ones. */
export function withFactTables(document: string): string {
  const begin = document.indexOf(FACT_TABLES_BEGIN);
  const end = document.indexOf(FACT_TABLES_END);
  if (begin < 0 || end < begin) throw new Error('the document has no generated fact tables (markers not found)');
  return `${document.slice(0, begin + FACT_TABLES_BEGIN.length)}\n\n${factTablesMarkdown()}\n\n${document.slice(end)}`;
}
