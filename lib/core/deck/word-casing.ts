/**
 * How a text writes its words, indexed once: whether a capitalised word is a name the text keeps
 * capitalised mid-sentence ("Kubernetes") or a sentence start that may be lower-cased. Replaces
 * a regular expression over the whole document per question, which made deck generation
 * quadratic in the document's size.
 */
export interface WordCasing {
  text: string;
  /** Every maximal run of letters, as written. */
  written: ReadonlySet<string>;
  /** Runs of letters written after a lower-case letter, an optional `,`/`;` and whitespace. */
  midSentence: ReadonlySet<string>;
}

const LETTERS = /\p{L}+/gu;
const ONLY_LETTERS = /^\p{L}+$/u;
const ENDS_LOWER = /\p{Ll}$/u;
const GAP_MID_SENTENCE = /^[,;]?\s+$/u;

export function indexWordCasing(text: string): WordCasing {
  const written = new Set<string>();
  const midSentence = new Set<string>();
  let previous: { run: string; end: number } | null = null;
  for (const match of text.matchAll(LETTERS)) {
    const run = match[0];
    written.add(run);
    if (
      previous &&
      ENDS_LOWER.test(previous.run) &&
      GAP_MID_SENTENCE.test(text.slice(previous.end, match.index))
    ) {
      midSentence.add(run);
    }
    previous = { run, end: match.index + run.length };
  }
  return { text, written, midSentence };
}

/** Whether `word` stands in the text as a whole word (not inside a longer run of letters). */
export function isWrittenAsWord(casing: WordCasing, word: string): boolean {
  // A lower-cased letter can expand to a letter and a combining mark ("İ" → "i̇"), which no run
  // of letters holds: only then is the text searched.
  if (ONLY_LETTERS.test(word)) return casing.written.has(word);
  return new RegExp(`(?:^|[^\\p{L}])${escapeRegExp(word)}(?![\\p{L}])`, "u").test(casing.text);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
