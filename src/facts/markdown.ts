import { FACTS, type FactDefinition, type FactField } from './catalog.js';
import { SUBJECT_KINDS, subjectKindSchema } from './subjects.js';

/**
 * The subject and fact tables of rules/README.md, written from the vocabulary
 * (`npm run facts-doc`); a test fails when the committed file differs.
 */

const SUBJECT_TABLE = {
  begin: '<!-- subject table: generated from src/facts/subjects.ts and catalog.ts by `npm run facts-doc`; edit those, not this text -->',
  end: '<!-- end of the generated subject table -->',
};
const FACT_TABLES = {
  begin: '<!-- fact tables: generated from src/facts/catalog.ts by `npm run facts-doc`; edit the catalogue, not this text -->',
  end: '<!-- end of the generated fact tables -->',
};

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

/** Each subject kind: what one evaluation is about, its own fact and its message placeholders. */
export function subjectTableMarkdown(): string {
  const lines = ['| subject kind | one evaluation per | the subject\'s own fact | placeholders its messages may use |', '|---|---|---|---|'];
  for (const kind of subjectKindSchema.options) {
    const own = Object.entries(FACTS).filter(([, d]) => d.subjects !== 'all' && d.subjects.includes(kind)).map(([name]) => name);
    const { each, placeholders } = SUBJECT_KINDS[kind];
    lines.push(`| \`${kind}\` | ${cell(each.en)} | ${own.length > 0 ? codes(own) : '—'} | ${placeholders.map((p) => `\`{${p}}\``).join(', ')} |`);
  }
  return lines.join('\n');
}

/** The fact sections: one per fact, in the catalogue's order. */
export function factTablesMarkdown(): string {
  return Object.entries(FACTS)
    .map(([name, definition]) => factSection(name, definition))
    .join('\n\n');
}

function replaceBetween(document: string, markers: { begin: string; end: string }, content: string): string {
  const begin = document.indexOf(markers.begin);
  const end = document.indexOf(markers.end);
  if (begin < 0 || end < begin) throw new Error(`the document has no generated part marked "${markers.begin}"`);
  return `${document.slice(0, begin + markers.begin.length)}\n\n${content}\n\n${document.slice(end)}`;
}

/** The document with its generated subject table and fact tables replaced by the current ones. */
export function withFactTables(document: string): string {
  return replaceBetween(replaceBetween(document, SUBJECT_TABLE, subjectTableMarkdown()), FACT_TABLES, factTablesMarkdown());
}
