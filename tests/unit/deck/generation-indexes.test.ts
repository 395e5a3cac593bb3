import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ConceptMatcher, tokenize } from "@/lib/core/deck/concept-matcher";
import { normalizeText } from "@/lib/core/deck/normalize-text";
import { OverlapIndex, overlapRatio } from "@/lib/core/deck/overlap-index";
import { indexWordCasing, isWrittenAsWord } from "@/lib/core/deck/word-casing";
import { WordRuns } from "@/lib/core/deck/word-runs";

/**
 * The indexes that keep deck generation linear answer exactly what the scans they replaced
 * answered (the scans are written out here): any difference would change generated decks.
 */

const word = fc.constantFrom("a", "b", "ab", "pod", "Pod", "под", "Под", "İx", "i̇x", "");
const text = fc
  .array(
    fc.tuple(
      word,
      fc.constantFrom(" ", "  ", ", ", ",", "; ", ";\t", ".", "\n", "-", " — ", ",, "),
    ),
  )
  .map((parts) => parts.map(([w, gap]) => w + gap).join(""));

describe("WordRuns", () => {
  it("counts a term's uses as splitting the joined text on it does", () => {
    const lower = fc.constantFrom("a", "b", "ab", "c", "");
    fc.assert(
      fc.property(
        fc.array(fc.array(lower, { maxLength: 6 }).map((words) => words.join(" "))),
        fc.array(lower, { minLength: 1, maxLength: 3 }).map((words) => words.join(" ")),
        fc.integer({ min: 1, max: 4 }),
        (texts, term, limit) => {
          const expected = ` ${texts.join(" ")} `.split(` ${term} `).length - 1;
          const counted = new WordRuns(texts).countUpTo(term, limit);
          expect(Math.min(counted, limit)).toBe(Math.min(expected, limit));
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe("OverlapIndex", () => {
  it("finds an overlap exactly when comparing with every set does", () => {
    const stems = fc.uniqueArray(fc.constantFrom("a", "b", "c", "d", "e", "f"), { maxLength: 5 });
    fc.assert(
      fc.property(
        fc.array(stems, { maxLength: 8 }),
        stems,
        fc.constantFrom(0.5, 0.6),
        (added, query, ratio) => {
          const index = new OverlapIndex();
          for (const set of added) index.add(new Set(set));
          const expected = added.some((set) => overlapRatio(new Set(set), new Set(query)) >= ratio);
          expect(index.hasOverlap(new Set(query), ratio)).toBe(expected);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe("indexWordCasing", () => {
  it("answers the regular expressions it replaced", () => {
    fc.assert(
      fc.property(text, word, (documentText, candidate) => {
        const casing = indexWordCasing(documentText);
        const lower = candidate.charAt(0).toLowerCase() + candidate.slice(1);
        if (lower !== "") {
          const writtenLower = new RegExp(`(?:^|[^\\p{L}])${lower}(?![\\p{L}])`, "u");
          expect(isWrittenAsWord(casing, lower)).toBe(writtenLower.test(documentText));
        }
        if (/^\p{L}+$/u.test(candidate)) {
          const midSentence = new RegExp(`\\p{Ll}[,;]?\\s+${candidate}(?![\\p{L}])`, "u");
          expect(casing.midSentence.has(candidate)).toBe(midSentence.test(documentText));
        }
      }),
      { numRuns: 3000 },
    );
  });
});

/** Any text, weighted to what documents hold: Latin, Cyrillic, ё, digits, punctuation, surrogates. */
const anyText = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        "Pod",
        "ПОД",
        "Ёлка",
        "ё",
        "İ",
        "ß",
        "ﬁ",
        "①",
        "x2",
        "𝐀",
        "😀",
        "\ud800",
        "\udc00",
      ),
      fc.constantFrom(" ", "  ", ",", "—", "-", "\n", "«", "»", "(", ")", "\u00a0"),
      fc.string({ unit: "binary", maxLength: 4 }),
    ),
    { maxLength: 12 },
  )
  .map((parts) => parts.join(""));

/** normalizeText as it was written, a character at a time. */
function normalizeTextByCharacter(text: string): string {
  const lower = text.normalize("NFKC").toLowerCase();
  let result = "";
  let pendingSpace = false;
  for (let index = 0; index < lower.length; index += 1) {
    let char = lower.charAt(index);
    if (/[\ud800-\udbff]/.test(char) && index + 1 < lower.length) {
      char = lower.slice(index, index + 2);
      index += 1;
    }
    if (!/^[\p{L}\p{N}]+$/u.test(char)) {
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

describe("normalizeText and the concept matcher's tokenizer", () => {
  it("normalize as a character-at-a-time loop does", () => {
    fc.assert(
      fc.property(anyText, (value) => {
        expect(normalizeText(value)).toBe(normalizeTextByCharacter(value));
      }),
      { numRuns: 5000 },
    );
  });

  it("normalize every character below U+0500 (its plain-range path) as the loop does", () => {
    for (let code = 0; code < 0x500; code += 1) {
      const value = `a${String.fromCharCode(code)}b ${String.fromCharCode(code)}`;
      expect(normalizeText(value)).toBe(normalizeTextByCharacter(value));
    }
  });

  it("split words as the regular expression /[\\p{L}\\p{N}]+/gu does", () => {
    fc.assert(
      fc.property(anyText, (value) => {
        const expected = [...value.matchAll(/[\p{L}\p{N}]+/gu)].map((match) => ({
          word: match[0].toLowerCase().replaceAll("ё", "е"),
          start: match.index,
          end: match.index + match[0].length,
        }));
        expect(tokenize(value)).toStrictEqual(expected);
      }),
      { numRuns: 5000 },
    );
  });

  it("finds the same mentions again, and a caller's edit does not reach the next caller", () => {
    const forms = {
      nominative: "под",
      genitive: "пода",
      dative: "поду",
      accusative: "под",
      instrumental: "подом",
      prepositional: "поде",
      plural: "поды",
    };
    const concepts = [{ key: "pod", name: "Под", aliases: ["Pod"], forms }];
    const matcher = new ConceptMatcher(concepts);
    const text = "Под (Pod) и поды: внутри пода.";
    const expected = new ConceptMatcher(concepts).findMentions(text);
    expect(expected.length).toBeGreaterThan(1);
    for (let call = 0; call < 3; call += 1) {
      const mentions = matcher.findMentions(text);
      expect(mentions).toStrictEqual(expected);
      const [first] = mentions;
      if (first) {
        first.end = 0;
        first.forms.push("plural");
      }
      mentions.pop();
    }
  });
});
