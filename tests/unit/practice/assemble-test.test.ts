import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { AspectKey, QuestionKind } from "@/lib/core/deck/types";
import { assemblePracticeTest, filterPracticeQuestions } from "@/lib/core/practice/assemble-test";
import { loadDeck, SEED_EN, SEED_RU } from "../deck/deck-fixtures";

const ru = loadDeck(SEED_RU);
const en = loadDeck(SEED_EN);
const both = [...ru.questions, ...en.questions];
const byId = new Map(both.map((q) => [q.id, q]));
const RU = ru.summary.id;

describe("assembling a practice test", () => {
  it("never asks a question twice, and asks as many as wanted while there are enough", () => {
    fc.assert(
      fc.property(fc.integer({ min: 5, max: 50 }), fc.nat(), (count, seed) => {
        const ids = assemblePracticeTest({
          questions: both,
          filters: { deckId: RU, aspects: [], kinds: [] },
          count,
          seed,
        });
        expect(new Set(ids).size).toBe(ids.length);
        expect(ids).toHaveLength(Math.min(count, ru.questions.length));
      }),
    );
  });

  it("draws only from the chosen deck, aspects and kinds", () => {
    const aspects: AspectKey[] = ["isolation", "networking"];
    const kinds: QuestionKind[] = ["true-false", "multiple-choice"];
    const ids = assemblePracticeTest({
      questions: both,
      filters: { deckId: RU, aspects, kinds },
      count: 50,
      seed: 7,
    });
    expect(ids.length).toBeGreaterThan(0);
    for (const id of ids) {
      const question = byId.get(id)!;
      expect(question.deckId).toBe(RU);
      expect(aspects).toContain(question.tags.aspect);
      expect(kinds).toContain(question.kind);
    }
    // Every match is drawn when the count allows it: the filter loses nothing.
    const matching = ru.questions.filter(
      (q) => aspects.includes(q.tags.aspect) && kinds.includes(q.kind),
    );
    expect(new Set(ids)).toEqual(new Set(matching.map((q) => q.id)));
  });

  it("gives the same test for the same seed, whatever order the questions come in", () => {
    const filters = { deckId: RU, aspects: [], kinds: [] };
    const a = assemblePracticeTest({ questions: both, filters, count: 10, seed: 42 });
    const b = assemblePracticeTest({
      questions: [...both].reverse(),
      filters,
      count: 10,
      seed: 42,
    });
    expect(b).toEqual(a);
    const other = assemblePracticeTest({ questions: both, filters, count: 10, seed: 43 });
    expect(other).not.toEqual(a);
  });

  it("finds nothing when no question matches", () => {
    const filters = { deckId: RU, aspects: ["other:nothing" as AspectKey], kinds: [] };
    expect(filterPracticeQuestions(both, filters)).toEqual([]);
    expect(assemblePracticeTest({ questions: both, filters, count: 10, seed: 1 })).toEqual([]);
  });
});
