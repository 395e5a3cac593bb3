import fc from "fast-check";
import { describe, expect, it } from "vitest";
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
