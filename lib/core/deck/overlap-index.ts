/**
 * Sets of stems indexed by stem, to ask "does any set overlap this one by at least `ratio`?"
 * while looking only at the sets that share a stem with it. Comparing each new text with every
 * earlier one made deck generation quadratic in the document's size.
 */
export class OverlapIndex {
  private readonly sizes: number[] = [];
  private readonly postings = new Map<string, number[]>();

  add(stems: ReadonlySet<string>): void {
    const id = this.sizes.length;
    this.sizes.push(stems.size);
    for (const stem of stems) {
      const list = this.postings.get(stem);
      if (list) list.push(id);
      else this.postings.set(stem, [id]);
    }
  }

  /**
   * Whether some added set has shared / min(its size, stems.size) ≥ ratio (ratio > 0): the
   * same test as overlapRatio against each set, which a set sharing nothing never passes.
   */
  hasOverlap(stems: ReadonlySet<string>, ratio: number): boolean {
    const shared = new Map<number, number>();
    for (const stem of stems) {
      for (const id of this.postings.get(stem) ?? []) {
        const count = (shared.get(id) ?? 0) + 1;
        shared.set(id, count);
        // The share only grows: once over the ratio, it stays over.
        if (count / Math.min(this.sizes[id] ?? 0, stems.size) >= ratio) return true;
      }
    }
    return false;
  }
}
