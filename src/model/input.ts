import { z } from 'zod';
import { fundSchema } from './fund.js';
import { investorSchema } from './investor.js';

/** What one evaluation reads: the funds and the investors their unitholders refer to. */
export const evaluationInputSchema = z
  .object({
    funds: z.array(fundSchema).min(1, 'give at least one fund'),
    investors: z.array(investorSchema).default([]),
  })
  .strict()
  .superRefine((input, ctx) => {
    const investorIds = new Set<string>();
    input.investors.forEach((investor, index) => {
      if (investorIds.has(investor.id)) ctx.addIssue({ code: 'custom', path: ['investors', index, 'id'], message: `investor id ${investor.id} is given twice`, params: { th: `รหัสผู้ลงทุน ${investor.id} ซ้ำกัน` } });
      investorIds.add(investor.id);
    });
    const fundIds = new Set<string>();
    input.funds.forEach((fund, fundIndex) => {
      if (fundIds.has(fund.id)) ctx.addIssue({ code: 'custom', path: ['funds', fundIndex, 'id'], message: `fund id ${fund.id} is given twice`, params: { th: `รหัสกองทุน ${fund.id} ซ้ำกัน` } });
      fundIds.add(fund.id);
      fund.unitholders.forEach((holder, holderIndex) => {
        if (!investorIds.has(holder.investorId)) {
          ctx.addIssue({
            code: 'custom',
            path: ['funds', fundIndex, 'unitholders', holderIndex, 'investorId'],
            message: `no investor with id ${holder.investorId} in investors[]`,
            params: { th: `ไม่มีผู้ลงทุนรหัส ${holder.investorId} ใน investors[]` },
          });
        }
      });
    });
  });
/** The input after validation, with defaults filled in (what the engine works on; not what you write: that is {@link FundComplianceInput}). */
export type ParsedEvaluationInput = z.infer<typeof evaluationInputSchema>;
/**
 * The parsed input ({@link ParsedEvaluationInput}), under the name it had
 * first. To type what you give `evaluate`, use {@link FundComplianceInput}.
 */
export type EvaluationInput = ParsedEvaluationInput;
/**
 * What you give `evaluate`: funds and investors as documented (amounts as
 * decimal strings, dates as "YYYY-MM-DD" or "BE YYYY-MM-DD", optional fields
 * optional). Data of unknown shape goes to `safeEvaluate`, or is validated at
 * run time by `evaluate` all the same.
 */
export type FundComplianceInput = z.input<typeof evaluationInputSchema>;
/** @deprecated The same type as {@link FundComplianceInput}, under its old name. */
export type EvaluationInputData = FundComplianceInput;
