/**
 * Normalized texts joined by spaces, with the positions of each word: counting a term's uses
 * looks only where its rarest word stands, not through the whole document once per term.
 */
export class WordRuns {
  private readonly text: string;
  private readonly words: string[];
  private readonly positions = new Map<string, number[]>();

  constructor(texts: readonly string[]) {
    this.text = ` ${texts.join(" ")} `;
    this.words = this.text.split(" ");
    this.words.forEach((word, at) => {
      const list = this.positions.get(word);
      if (list) list.push(at);
      else this.positions.set(word, [at]);
    });
  }

  /** How often ` term ` stands in the text as `split` counts it (uses never share a space), up to `limit`. */
  countUpTo(term: string, limit: number): number {
    const termWords = term.split(" ");
    // An empty word would match the gap of an empty text: only the plain scan counts that right.
    if (termWords.includes("")) return this.text.split(` ${term} `).length - 1;
    let anchor = 0;
    termWords.forEach((word, at) => {
      const rarest = this.positions.get(termWords[anchor] ?? "")?.length ?? 0;
      if ((this.positions.get(word)?.length ?? 0) < rarest) anchor = at;
    });
    let count = 0;
    let next = 0;
    for (const position of this.positions.get(termWords[anchor] ?? "") ?? []) {
      const start = position - anchor;
      // Each use takes the space after it, so the next one starts a word later.
      if (start < next || !termWords.every((word, at) => this.words[start + at] === word)) continue;
      count += 1;
      if (count >= limit) return count;
      next = start + termWords.length + 1;
    }
    return count;
  }
}
