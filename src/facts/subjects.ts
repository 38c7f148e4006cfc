import { z } from 'zod';

/** What a rule is evaluated once per: the fund itself, or each of one kind of thing the fund records. */
export const subjectKindSchema = z.enum([
  'fund',
  'unitholder',
  'accounting-period',
  'office-order',
  'scheme-amendment',
  'fund-manager',
  'obligation',
  'waiver',
  'recorded-ground',
]);
export type SubjectKind = z.infer<typeof subjectKindSchema>;
