import { ComplianceInputError } from './errors.js';

/** The languages a report is written in. */
export type Locale = 'th' | 'en';

/** An option `locale`: absent (English), 'th' or 'en'; anything else is an input error naming `locale`. */
export function parseLocale(value: unknown): Locale {
  if (value === undefined) return 'en';
  if (value === 'th' || value === 'en') return value;
  const shown = typeof value === 'string' ? JSON.stringify(value.slice(0, 40)) : typeof value;
  throw new ComplianceInputError([{ path: ['locale'], pointer: 'locale', message: `expected "th" or "en", got ${shown}`, code: 'invalid_value', detail: { code: 'invalid_value', values: ['th', 'en'] } }], 'options');
}
