import { z } from 'zod';
import { evaluationInputSchema } from '../model/input.js';
import { fundSchema } from '../model/fund.js';
import { packTestCaseSchema } from './test-runner.js';
import { ruleSchema, packMetaSchema, parametersFileSchema, messagesFileSchema, clausesFileSchema, lookupsFileSchema, packSchema, coverageFileSchema, referencesFileSchema, investorCategoriesFileSchema } from '../packs/schema.js';

/** The JSON Schemas shipped in `schemas/`, generated from the zod schemas (the zod schema is the source of truth). */
export function jsonSchemas(): Record<string, unknown> {
  const make = (schema: z.ZodType, title: string, id: string) => ({
    ...z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' }),
    // Relative: it resolves to the file itself wherever the package is (node_modules/thai-fund-compliance/schemas/),
    // not to a web address that may not exist.
    $id: id,
    title,
  });
  return {
    'input.schema.json': make(evaluationInputSchema, 'Evaluation input: funds and investors', 'input.schema.json'),
    'fund.schema.json': make(fundSchema, 'One fund (scheme file)', 'fund.schema.json'),
    'pack.schema.json': make(packSchema, 'A whole rule pack as one object', 'pack.schema.json'),
    'pack-meta.schema.json': make(packMetaSchema, 'pack.yaml: rule-pack metadata', 'pack-meta.schema.json'),
    'rule.schema.json': make(ruleSchema, 'rules/*.yaml: one rule', 'rule.schema.json'),
    'parameters.schema.json': make(parametersFileSchema, 'parameters.yaml: dated parameters', 'parameters.schema.json'),
    'messages.schema.json': make(messagesFileSchema, 'messages.yaml: Thai and English messages', 'messages.schema.json'),
    'clauses.schema.json': make(clausesFileSchema, 'clauses.yaml: clause texts', 'clauses.schema.json'),
    'lookups.schema.json': make(lookupsFileSchema, 'lookups.yaml: lookup tables', 'lookups.schema.json'),
    'coverage.schema.json': make(coverageFileSchema, 'coverage.yaml: clause coverage', 'coverage.schema.json'),
    'references.schema.json': make(referencesFileSchema, 'references.yaml: what references to other notices mean', 'references.schema.json'),
    'investor-categories.schema.json': make(investorCategoriesFileSchema, 'investor-categories.yaml: deriving investor categories', 'investor-categories.schema.json'),
    'pack-test.schema.json': make(z.array(packTestCaseSchema), 'tests/*.yaml: pack test cases', 'pack-test.schema.json'),
  };
}
