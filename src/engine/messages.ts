import { formatDate } from '../model/calendar-date.js';
import { formatMoney } from '../model/money.js';
import type { Localized } from '../packs/schema.js';
import type { SubjectIdentity } from './facts.js';
import type { CategoryBasis } from './investor-category.js';
import type { Evidence } from './report.js';

const PLACEHOLDER = /\{([a-zA-Z][a-zA-Z0-9]*)\}/g;

/** Words for coded values (`retail` → `ผู้ลงทุนรายย่อย`), from a pack's messages.yaml `labels`. */
export type Labels = Readonly<Record<string, Localized>>;

/** Render one evidence value for a reader: money with separators, B.E. dates in Thai, coded values in words. */
export function formatValue(evidence: { type: Evidence['type']; value: unknown }, locale: 'th' | 'en', labels: Labels = {}): string {
  const { type, value } = evidence;
  const word = (v: unknown) => (typeof v === 'string' && Object.prototype.hasOwnProperty.call(labels, v) ? labels[v]![locale] : String(v));
  if (value === null || value === undefined) return locale === 'th' ? '(ไม่มีข้อมูล)' : '(not recorded)';
  switch (type) {
    case 'money':
      return formatMoney(String(value), locale);
    case 'date':
      return formatDate(String(value), locale);
    case 'months':
      return locale === 'th' ? `${value} เดือน` : `${value} month${value === 1 ? '' : 's'}`;
    case 'days':
      return locale === 'th' ? `${value} วัน` : `${value} day${value === 1 ? '' : 's'}`;
    case 'object':
      return isCategoryBasis(value) ? formatCategoryBasis(value, locale, word) : JSON.stringify(value);
    case 'boolean':
      return value ? (locale === 'th' ? 'ใช่' : 'yes') : locale === 'th' ? 'ไม่ใช่' : 'no';
    case 'list':
      return Array.isArray(value) ? (value.length === 0 ? (locale === 'th' ? '(ไม่มี)' : '(none)') : value.map(word).join(', ')) : word(value);
    default:
      return word(value);
  }
}

function isCategoryBasis(value: unknown): value is CategoryBasis {
  return typeof value === 'object' && value !== null && 'source' in value && 'category' in value;
}

/** "derived from the KYC review of 1 Oct 2022: netAssets 35000000 ≥ 30,000,000.00 THB (KorJor. 39/2564)" */
function formatCategoryBasis(basis: CategoryBasis, locale: 'th' | 'en', word: (v: unknown) => string): string {
  const on = basis.assessedOn ? formatDate(basis.assessedOn, locale) : locale === 'th' ? '(ไม่ระบุวัน)' : '(no date)';
  if (basis.source === 'given') return locale === 'th' ? `${word(basis.category)} ตามที่ระบุ (ประเมินเมื่อ ${on})` : `${word(basis.category)} as given (assessed ${on})`;
  if (!basis.test) return locale === 'th' ? `${word(basis.category)}: ไม่ผ่านเกณฑ์ใดตามการทบทวนเมื่อ ${on}` : `${word(basis.category)}: met no test at the review of ${on}`;
  const { field, value, operator, threshold, notice } = basis.test;
  const shown = operator === 'atLeast' ? `${field} ${formatMoney(value, locale)} ≥ ${formatMoney(String(threshold), locale)}` : `${field} ${value}`;
  return locale === 'th'
    ? `${word(basis.category)} จากการทบทวนเมื่อ ${on}: ${shown} (${notice.th})`
    : `${word(basis.category)} from the review of ${on}: ${shown} (${notice.en})`;
}

function subjectValues(subject: SubjectIdentity, locale: 'th' | 'en'): Record<string, string> {
  const values: Record<string, string> = { fundId: subject.fundId };
  if (subject.investorId) values['investorId'] = subject.investorId;
  if (subject.period) {
    values['periodStart'] = formatDate(subject.period.start, locale);
    values['periodEnd'] = formatDate(subject.period.end, locale);
  }
  if (subject.orderId) values['orderId'] = subject.orderId;
  if (subject.amendmentId) values['amendmentId'] = subject.amendmentId;
  if (subject.fundManager) values['fundManager'] = subject.fundManager;
  if (subject.obligationId) values['obligationId'] = subject.obligationId;
  if (subject.waiverReference) values['waiverReference'] = subject.waiverReference;
  if (subject.groundItem !== undefined) values['groundItem'] = String(subject.groundItem);
  return values;
}

/** Fill a message template's {placeholders} from the evidence and the subject, in both languages. */
export function renderMessage(template: Localized, evidence: readonly Evidence[], subject: SubjectIdentity, labels: Labels = {}): Localized {
  // Only the values a template names are formatted (an evidence item outranks a subject value of the same name; a later item an earlier one).
  const byName = new Map<string, Evidence>();
  for (const item of evidence) byName.set(item.name, item);
  const fill = (locale: 'th' | 'en') => {
    let values: Record<string, string> | undefined;
    return template[locale].replace(PLACEHOLDER, (whole, name: string) => {
      const item = byName.get(name);
      if (item) return formatValue(item, locale, labels);
      return (values ??= subjectValues(subject, locale))[name] ?? whole;
    });
  };
  return { th: fill('th'), en: fill('en') };
}
