import { isMap, isSeq, LineCounter, parseDocument } from 'yaml';

/** Plain data parsed from YAML text, or why it could not be (no file access here: the browser build uses it too). */
/**
 * `itemLines`: the 1-based line each top-level item starts on — each entry of a
 * top-level list, or the one top-level mapping — so that a reader of a list of
 * cases can point at the case it means.
 */
export type YamlFileResult = { ok: true; value: unknown; itemLines: number[] } | { ok: false; problems: string[] };

/** Parse YAML text as plain data (YAML 1.2 core schema, no tag resolved, duplicate keys refused, alias expansion bounded). */
export function parseYamlData(text: string): YamlFileResult {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, { uniqueKeys: true, prettyErrors: true, schema: 'core', resolveKnownTags: false, lineCounter });
  const errors = [...doc.errors, ...doc.warnings.filter((warning) => warning.code === 'TAG_RESOLVE_FAILED')];
  if (errors.length > 0) return { ok: false, problems: errors.map((error) => `YAML: ${error.message.split('\n')[0]}`) };
  try {
    const value = doc.toJS({ maxAliasCount: 100 }) as unknown;
    const items = isSeq(doc.contents) ? doc.contents.items : isMap(doc.contents) ? [doc.contents] : [];
    const itemLines = items.map((item) => {
      const start = (item as { range?: [number, number, number] } | null)?.range?.[0];
      return start === undefined ? 0 : lineCounter.linePos(start).line;
    });
    return { ok: true, value, itemLines };
  } catch (error) {
    // An alias bomb ("billion laughs") or nesting too deep for the stack.
    return { ok: false, problems: [`YAML: ${(error as Error).message}`] };
  }
}
