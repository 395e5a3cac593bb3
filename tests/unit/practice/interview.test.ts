import { describe, expect, it } from "vitest";
import { assembleInterview } from "@/lib/core/practice/assemble-interview";
import { buildInterviewPool } from "@/lib/core/practice/build-interview-pool";
import { parseDeckDocument } from "@/lib/core/practice/parse-deck-document";
import {
  isItemMissed,
  normalizeCoveredPoints,
  scoreInterview,
} from "@/lib/core/practice/score-interview";
import { readDeckSource } from "@/lib/deck-files/read-deck-source";
import { loadDeck, SEED_EN, SEED_RU } from "../deck/deck-fixtures";

function poolOf(file: string) {
  const deck = loadDeck(file);
  const document = parseDeckDocument({
    markdown: readDeckSource(file).markdown,
    summary: deck.summary,
  });
  return { deck, pool: buildInterviewPool({ document, questions: deck.questions }) };
}

describe("the interview pool", () => {
  const { deck, pool } = poolOf(SEED_EN);

  it("mixes explain-the-difference, definition and scenario items, each with key points", () => {
    const types = new Set(pool.map((item) => item.type));
    expect(types).toEqual(new Set(["explain", "definition", "scenario"]));
    for (const item of pool) expect(item.keyPoints.length).toBeGreaterThan(0);
    expect(new Set(pool.map((item) => item.id)).size).toBe(pool.length);
  });

  it("builds scenarios from the usage examples, quoting the example and the reason", () => {
    const sidecar = pool.find((item) => item.type === "scenario" && /sidecar/i.test(item.prompt));
    expect(sidecar?.prompt).toMatch(/One container in a pod.*Several containers in a pod/);
    expect(sidecar?.keyPoints[0]?.text).toMatch(/^Several containers in a pod:/);
    const shared = pool.find(
      (item) => item.type === "scenario" && /shared volume/.test(item.prompt),
    );
    // The concept's name is blanked out of its own example.
    expect(shared?.prompt).toContain("A(n) ___ with two containers");
    expect(shared?.keyPoints.map((p) => p.text)).toContain(
      "Containers inside a pod can share volumes to exchange data.",
    );
  });

  it("points every item with a card at a question of the deck", () => {
    const ids = new Set(deck.questions.map((q) => q.id));
    for (const item of pool) {
      if (item.reviewQuestionId) expect(ids.has(item.reviewQuestionId)).toBe(true);
    }
    expect(pool.filter((item) => item.type !== "scenario").every((i) => i.reviewQuestionId)).toBe(
      true,
    );
  });

  it("works for the Russian document too", () => {
    const ru = poolOf(SEED_RU).pool;
    expect(ru.some((item) => item.type === "scenario" && item.prompt.startsWith("Сценарий"))).toBe(
      true,
    );
  });
});

describe("assembling an interview", () => {
  const { pool } = poolOf(SEED_EN);

  it("picks the count asked for, each item once, types taken in turn", () => {
    const items = assembleInterview({ pool, count: 8, seed: 3 });
    expect(items).toHaveLength(8);
    expect(new Set(items.map((i) => i.id)).size).toBe(8);
    // The first three are one of each type.
    expect(new Set(items.slice(0, 3).map((i) => i.type)).size).toBe(3);
  });

  it("is deterministic for a seed and stops when the pool runs out", () => {
    const ids = (seed: number) => assembleInterview({ pool, count: 8, seed }).map((i) => i.id);
    expect(ids(11)).toEqual(ids(11));
    expect(ids(11)).not.toEqual(ids(12));
    expect(assembleInterview({ pool, count: 100, seed: 1 })).toHaveLength(pool.length);
  });
});

describe("scoring an interview", () => {
  const item = (aspect: "isolation" | "networking", points: number) => ({
    aspect,
    keyPoints: Array.from({ length: points }, (_, i) => ({
      text: `point ${i}`,
      source: { section: [], line: 1, endLine: 1 },
    })),
  });
  const items = [item("isolation", 2), item("networking", 3), item("isolation", 2)];

  it("counts covered key points, per aspect, and lists items with a point missed", () => {
    const score = scoreInterview(items, [
      { position: 0, coveredPoints: [0, 1] },
      { position: 1, coveredPoints: [2] },
    ]);
    expect(score).toMatchObject({ covered: 3, total: 7, percent: 43, answered: 2 });
    expect(score.byAspect).toEqual([
      { aspect: "isolation", earned: 2, possible: 4 },
      { aspect: "networking", earned: 1, possible: 3 },
    ]);
    expect(score.missedPositions).toEqual([1, 2]);
  });

  it("ignores ticks that do not exist or repeat", () => {
    expect(normalizeCoveredPoints(items[1]!, [2, 2, 7, -1, 0.5, 0])).toEqual([0, 2]);
    const score = scoreInterview(items, [{ position: 0, coveredPoints: [0, 0, 0, 5] }]);
    expect(score.covered).toBe(1);
    expect(isItemMissed(items[0]!, [1, 0])).toBe(false);
    expect(isItemMissed(items[0]!, [1, 1])).toBe(true);
  });
});
