import type { Severity } from '../index.js';

/** Most severe first. */
export const SEVERITY_ORDER: readonly Severity[] = ['revocation-ground', 'order-ground', 'violation', 'warning', 'info'];

export const SEVERITY_RANK: Record<Severity, number> = { info: 0, warning: 1, violation: 2, 'order-ground': 3, 'revocation-ground': 4 };

export const SEVERITY_LABEL: Record<Severity, { th: string; en: string }> = {
  'revocation-ground': { th: 'เหตุเพิกถอน', en: 'REVOCATION GROUND' },
  'order-ground': { th: 'เหตุสั่งการ', en: 'ORDER GROUND' },
  violation: { th: 'ฝ่าฝืน', en: 'VIOLATION' },
  warning: { th: 'คำเตือน', en: 'WARNING' },
  info: { th: 'ข้อมูล', en: 'INFO' },
};

export type SarifLevel = 'error' | 'warning' | 'note';

/** SARIF level of a severity: the grounds and violations are errors. */
export function sarifLevel(severity: Severity): SarifLevel {
  if (severity === 'warning') return 'warning';
  if (severity === 'info') return 'note';
  return 'error';
}

export function bySeverity<T extends { severity: Severity }>(a: T, b: T): number {
  return SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity);
}

export function atOrAbove(severity: Severity, threshold: Severity): boolean {
  return SEVERITY_RANK[severity] >= SEVERITY_RANK[threshold];
}

/** The `--fail-on` threshold in words: Thai readers get the severity's Thai name with the flag's value after it. */
export function thresholdText(failOn: Severity, lang: 'th' | 'en'): string {
  return lang === 'th' ? `"${SEVERITY_LABEL[failOn].th}" (--fail-on ${failOn})` : `--fail-on ${failOn}`;
}
