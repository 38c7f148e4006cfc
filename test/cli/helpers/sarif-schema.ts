/**
 * The official SARIF 2.1.0 schema (draft-04), as shipped by @microsoft/jest-sarif,
 * compiled once. ajv-draft-04 needs ajv 8 as its peer; when that is not
 * installed (the lock file has none today) the schema is compiled with the ajv 6
 * that @microsoft/jest-sarif itself depends on, which reads draft-04 natively.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const schema = require('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json') as object;

type Validate = ((data: unknown) => boolean) & { errors?: { instancePath?: string; dataPath?: string; message?: string }[] | null };

function compileWithAjvDraft04(): Validate | undefined {
  try {
    const AjvDraft04 = require('ajv-draft-04') as new (options: object) => { compile(schema: object): Validate };
    return new AjvDraft04({ strict: false, unicodeRegExp: false, allErrors: true }).compile(schema);
  } catch {
    return undefined;
  }
}

function compileWithJestSarifAjv(): Validate {
  const fromJestSarif = createRequire(require.resolve('@microsoft/jest-sarif'));
  const Ajv = fromJestSarif('ajv') as new (options: object) => { addMetaSchema(schema: object): void; compile(schema: object): Validate };
  const ajv = new Ajv({ schemaId: 'auto', allErrors: true });
  ajv.addMetaSchema(fromJestSarif('ajv/lib/refs/json-schema-draft-04.json') as object);
  return ajv.compile(schema);
}

const validate: Validate = compileWithAjvDraft04() ?? compileWithJestSarifAjv();

/** The schema violations of a SARIF log: empty when it is valid. */
export function sarifSchemaErrors(log: unknown): string[] {
  if (validate(log)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath ?? e.dataPath ?? ''} ${e.message ?? ''}`.trim());
}
