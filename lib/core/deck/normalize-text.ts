/**
 * Text normalization and inflection-tolerant word comparison, shared by the parser (recognizing
 * concept names in any grammatical form), the generator (answer-in-prompt checks, duplicates)
 * and grading (typed answers).
 */

const WORD_CHAR = /^[\p{L}\p{N}]+$/u;
const CYRILLIC_WORD = /^[\p{Script=Cyrillic}\d]+$/u;
const LATIN_WORD = /^[\p{Script=Latin}\d]+$/u;

/** Letter-or-digit flags for Latin and Cyrillic: a Unicode regex per character is the slow part. */
const TABLE_SIZE = 0x500;
const WORD_TABLE = Uint8Array.from({ length: TABLE_SIZE }, (_, code) =>
  WORD_CHAR.test(String.fromCharCode(code)) ? 1 : 0,
);

/** Whether a code point is a letter or a digit (`[\p{L}\p{N}]`). */
export function isWordCodePoint(code: number): boolean {
  return code < TABLE_SIZE ? WORD_TABLE[code] === 1 : WORD_CHAR.test(String.fromCodePoint(code));
}

/** `[\p{L}\p{N}]+` below the table's end as plain ranges: without the u flag it runs far faster. */
const TABLE_WORD_RUNS = new RegExp(`[${wordRanges()}]+`, "g");
const WITHIN_TABLE = /^[\u0000-\u04ff]*$/;
const WORD_RUNS = /[\p{L}\p{N}]+/gu;
/** Outside the u flag: a high surrogate that does not start a pair. */
const LONE_HIGH_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])/;

/** Lower case, ё → е, punctuation and dashes to single spaces. */
export function normalizeText(text: string): string {
  const lower = text.normalize("NFKC").toLowerCase();
  // The runs of letters and digits found by the regular expression engine: a loop a character
  // at a time was the slow part of deck generation. A lone high surrogate takes the character
  // after it along (as it always has), which only the loop does.
  let words: string[] | null;
  if (WITHIN_TABLE.test(lower)) words = lower.match(TABLE_WORD_RUNS);
  else if (LONE_HIGH_SURROGATE.test(lower)) return normalizeByCharacter(lower);
  else words = lower.match(WORD_RUNS);
  return (words ?? []).join(" ").replaceAll("ё", "е");
}

function wordRanges(): string {
  const hex = (code: number) => `\\u${code.toString(16).padStart(4, "0")}`;
  let ranges = "";
  for (let code = 0; code < TABLE_SIZE; code += 1) {
    if (WORD_TABLE[code] !== 1 || WORD_TABLE[code - 1] === 1) continue;
    let last = code;
    while (WORD_TABLE[last + 1] === 1) last += 1;
    ranges += last === code ? hex(code) : `${hex(code)}-${hex(last)}`;
  }
  return ranges;
}

function normalizeByCharacter(lower: string): string {
  let result = "";
  let pendingSpace = false;
  for (let index = 0; index < lower.length; index += 1) {
    const code = lower.charCodeAt(index);
    let char = lower.charAt(index);
    let isWord: boolean;
    if (code < TABLE_SIZE) {
      isWord = WORD_TABLE[code] === 1;
    } else if (code >= 0xd800 && code <= 0xdbff && index + 1 < lower.length) {
      char = lower.slice(index, index + 2);
      index += 1;
      isWord = WORD_CHAR.test(char);
    } else {
      isWord = WORD_CHAR.test(char);
    }
    if (!isWord) {
      pendingSpace = result.length > 0;
      continue;
    }
    if (pendingSpace) {
      result += " ";
      pendingSpace = false;
    }
    result += char === "ё" ? "е" : char;
  }
  return result;
}

export function splitWords(text: string): string[] {
  const normalized = normalizeText(text);
  return normalized === "" ? [] : normalized.split(" ");
}

/**
 * Russian inflectional endings (nouns, adjectives, common verb forms), longest first. Used to
 * tell "пода"/"подом"/"поды" apart from a different word such as "подход".
 */
// prettier-ignore
const RUSSIAN_ENDINGS: readonly string[] = [
  "иями", "ями", "ами", "ого", "его", "ому", "ему", "ыми", "ими", "ией", "иям", "иях", "ием",
  "ться", "тся", "ются", "ется", "ится", "ешь", "ишь",
  "ах", "ях", "ов", "ев", "ей", "ой", "ий", "ый", "ая", "яя", "ое", "ее", "ые", "ие", "ом",
  "ем", "ам", "ям", "ую", "юю", "ых", "их", "ия", "ью", "ию", "ть", "ют", "ут", "ет", "ит",
  "ат", "ят", "ии", "а", "я", "о", "е", "ы", "и", "у", "ю", "ь", "й",
].sort((a, b) => b.length - a.length);
const RUSSIAN_ENDING_SET: ReadonlySet<string> = new Set(["", ...RUSSIAN_ENDINGS]);
const MIN_STEM = 3;

function isCyrillicWord(word: string): boolean {
  return CYRILLIC_WORD.test(word);
}

/** English noun stem: drops a plural or possessive s ("pods" → "pod", "processes" → "process"). */
function stemEnglishWord(word: string): string {
  if (word.length > 4 && word.endsWith("ies")) return `${word.slice(0, -3)}y`;
  if (word.length > 4 && /(?:s|x|z|ch|sh)es$/.test(word)) return word.slice(0, -2);
  if (word.length > 3 && word.endsWith("s") && !word.endsWith("ss")) return word.slice(0, -1);
  return word;
}

/** A cheap stemmer: strips one Russian ending (keeping 3+ letters) or an English plural. */
export function stemWord(word: string): string {
  const normalized = normalizeText(word);
  if (isCyrillicWord(normalized)) {
    for (const ending of RUSSIAN_ENDINGS) {
      if (normalized.endsWith(ending) && normalized.length - ending.length >= MIN_STEM) {
        return normalized.slice(0, -ending.length);
      }
    }
    return normalized;
  }
  if (LATIN_WORD.test(normalized)) return stemEnglishWord(normalized);
  return normalized;
}

/**
 * Whether two normalized words are forms of the same word: equal, or (Cyrillic) a shared stem of
 * 3+ letters followed in both by an inflectional ending ("пода" ~ "подом", "образов" ~ "образы",
 * but not "под" ~ "подход"), or (Latin) the same English stem ("pod" ~ "pods"). No typo
 * tolerance: this is also how concept names are recognized in text.
 */
export function isSameWordForm(a: string, b: string): boolean {
  if (a === b) return true;
  if (isCyrillicWord(a) && isCyrillicWord(b)) {
    const shorter = Math.min(a.length, b.length);
    let prefix = 0;
    while (prefix < shorter && a[prefix] === b[prefix]) prefix += 1;
    for (let stem = prefix; stem >= MIN_STEM; stem -= 1) {
      if (RUSSIAN_ENDING_SET.has(a.slice(stem)) && RUSSIAN_ENDING_SET.has(b.slice(stem))) {
        return true;
      }
    }
    return false;
  }
  if (LATIN_WORD.test(a) && LATIN_WORD.test(b)) return stemEnglishWord(a) === stemEnglishWord(b);
  return false;
}

/**
 * Optimal-string-alignment distance (Levenshtein plus adjacent transpositions), stopping early
 * once it exceeds `limit`.
 */
export function editDistance(a: string, b: string, limit = Number.POSITIVE_INFINITY): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let beforePrevious: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, (beforePrevious[j - 2] ?? 0) + 1);
      }
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > limit) return limit + 1;
    beforePrevious = previous;
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** A typed word is accepted as a typo of the expected one: one edit, on words of 5+ letters. */
export function isTypoOf(typed: string, expected: string): boolean {
  return typed.length >= 5 && expected.length >= 5 && editDistance(typed, expected, 1) <= 1;
}

function isAcceptedWord(typed: string, expected: string): boolean {
  return isSameWordForm(typed, expected) || isTypoOf(typed, expected);
}

const LEADING_ARTICLES: ReadonlySet<string> = new Set(["a", "an", "the"]);

function dropLeadingArticle(words: string[]): string[] {
  const first = words[0];
  return words.length > 1 && first !== undefined && LEADING_ARTICLES.has(first)
    ? words.slice(1)
    : words;
}

/**
 * Whether a typed answer matches one of the accepted answers, tolerating case, ё/е, punctuation,
 * spacing ("local host"), a leading English article, inflection and a typo per longer word.
 */
export function matchesAnswer(typed: string, accepted: readonly string[]): boolean {
  const typedWords = dropLeadingArticle(splitWords(typed));
  if (typedWords.length === 0) return false;
  const typedJoined = typedWords.join("");
  return accepted.some((answer) => {
    const answerWords = dropLeadingArticle(splitWords(answer));
    if (answerWords.length === 0) return false;
    if (typedJoined === answerWords.join("")) return true;
    if (answerWords.length === typedWords.length) {
      return answerWords.every((word, index) => isAcceptedWord(typedWords[index] ?? "", word));
    }
    return answerWords.length > 1 && isTypoOf(typedJoined, answerWords.join(""));
  });
}

/**
 * Whether `needle` stands in `haystack` as a run of whole words, in any inflected form
 * ("Под" stands in "…внутри пода…"). Used to keep answers out of prompts.
 */
export function containsWordsOf(haystack: string, needle: string): boolean {
  return containsWords(splitWords(haystack), splitWords(needle));
}

/** containsWordsOf on texts already split by splitWords. */
export function containsWords(words: readonly string[], needleWords: readonly string[]): boolean {
  if (needleWords.length === 0 || needleWords.length > words.length) return false;
  for (let start = 0; start + needleWords.length <= words.length; start += 1) {
    let matched = true;
    for (let offset = 0; offset < needleWords.length; offset += 1) {
      if (!isSameWordForm(words[start + offset] ?? "", needleWords[offset] ?? "")) {
        matched = false;
        break;
      }
    }
    if (matched) return true;
  }
  return false;
}
