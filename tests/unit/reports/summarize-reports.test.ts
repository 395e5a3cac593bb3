import { describe, expect, it } from "vitest";
import { excerpt, summarizeReports, type OpenReport } from "@/lib/core/reports/summarize-reports";

const at = (minute: number) => new Date(Date.UTC(2026, 2, 2, 6, minute));

function open(overrides: Partial<OpenReport>): OpenReport {
  return {
    deckId: "deck-b",
    questionId: "q1",
    kind: "true-false",
    prompt: "A pod is a container.",
    reason: "wrong-answer",
    comment: null,
    updatedAt: at(0),
    ...overrides,
  };
}

describe("summarizeReports", () => {
  it("gives one line per question: count, reasons by frequency, newest comment", () => {
    const [line] = summarizeReports([
      open({ reason: "ambiguous", comment: "old", updatedAt: at(1) }),
      open({ reason: "wrong-answer", comment: "newest", updatedAt: at(5) }),
      open({ reason: "wrong-answer", comment: null, updatedAt: at(9) }),
    ]);
    expect(line).toEqual({
      deckId: "deck-b",
      questionId: "q1",
      kind: "true-false",
      prompt: "A pod is a container.",
      count: 3,
      reasons: [
        { reason: "wrong-answer", count: 2 },
        { reason: "ambiguous", count: 1 },
      ],
      latestComment: "newest",
      latestAt: at(9),
    });
  });

  it("orders by deck, then the most reported, then the most recent", () => {
    const lines = summarizeReports([
      open({ deckId: "deck-b", questionId: "b-once-old", updatedAt: at(1) }),
      open({ deckId: "deck-b", questionId: "b-once-new", updatedAt: at(2) }),
      open({ deckId: "deck-b", questionId: "b-twice" }),
      open({ deckId: "deck-b", questionId: "b-twice" }),
      open({ deckId: "deck-a", questionId: "a" }),
    ]);
    expect(lines.map((l) => l.questionId)).toEqual(["a", "b-twice", "b-once-new", "b-once-old"]);
  });

  it("has no lines without reports", () => {
    expect(summarizeReports([])).toEqual([]);
  });
});

describe("excerpt", () => {
  it("keeps a short text on one line", () => {
    expect(excerpt("  Под —\n группа  контейнеров ", 60)).toBe("Под — группа контейнеров");
  });

  it("cuts a long text at a word and marks the cut", () => {
    const cut = excerpt("Which concept shares one network namespace among its members?", 30);
    expect(cut).toBe("Which concept shares one…");
    expect(cut.length).toBeLessThanOrEqual(30);
  });

  it("cuts inside a word when there is no space to cut at", () => {
    expect(excerpt("x".repeat(50), 10)).toBe(`${"x".repeat(9)}…`);
  });
});
