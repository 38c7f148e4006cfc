import { fieldsOf } from '../engine/facts.js';
import type { DecidingCondition, Finding } from '../engine/report.js';
import { registerFactColumns } from '../facts/catalog.js';
import type { RegisterColumn } from '../facts/register-columns.js';

/**
 * Findings of register rows, built as evaluate() builds them (same fields, in
 * the same order, so a row's finding serialises as the finding of the same
 * unitholder in a scheme file), with the register's own pointers:
 * `rows[n]` is the n-th data row of the register, counted from 1, and its
 * fields are named by column (`rows[n].first_subscription_amount`).
 */

/** Where each unitholder fact comes from in a register row (the vocabulary's `column` of each field). */
const ROW_ORIGINS: Readonly<Record<string, RegisterColumn>> = registerFactColumns();

/** The pointer of a register row. */
export function rowPointer(row: number): string {
  return `rows[${row}]`;
}

const ROW = 'rows[#]';

/**
 * Input pointers of a register row's facts beside the fund's own (which point
 * into the scheme file), with the row number left as `#`: built once per fund.
 */
export function rowOriginsTemplate(fundOrigins: Readonly<Record<string, string>>): Record<string, string> {
  const origins: Record<string, string> = { ...fundOrigins, unitholder: ROW };
  for (const [key, column] of Object.entries(ROW_ORIGINS)) origins[key] = `${ROW}.${column}`;
  return origins;
}

/** The input pointers of the fields that decided a finding about row `row`. */
export function rowFields(decidedBy: readonly DecidingCondition[], template: Readonly<Record<string, string>>, row: number): string[] {
  return fieldsOf(decidedBy, { origins: template }).map((field) => (field.startsWith(ROW) ? `${rowPointer(row)}${field.slice(ROW.length)}` : field));
}

/** A finding about one register row, as written to the NDJSON stream. */
export type RegisterFinding = { type: 'finding'; row: number; line: number } & Finding;
