import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildDeck, type Question } from "@/lib/core/deck";
import { FIXTURES } from "./deck-fixtures";

/*
 * A teacher's Russian document comes without a `*.forms.json`: its concepts are a feminine noun
 * phrase («Виртуальная машина») and a plural noun («Контейнеры»). Prompts then name concepts in
 * the nominative only («Что такое контейнеры?», «…понятия «Виртуальная машина» и «Контейнеры»»),
 * never in a case guessed wrongly.
 */
const MARKDOWN = fs.readFileSync(path.join(FIXTURES, "vm-vs-containers-no-forms.ru.md"), "utf8");
const FORMS = {
  "Виртуальная машина": {
    nominative: "виртуальная машина",
    genitive: "виртуальной машины",
    dative: "виртуальной машине",
    accusative: "виртуальную машину",
    instrumental: "виртуальной машиной",
    prepositional: "виртуальной машине",
    plural: "виртуальные машины",
  },
  Контейнеры: {
    nominative: "контейнеры",
    genitive: "контейнеров",
    dative: "контейнерам",
    accusative: "контейнеры",
    instrumental: "контейнерами",
    prepositional: "контейнерах",
    plural: "контейнеры",
  },
};
/** Every form of the two names other than the nominative. */
const DECLINED = [
  /виртуальн(?:ой|ую|ых|ыми|ым) машин/iu,
  /контейнер(?:ов|ам|ами|ах)(?![\p{L}])/iu,
  /(?<![\p{L}])контейнера?(?![\p{L}])/iu,
];

/** What the templates wrote: the prompt without the document's own words quoted in «…». */
function templateText(question: Question): string {
  return question.prompt.replace(/«[^«»]*(?:«[^«»]*»[^«»]*)*»/gu, "«…»");
}

describe("a Russian document without a forms sidecar", () => {
  const deck = buildDeck(MARKDOWN, { documentId: "own-ru" });

  it("yields a deck whose concepts are named as the document names them", () => {
    expect(deck.summary.concepts.map((c) => c.name)).toEqual(["Виртуальная машина", "Контейнеры"]);
    expect(deck.questions.length).toBeGreaterThan(6);
  });

  it('asks no "which concept?" item whose blank a singular or plural verb gives away', () => {
    // «___ стартуют» can only be «Контейнеры», «___ отделена» only «Виртуальная машина».
    expect(deck.questions.filter((q) => q.kind === "classify")).toEqual([]);
    const setAside = deck.dropped.filter((q) => q.rules.includes("agreement-gives-answer-away"));
    expect(setAside.map((q) => q.kind)).toEqual(Array(9).fill("classify"));
  });

  it("words every prompt with the nominative only", () => {
    const prompts = deck.questions.map(templateText);
    for (const prompt of prompts) {
      for (const form of DECLINED) expect(prompt).not.toMatch(form);
    }
    const raw = deck.questions.map((q) => q.prompt);
    expect(raw).toContain("Что такое виртуальная машина?");
    expect(raw).toContain("Что такое контейнеры?");
    expect(raw).toContain(
      "В чём главное различие между понятиями «Виртуальная машина» и «Контейнеры»?",
    );
    // Options that name a concept name it in the nominative too (the set-aside "which
    // concept?" items had them).
    const conceptOptions = deck.dropped.flatMap((q) => (q.kind === "classify" ? [q.prompt] : []));
    for (const prompt of conceptOptions)
      for (const form of DECLINED) expect(prompt).not.toMatch(form);
  });

  it("declines the names when the sidecar gives their forms (the built-in decks' way)", () => {
    const withForms = buildDeck(MARKDOWN, { documentId: "own-ru", forms: FORMS });
    expect(withForms.questions.map((q) => q.prompt)).toContain(
      "В чём главное различие между виртуальной машиной и контейнерами?",
    );
  });
});
