import { describe, expect, it } from "vitest";
import {
  buildClassMasteryGrid,
  findMasteryBand,
  type LearnerAspectRatingCount,
} from "@/lib/core/classes";
import { computeMastery } from "@/lib/core/stats";

const questions = [
  { id: "n1", deckId: "d", aspect: "networking", concepts: ["pod"] },
  { id: "n2", deckId: "d", aspect: "networking", concepts: ["container"] },
  { id: "i1", deckId: "d", aspect: "isolation", concepts: ["pod"] },
  { id: "x1", deckId: "other", aspect: "isolation", concepts: ["pod"] },
];

/** Review logs: [learner, question, rating]. */
const logs: [string, string, number][] = [
  ["ann", "n1", 3],
  ["ann", "n1", 1],
  ["ann", "n2", 2],
  ["ann", "n2", 4],
  ["ann", "i1", 1],
  ["ann", "i1", 1],
  ["ann", "x1", 3],
  ["bob", "n1", 1],
  ["bob", "n2", 1],
  ["bob", "i1", 3],
  ["bob", "i1", 2],
  ["bob", "i1", 4],
  ["bob", "i1", 3],
  ["eve", "n1", 4],
];

/** What the server's GROUP BY learner, deck, aspect, rating returns for these logs. */
function groupByAspect(): LearnerAspectRatingCount[] {
  const counts = new Map<string, LearnerAspectRatingCount>();
  for (const [learnerId, questionId, rating] of logs) {
    const question = questions.find((q) => q.id === questionId);
    if (!question) throw new Error(questionId);
    const key = [learnerId, question.deckId, question.aspect, rating].join("|");
    const row = counts.get(key) ?? {
      learnerId,
      deckId: question.deckId,
      aspect: question.aspect,
      rating,
      count: 0,
    };
    row.count += 1;
    counts.set(key, row);
  }
  return [...counts.values()];
}

describe("class mastery grid", () => {
  const grid = buildClassMasteryGrid({
    deckId: "d",
    aspectOrder: ["networking", "isolation", "scaling"],
    learnerIds: ["bob", "ann", "cid"],
    counts: groupByAspect(),
  });

  it("has the deck's aspects in order, a row per student, the class's totals", () => {
    expect(grid.aspects).toEqual(["networking", "isolation", "scaling"]);
    expect(
      grid.rows.map((r) => [r.learnerId, r.cells.map((c) => `${c.recalled}/${c.total}`)]),
    ).toEqual([
      ["bob", ["0/2", "4/4", "0/0"]],
      ["ann", ["3/4", "0/2", "0/0"]],
      ["cid", ["0/0", "0/0", "0/0"]],
    ]);
    // Eve is not in the class: her answer is not the class's.
    expect(grid.classCells.map((c) => `${c.recalled}/${c.total}`)).toEqual(["3/6", "4/6", "0/0"]);
    expect(grid.rows[1]?.cells[0]).toEqual({
      aspect: "networking",
      recalled: 3,
      total: 4,
      share: 0.75,
      band: "strong",
    });
    expect(grid.rows[2]?.cells[0]).toMatchObject({ share: null, band: "none" });
  });

  it("agrees with each student's /stats mastery for the deck", () => {
    for (const learnerId of ["ann", "bob"]) {
      const perQuestion = new Map<string, { questionId: string; rating: number; count: number }>();
      for (const [learner, questionId, rating] of logs) {
        if (learner !== learnerId) continue;
        const key = `${questionId}|${rating}`;
        const entry = perQuestion.get(key) ?? { questionId, rating, count: 0 };
        entry.count += 1;
        perQuestion.set(key, entry);
      }
      const stats = computeMastery([...perQuestion.values()], questions).find(
        (deck) => deck.deckId === "d",
      );
      const cells = grid.rows.find((r) => r.learnerId === learnerId)?.cells ?? [];
      expect(
        cells
          .filter((c) => c.total > 0)
          .map(({ aspect, recalled, total }) => ({
            key: aspect,
            recalled,
            total,
          })),
      ).toEqual(
        [...(stats?.aspects ?? [])].sort(
          (a, b) => grid.aspects.indexOf(a.key) - grid.aspects.indexOf(b.key),
        ),
      );
    }
  });

  it("adds aspects the deck no longer lists after its own, by key", () => {
    const withOld = buildClassMasteryGrid({
      deckId: "d",
      aspectOrder: ["networking"],
      learnerIds: ["ann"],
      counts: [
        ...groupByAspect(),
        { learnerId: "ann", deckId: "d", aspect: "other:boot-time", rating: 3, count: 2 },
      ],
    });
    expect(withOld.aspects).toEqual(["networking", "isolation", "other:boot-time"]);
  });

  it("colours by share: under half weak, under 75 % fair, then strong", () => {
    expect(findMasteryBand({ recalled: 0, total: 0 })).toBe("none");
    expect(findMasteryBand({ recalled: 0, total: 3 })).toBe("weak");
    expect(findMasteryBand({ recalled: 49, total: 100 })).toBe("weak");
    expect(findMasteryBand({ recalled: 1, total: 2 })).toBe("fair");
    expect(findMasteryBand({ recalled: 74, total: 100 })).toBe("fair");
    expect(findMasteryBand({ recalled: 3, total: 4 })).toBe("strong");
    expect(findMasteryBand({ recalled: 5, total: 5 })).toBe("strong");
  });
});
