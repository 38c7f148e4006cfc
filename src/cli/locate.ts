import { isAlias, isMap, isPair, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml';

/**
 * Where a field of an input sits in the scheme file it came from. Positions
 * are 1-based lines and columns in UTF-16 code units (what SARIF expects by
 * default); `endColumn` is the column just after the region.
 */
export interface SourceLocation {
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
}

export type PathKey = string | number;

/** How the file was written: a whole input `{ funds, investors }`, one fund, or a bare list of funds. */
export type DocumentShape = 'input' | 'single-fund' | 'fund-list';

/** `funds[0].scheme.minimumFirstSubscription` → ["funds", 0, "scheme", "minimumFirstSubscription"]. */
export function parsePointer(pointer: string): PathKey[] {
  if (pointer === '(root)' || pointer === '') return [];
  const path: PathKey[] = [];
  for (const match of pointer.matchAll(/\[(\d+)\]|([^.[\]]+)/g)) path.push(match[1] !== undefined ? Number(match[1]) : match[2]!);
  return path;
}

/** The shape of a parsed file: a list is a list of funds; a mapping without `funds` or `investors` is one fund. */
export function documentShape(value: unknown): DocumentShape {
  if (Array.isArray(value)) return 'fund-list';
  if (value !== null && typeof value === 'object' && !('funds' in value) && !('investors' in value)) return 'single-fund';
  return 'input';
}

/**
 * A path in the evaluated input `{ funds, investors }` as a path in the file:
 * `funds[0].x` is `x` at the root of a single-fund file, and `funds[i]` is
 * item i of a bare list. What the file cannot hold (investors of a single
 * fund) is its root.
 */
export function toDocumentPath(path: readonly PathKey[], shape: DocumentShape): PathKey[] {
  if (shape === 'input') return [...path];
  if (path[0] !== 'funds') return [];
  if (shape === 'fund-list') return path.slice(1);
  return path[1] === 0 ? path.slice(2) : [];
}

/** Whether {@link toDocumentPath} keeps every step of the path (it drops what a single fund or a bare list cannot hold). */
function mapsFully(path: readonly PathKey[], shape: DocumentShape): boolean {
  if (shape === 'input' || path.length === 0) return true;
  if (path[0] !== 'funds') return false;
  return shape === 'fund-list' || (path.length >= 2 && path[1] === 0);
}

export interface Located {
  location: SourceLocation;
  /** False when the field itself is not in the file and the location is its nearest ancestor's. */
  exact: boolean;
}

/** Positions of the nodes of one parsed YAML (or JSON) document. */
export class SourceMap {
  constructor(
    private readonly doc: Document,
    private readonly lines: LineCounter,
    readonly shape: DocumentShape,
  ) {}

  /** The location of an input path (`["funds", 0, "scheme"]`), or of its nearest ancestor in the file. */
  locate(inputPath: readonly PathKey[]): Located {
    const path = toDocumentPath(inputPath, this.shape);
    let node: unknown = this.doc.contents;
    let location = this.startOf(node);
    let found = 0;
    for (const key of path) {
      node = this.resolve(node);
      const step = this.child(node, key);
      if (!step) break;
      location = step.location;
      node = step.node;
      found += 1;
    }
    return { location, exact: found === path.length && mapsFully(inputPath, this.shape) };
  }

  locatePointer(pointer: string): Located {
    return this.locate(parsePointer(pointer));
  }

  private child(node: unknown, key: PathKey): { node: unknown; location: SourceLocation } | undefined {
    if (isMap(node)) {
      const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(key));
      if (!pair || !isScalar(pair.key) || !pair.key.range) return undefined;
      const value = pair.value as Node | null;
      const end = value && (isScalar(value) || isAlias(value)) && value.range ? value.range[1] : pair.key.range[1];
      return { node: value, location: this.span(pair.key.range[0], end) };
    }
    if (isSeq(node) && typeof key === 'number') {
      const item = node.items[key] as Node | undefined;
      if (!item?.range) return undefined;
      return { node: item, location: isScalar(item) ? this.span(item.range[0], item.range[1]) : this.position(item.range[0]) };
    }
    return undefined;
  }

  private resolve(node: unknown): unknown {
    return isAlias(node) ? node.resolve(this.doc) : node;
  }

  private startOf(node: unknown): SourceLocation {
    const range = (node as Node | null)?.range;
    return range ? this.position(range[0]) : { line: 1, column: 1 };
  }

  private position(offset: number): SourceLocation {
    const { line, col } = this.lines.linePos(offset);
    return { line, column: col };
  }

  private span(start: number, end: number): SourceLocation {
    const from = this.lines.linePos(start);
    const to = this.lines.linePos(end);
    return { line: from.line, column: from.col, endLine: to.line, endColumn: to.col };
  }
}
