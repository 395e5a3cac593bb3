/** The share of the smaller set that the other holds: 1 when one says all the other says. */
export function overlapRatio(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const word of a) if (b.has(word)) shared += 1;
  return shared / Math.min(a.size, b.size);
}

/**
 * Sets of stems indexed by stem, to ask "does any set overlap this one by at least `ratio`?"
 * while looking only at the sets that share a stem with it, and stopping at the first that
 * does. Comparing each new text with every earlier one made deck generation quadratic in the
 * document's size.
 */
export class OverlapIndex {
  private readonly sets: ReadonlySet<string>[] = [];
  private readonly postings = new Map<string, number[]>();

  add(stems: ReadonlySet<string>): void {
    const id = this.sets.length;
    this.sets.push(stems);
    for (const stem of stems) {
      const list = this.postings.get(stem);
      if (list) list.push(id);
      else this.postings.set(stem, [id]);
    }
  }

  /** Whether overlapRatio(set, stems) ≥ ratio for some added set; ratio must be above 0. */
  hasOverlap(stems: ReadonlySet<string>, ratio: number): boolean {
    // A set sharing no stem has a ratio of 0: only sets in the postings can pass.
    const compared = new Set<number>();
    for (const stem of stems) {
      for (const id of this.postings.get(stem) ?? []) {
        if (compared.has(id)) continue;
        compared.add(id);
        if (overlapRatio(this.sets[id] ?? new Set(), stems) >= ratio) return true;
      }
    }
    return false;
  }
}
