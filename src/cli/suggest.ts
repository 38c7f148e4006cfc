/** Edit distance (insertions, deletions, substitutions). */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

function tokens(id: string): string[] {
  return id.toLowerCase().split(/[.\-_/]+/).filter(Boolean);
}

/**
 * The known ids closest to what was typed: most words in common first
 * (`tn89`, `cl1`, `hnw`, `minimum`), then by edit distance; at most `limit`.
 */
export function closest(typed: string, known: readonly string[], limit = 3): string[] {
  const words = tokens(typed);
  const lower = typed.toLowerCase();
  const ranked = known.map((id) => {
    const own = tokens(id);
    return { id, shared: words.filter((w) => own.includes(w)).length, distance: editDistance(lower, id.toLowerCase()) };
  });
  ranked.sort((a, b) => b.shared - a.shared || a.distance - b.distance || (a.id < b.id ? -1 : 1));
  return ranked.slice(0, limit).map((r) => r.id);
}
