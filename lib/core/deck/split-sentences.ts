/** Abbreviations after which a period does not end a sentence. */
// prettier-ignore
const ABBREVIATIONS: ReadonlySet<string> = new Set([
  "e.g.", "i.e.", "etc.", "vs.", "cf.", "approx.", "т.д.", "т.п.", "т.е.", "др.", "напр.", "см.",
  "т.к.", "им.", "англ.", "и.т.д.",
]);

function endsWithAbbreviation(text: string): boolean {
  const lastWord = text
    .slice(text.lastIndexOf(" ") + 1)
    .replace(/^[(«"“]+/, "")
    .toLowerCase();
  return ABBREVIATIONS.has(lastWord);
}

/** Splits prose into sentences at . ! ? followed by a capital, quote or bracket. */
export function splitSentences(text: string): string[] {
  const sentences: string[] = [];
  let start = 0;
  for (let index = 0; index < text.length; index += 1) {
    const char = text.charAt(index);
    if (char !== "." && char !== "!" && char !== "?") continue;
    let end = index + 1;
    while (end < text.length && /[)»"”.]/.test(text.charAt(end))) end += 1;
    if (end >= text.length || text.charAt(end) !== " ") continue;
    const next = text.charAt(end + 1);
    if (!/[\p{Lu}«"“(`\d]/u.test(next)) continue;
    const candidate = text.slice(start, end).trim();
    // "т.д.)." ends a sentence even though "т.д." is an abbreviation.
    const closesAfter = text.slice(index + 1, end).includes(".");
    if (char === "." && !closesAfter && endsWithAbbreviation(text.slice(start, index + 1))) {
      continue;
    }
    if (candidate) sentences.push(candidate);
    start = end + 1;
    index = end;
  }
  const rest = text.slice(start).trim();
  if (rest) sentences.push(rest);
  return sentences;
}
