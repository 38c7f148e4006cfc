import { z } from 'zod';
import { calendarDateSchema } from './calendar-date.js';

/** Categories under the SEC's investor-definition notices, used by TorNor. 89/2558 §1 "non-retail investor". */
export const investorCategorySchema = z
  .enum(['institutional', 'ultra-high-net-worth', 'high-net-worth', 'retail'])
  .describe('SEC investor category: institutional, ultra-high-net-worth, high-net-worth (all three are non-retail) or retail');
export type InvestorCategory = z.infer<typeof investorCategorySchema>;

const countryCode = z
  .string()
  .regex(/^[A-Z]{2}$/, 'expected an ISO 3166-1 alpha-2 country code such as "TH"')
  .describe('ISO 3166-1 alpha-2 country code');

export const investorSchema = z
  .object({
    id: z.string().min(1).max(200),
    type: z.enum(['individual', 'juristic']),
    category: investorCategorySchema,
    /** The date the category was assessed (the KYC review that qualified the investor). */
    assessedOn: calendarDateSchema.optional(),
    domicile: countryCode,
    name: z.string().max(500).optional(),
  })
  .strict();
export type Investor = z.infer<typeof investorSchema>;
export type InvestorInput = z.input<typeof investorSchema>;
export { countryCode as countryCodeSchema };
