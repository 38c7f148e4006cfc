/**
 * JSON as the library reads it: `JSON.parse`, except that an object with the
 * same key twice is an error (JSON.parse keeps the last value silently; YAML
 * files already refuse duplicate keys, and the same text must not mean one
 * thing as YAML and another as JSON).
 */

/** A key written twice in one JSON object: the key and the offset of its second occurrence. */
export interface DuplicateKey {
  key: string;
  offset: number;
}

/** The end (index of the closing quote) of the JSON string that starts at `start`. */
function stringEnd(text: string, start: number): number {
  let from = start + 1;
  for (;;) {
    const quote = text.indexOf('"', from);
    if (quote === -1) return text.length;
    let backslashes = 0;
    for (let k = quote - 1; k > start && text.charCodeAt(k) === 92; k--) backslashes++;
    if (backslashes % 2 === 0) return quote;
    from = quote + 1;
  }
}

/**
 * The first key written twice in one object of a JSON text, or undefined.
 * The text must be valid JSON (call it after `JSON.parse` succeeded); keys are
 * compared after unescaping (`"a"` and `"\u0061"` are the same key).
 */
export function findDuplicateKey(text: string): DuplicateKey | undefined {
  // One entry per open container: the keys seen (objects) or null (arrays).
  const stack: (Set<string> | null)[] = [];
  let expectKey = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      const end = stringEnd(text, i);
      const keys = stack[stack.length - 1];
      if (expectKey && keys) {
        const raw = text.slice(i + 1, end);
        const key = raw.includes('\\') ? (JSON.parse(text.slice(i, end + 1)) as string) : raw;
        if (keys.has(key)) return { key, offset: i };
        keys.add(key);
        expectKey = false;
      }
      i = end;
    } else if (c === 123) {
      stack.push(new Set());
      expectKey = true;
    } else if (c === 91) {
      stack.push(null);
      expectKey = false;
    } else if (c === 125 || c === 93) {
      stack.pop();
      expectKey = false;
    } else if (c === 44) {
      expectKey = stack[stack.length - 1] != null;
    }
  }
  return undefined;
}

/** A JSON text that parses but writes a key twice in one object. */
export class DuplicateKeyError extends SyntaxError {
  constructor(
    readonly key: string,
    /** Offset of the second occurrence in the text. */
    readonly offset: number,
  ) {
    super(`the key ${JSON.stringify(key.length > 60 ? `${key.slice(0, 60)}…` : key)} is written twice in one object (at position ${offset}); write each key once`);
    this.name = 'DuplicateKeyError';
  }
}

/** `JSON.parse`, refusing a key written twice in one object ({@link DuplicateKeyError}). */
export function parseJson(text: string): unknown {
  const value = JSON.parse(text) as unknown;
  if (value !== null && typeof value === 'object') {
    const duplicate = findDuplicateKey(text);
    if (duplicate) throw new DuplicateKeyError(duplicate.key, duplicate.offset);
  }
  return value;
}
