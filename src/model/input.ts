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
      if (investorIds.has(investor.id)) ctx.addIssue({ code: 'custom', path: ['investors', index, 'id'], message: `investor id ${investor.id} is given twice` });
      investorIds.add(investor.id);
    });
    const fundIds = new Set<string>();
    input.funds.forEach((fund, fundIndex) => {
      if (fundIds.has(fund.id)) ctx.addIssue({ code: 'custom', path: ['funds', fundIndex, 'id'], message: `fund id ${fund.id} is given twice` });
      fundIds.add(fund.id);
      fund.unitholders.forEach((holder, holderIndex) => {
        if (!investorIds.has(holder.investorId)) {
          ctx.addIssue({
            code: 'custom',
            path: ['funds', fundIndex, 'unitholders', holderIndex, 'investorId'],
            message: `no investor with id ${holder.investorId} in investors[]`,
          });
        }
      });
    });
  });
export type EvaluationInput = z.infer<typeof evaluationInputSchema>;
export type EvaluationInputData = z.input<typeof evaluationInputSchema>;
