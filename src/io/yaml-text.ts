import { parseDocument } from 'yaml';

/** Plain data parsed from YAML text, or why it could not be (no file access here: the browser build uses it too). */
export type YamlFileResult = { ok: true; value: unknown } | { ok: false; problems: string[] };

/** Parse YAML text as plain data (YAML 1.2 core schema, no tag resolved, duplicate keys refused, alias expansion bounded). */
export function parseYamlData(text: string): YamlFileResult {
  const doc = parseDocument(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, { uniqueKeys: true, prettyErrors: true, schema: 'core', resolveKnownTags: false });
  const errors = [...doc.errors, ...doc.warnings.filter((warning) => warning.code === 'TAG_RESOLVE_FAILED')];
  if (errors.length > 0) return { ok: false, problems: errors.map((error) => `YAML: ${error.message.split('\n')[0]}`) };
  try {
    return { ok: true, value: doc.toJS({ maxAliasCount: 100 }) as unknown };
  } catch (error) {
    // An alias bomb ("billion laughs") or nesting too deep for the stack.
    return { ok: false, problems: [`YAML: ${(error as Error).message}`] };
  }
}
