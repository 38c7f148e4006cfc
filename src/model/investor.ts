import { z } from 'zod';
import { calendarDateSchema } from './calendar-date.js';
import { moneySchema } from './money.js';

/** Categories under the SEC's investor-definition notices, used by TorNor. 89/2558 §1 "non-retail investor". */
export const investorCategorySchema = z
  .enum(['institutional', 'ultra-high-net-worth', 'high-net-worth', 'retail'])
  .describe('SEC investor category: institutional, ultra-high-net-worth, high-net-worth (all three are non-retail) or retail');
export type InvestorCategory = z.infer<typeof investorCategorySchema>;

const countryCode = z
  .string()
  .regex(/^[A-Z]{2}$/, 'expected an ISO 3166-1 alpha-2 country code such as "TH"')
  .describe('ISO 3166-1 alpha-2 country code');

/**
 * The financial profile a KYC review records; when an investor's category is
 * not given, it is derived from this with the thresholds in force on the
 * review date.
 */
export const investorProfileSchema = z
  .object({
    /** The KYC review date: thresholds are those in force on this date, not on the evaluation date. */
    assessedOn: calendarDateSchema,
    netAssets: moneySchema.optional(),
    /** Net assets excluding the main residence (used by some eras' ultra-high-net-worth test). */
    netAssetsExcludingMainResidence: moneySchema.optional(),
    annualIncome: moneySchema.optional(),
    /** Investments in securities and derivatives. */
    investments: moneySchema.optional(),
    /** Investments including deposits. */
    investmentsIncludingDeposits: moneySchema.optional(),
    /** For juristic persons: the kind of institution, e.g. "commercial-bank", "provident-fund". */
    institutionType: z.string().min(1).max(100).optional(),
  })
  .strict();
export type InvestorProfile = z.infer<typeof investorProfileSchema>;

export const investorSchema = z
  .object({
    id: z.string().min(1).max(200),
    type: z.enum(['individual', 'juristic']),
    /** Given by the user; absent → derived from `profile`. */
    category: investorCategorySchema.optional(),
    /** The date the given category was assessed (the KYC review that qualified the investor). */
    assessedOn: calendarDateSchema.optional(),
    profile: investorProfileSchema.optional(),
    domicile: countryCode,
    name: z.string().max(500).optional(),
  })
  .strict()
  .refine((investor) => investor.category !== undefined || investor.profile !== undefined, {
    message: 'give the investor\'s category, or a profile to derive it from',
    path: ['category'],
  });
export type Investor = z.infer<typeof investorSchema>;
export type InvestorInput = z.input<typeof investorSchema>;
export { countryCode as countryCodeSchema };
