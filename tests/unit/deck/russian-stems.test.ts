import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildDeck } from "@/lib/core/deck";
import { FIXTURES } from "./deck-fixtures";

/*
 * A Russian document without a forms table («Постоянный том», «Заявка на том»; written by a
 * round-6 reviewer): the matcher knows the names in the nominative only, so the gate also looks
 * for their stems («заявкой», «постоянным томом») and for a gloss right after the blank.
 */
const MARKDOWN = fs.readFileSync(path.join(FIXTURES, "persistent-volume-vs-claim.ru.md"), "utf8");

describe("a Russian document without forms: names in other cases", () => {
  const deck = buildDeck(MARKDOWN, { documentId: "own-pv" });

  it("publishes no “which concept?” item that names a concept in any case", () => {
    const asked = deck.questions.filter(
      (q) => q.kind === "classify" || q.kind === "reverse-definition",
    );
    for (const question of asked) {
      expect(question.prompt).not.toMatch(/заявк|постоянн/iu);
    }
  });

  it("sets aside an item whose blank is followed by the answer's English name", () => {
    const glossed = deck.dropped.filter((q) => /___ \(Persistent/u.test(q.prompt));
    expect(glossed.length).toBeGreaterThan(0);
    for (const q of glossed) expect(q.rules).toContain("gives-answer-away");
  });
});
