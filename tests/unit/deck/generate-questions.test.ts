import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildDeck, type BuiltDeck } from "@/lib/core/deck/build-deck";
import { ConceptMatcher } from "@/lib/core/deck/concept-matcher";
import { containsWordsOf, normalizeText } from "@/lib/core/deck/normalize-text";
import type { Question, QuestionKind } from "@/lib/core/deck/types";
import { readDeckSource } from "@/lib/deck-files/read-deck-source";
import {
  PROCESS_EN,
  ROOT,
  SEED_EN,
  SEED_RU,
  VM_RU,
  loadDeck,
  loadSeedWithoutForms,
} from "./deck-fixtures";

const ALL_KINDS: QuestionKind[] = [
  "definition",
  "reverse-definition",
  "classify",
  "multiple-choice",
  "true-false",
  "cloze",
  "matching",
  "explain",
];

const DECKS: Record<string, BuiltDeck> = {
  "ru seed": loadDeck(SEED_RU),
  "ru seed without forms": loadSeedWithoutForms(),
  "en seed": loadDeck(SEED_EN),
  "ru three concepts": loadDeck(VM_RU),
  "en process vs thread": loadDeck(PROCESS_EN),
};
const SEED = DECKS["ru seed"] as BuiltDeck;

function prompts(deck: BuiltDeck, kind?: QuestionKind): string[] {
  return deck.questions.filter((q) => !kind || q.kind === kind).map((q) => q.prompt);
}

/** Independent of the generator's own guard: the answer must not stand in the prompt. */
function revealsAnswer(question: Question, matcher: ConceptMatcher): boolean {
  if (question.kind === "classify" || question.kind === "reverse-definition") {
    return matcher
      .findMentions(question.prompt)
      .some((m) => m.conceptKey === question.tags.concepts[0]);
  }
  return containsWordsOf(question.prompt, question.answer);
}

describe("question counts", () => {
  it("gives the Russian seed and the English deck every kind", () => {
    expect(SEED.summary.countsByKind).toEqual({
      definition: 2,
      "reverse-definition": 2,
      classify: 14,
      "multiple-choice": 14,
      "true-false": 29,
      cloze: 13,
      matching: 4,
      explain: 7,
    });
    expect(DECKS["en seed"]?.summary.countsByKind).toEqual({
      definition: 2,
      "reverse-definition": 2,
      classify: 14,
      "multiple-choice": 14,
      "true-false": 30,
      cloze: 9,
      matching: 4,
      explain: 7,
    });
  });

  it.each(Object.keys(DECKS))("%s has every kind", (name) => {
    const kinds = new Set(DECKS[name]?.questions.map((q) => q.kind));
    expect([...kinds].sort()).toEqual([...ALL_KINDS].sort());
  });
});

describe("Russian prompts are grammatical", () => {
  it("uses the case forms from the sidecar", () => {
    const all = prompts(SEED);
    expect(all).toEqual(
      expect.arrayContaining([
        "Что такое под?",
        "Сетевое взаимодействие: какое утверждение верно для пода?",
        "Масштаб управления: какое утверждение верно для контейнера?",
        "Объясните разницу между контейнером и подом в аспекте «Сетевое взаимодействие».",
        "Сопоставьте аспекты с утверждениями о поде.",
        "Сопоставьте аспекты различий с утверждениями о контейнере.",
        "Правильно ли утверждение? «Каждый под имеет свою файловую систему, процессы и сетевые интерфейсы.»",
        "Правильно ли утверждение? «Поды внутри контейнера создаются и удаляются вместе с контейнером.»",
        "Правильно ли утверждение? «Контейнер — это группа подов, которые работают вместе и разделяют ресурсы.»",
        "Правильно ли утверждение? «Контейнеры масштабируются как единое целое. Kubernetes управляет контейнерами, а не отдельными подами внутри них.»",
        "К какому понятию относится утверждение? «Каждый ___ имеет свою файловую систему, процессы и сетевые интерфейсы.»",
        "Заполните пропуск: «Контейнеры внутри пода имеют общий IP-адрес и могут взаимодействовать через _____.»",
      ]),
    );
  });

  it("joins three concepts and never swaps across grammatical genders", () => {
    const deck = DECKS["ru three concepts"] as BuiltDeck;
    expect(prompts(deck)).toEqual(
      expect.arrayContaining([
        "Объясните разницу между виртуальной машиной, контейнером и подом в аспекте «Ядро ОС».",
        "Изоляция: какое утверждение верно для виртуальной машины?",
        "Сопоставьте аспекты с утверждениями о виртуальной машине.",
        "Правильно ли утверждение? «Контейнерами управляет гипервизор или облачная платформа.»",
      ]),
    );
    // «Каждая виртуальная машина…» cannot become «Каждая контейнер…»: no false card for it.
    const vmIsolation = deck.questions.filter(
      (q) => q.siblingKey === "fact:vm:isolation" && q.kind === "true-false",
    );
    expect(vmIsolation.map((q) => q.answer)).toEqual(["Верно"]);
    expect(prompts(deck).join("\n")).not.toMatch(/Каждая (контейнер|под)|Каждый виртуальн/);
  });

  it("falls back to nominative-only templates without a forms table", () => {
    const deck = DECKS["ru seed without forms"] as BuiltDeck;
    expect(prompts(deck)).toEqual(
      expect.arrayContaining([
        "Что такое под?",
        "Какое утверждение верно для понятия «Под» в аспекте «Изоляция»?",
        "Сравните понятия «Контейнер» и «Под» в аспекте «Сетевое взаимодействие».",
        "Сопоставьте аспекты с утверждениями о понятии «Контейнер».",
      ]),
    );
    expect(deck.questions.filter((q) => q.kind === "true-false" && q.answer === "Неверно")).toEqual(
      [],
    );
  });
});

describe("English prompts", () => {
  it("reads naturally", () => {
    expect(prompts(DECKS["en seed"] as BuiltDeck)).toEqual(
      expect.arrayContaining([
        "What is a container?",
        "Networking: which statement is true for pods?",
        "Explain the difference between containers and pods with respect to “Lifecycle”.",
        "Is this statement correct? “Each pod has its own file system, processes and network interfaces.”",
        "Fill in the blank: “Containers in different pods communicate over the Kubernetes network (for example, through a _____).”",
      ]),
    );
  });
});

describe.each(Object.keys(DECKS))("quality rules: %s", (name) => {
  const deck = DECKS[name] as BuiltDeck;
  const matcher = new ConceptMatcher(deck.document.concepts);

  it("never puts the answer in the prompt", () => {
    expect(deck.questions.filter((q) => revealsAnswer(q, matcher)).map((q) => q.prompt)).toEqual(
      [],
    );
  });

  it("has no duplicate prompts and no duplicate ids", () => {
    const normalized = deck.questions.map((q) => normalizeText(q.prompt));
    expect(new Set(normalized).size).toBe(normalized.length);
    expect(new Set(deck.questions.map((q) => q.id)).size).toBe(deck.questions.length);
  });

  it("gives every multiple-choice question 3–4 distinct options and exactly one right one", () => {
    for (const question of deck.questions.filter((q) => q.kind === "multiple-choice")) {
      const options = question.options ?? [];
      expect(options.length).toBeGreaterThanOrEqual(3);
      expect(options.length).toBeLessThanOrEqual(4);
      expect(new Set(options.map((o) => normalizeText(o.text))).size).toBe(options.length);
      const right = options.filter((o) => o.id === question.correctOptionId);
      expect(right).toHaveLength(1);
      expect(right[0]?.text).toBe(question.answer);
      expect(
        options.filter((o) => normalizeText(o.text) === normalizeText(question.answer)),
      ).toHaveLength(1);
    }
  });

  it("places the right option in varying positions", () => {
    const positions = new Set(
      deck.questions.filter((q) => q.kind === "multiple-choice").map((q) => q.correctOptionId),
    );
    expect(positions.size).toBeGreaterThan(1);
  });

  it("offers every concept in classify questions", () => {
    for (const question of deck.questions.filter((q) => q.kind === "classify")) {
      expect(question.options?.map((o) => o.text)).toEqual(
        deck.document.concepts.map((c) => c.name),
      );
      expect(question.options?.find((o) => o.id === question.correctOptionId)?.text).toBe(
        question.answer,
      );
    }
  });

  it("builds matching questions as a shuffled one-to-one pairing", () => {
    for (const question of deck.questions.filter((q) => q.kind === "matching")) {
      const matching = question.matching;
      expect(matching).toBeDefined();
      if (!matching) continue;
      expect(matching.left.length).toBeGreaterThanOrEqual(3);
      expect(matching.right).toHaveLength(matching.left.length);
      const targets = Object.values(matching.solution);
      expect(new Set(targets).size).toBe(matching.left.length);
      expect(targets.every((id) => matching.right.some((r) => r.id === id))).toBe(true);
      expect(matching.left.every((l, index) => matching.solution[l.id] === String(index + 1))).toBe(
        false,
      );
    }
  });

  it("gives explain questions a model answer and a key point from every side", () => {
    for (const question of deck.questions.filter((q) => q.kind === "explain")) {
      expect(question.keyPoints?.length).toBe(question.tags.concepts.length);
      expect(question.tags.concepts.length).toBeGreaterThanOrEqual(2);
      expect(question.answer.split("\n")).toHaveLength(question.tags.concepts.length);
    }
  });

  it("fills every field: source, tags, sibling key, difficulty, language", () => {
    for (const question of deck.questions) {
      expect(question.deckId).toBe(deck.document.id);
      expect(question.language).toBe(deck.document.language);
      expect(question.source.line).toBeGreaterThanOrEqual(1);
      expect(question.source.endLine).toBeGreaterThanOrEqual(question.source.line);
      expect(question.source.quote.length).toBeGreaterThan(0);
      expect(question.explanation.length).toBeGreaterThan(0);
      expect(question.siblingKey.length).toBeGreaterThan(0);
      expect(question.tags.concepts.length).toBeGreaterThan(0);
      expect(question.difficulty).toBeGreaterThanOrEqual(1);
      expect(question.difficulty).toBeLessThanOrEqual(5);
      if (question.kind === "true-false") {
        expect(question.options?.find((o) => o.id === question.correctOptionId)?.text).toBe(
          question.answer,
        );
      }
    }
  });
});

describe("coverage of the seed", () => {
  const kindsBySibling = new Map<string, Set<QuestionKind>>();
  for (const question of SEED.questions) {
    const kinds = kindsBySibling.get(question.siblingKey) ?? new Set();
    kinds.add(question.kind);
    kindsBySibling.set(question.siblingKey, kinds);
  }

  it.each(
    ["management", "networking", "lifecycle", "resources"].flatMap((aspect) =>
      ["container", "pod"].map((concept) => `diff:${aspect}:${concept}`),
    ),
  )("covers the key difference %s with at least two kinds", (id) => {
    expect(kindsBySibling.get(id)?.size ?? 0).toBeGreaterThanOrEqual(2);
  });

  it.each(
    ["definition", "isolation", "scaling", "example"].flatMap((aspect) =>
      ["container", "pod"].map((concept) => `fact:${concept}:${aspect}`),
    ),
  )("covers the concept aspect %s with at least two kinds", (id) => {
    expect(kindsBySibling.get(id)?.size ?? 0).toBeGreaterThanOrEqual(2);
  });

  it("takes distractors first from the other concept on the same aspect", () => {
    const question = SEED.questions.find(
      (q) => q.kind === "multiple-choice" && q.siblingKey === "diff:networking:pod",
    );
    expect(question?.options?.map((o) => o.text)).toContain(
      "___ внутри пода имеют общий IP-адрес и могут взаимодействовать через localhost.",
    );
  });

  it("masks the concept in a reverse-definition, including its inflected forms", () => {
    const question = SEED.questions.find(
      (q) => q.kind === "reverse-definition" && q.siblingKey === "fact:container:definition",
    );
    expect(question?.prompt).toContain("___ создаются на основе образов (images)");
    expect(question?.prompt).toContain("изолированно от других ___.");
    expect(question?.acceptedAnswers).toEqual(expect.arrayContaining(["Контейнер", "контейнеры"]));
  });
});

describe("determinism and stable ids", () => {
  const source = readDeckSource(SEED_RU);
  const build = (markdown: string) =>
    buildDeck(markdown, {
      documentId: source.documentId,
      ...(source.forms ? { forms: source.forms } : {}),
    });

  it("builds the same deck twice", () => {
    expect(build(source.markdown)).toEqual(build(source.markdown));
  });

  it("keeps every id when an unrelated part (the conclusion) changes", () => {
    const edited = source.markdown.replace(
      "Поды обеспечивают более высокий уровень",
      "Поды дают более высокий уровень",
    );
    expect(edited).not.toBe(source.markdown);
    expect(build(edited).questions.map((q) => q.id)).toEqual(
      build(source.markdown).questions.map((q) => q.id),
    );
  });

  it("keeps the ids of questions that do not come from an edited fact", () => {
    const edited = source.markdown.replace(
      "Каждый контейнер имеет свою файловую систему, процессы и сетевые интерфейсы.",
      "Каждый контейнер имеет свою файловую систему и свои процессы.",
    );
    const before = build(source.markdown).questions;
    const after = new Set(build(edited).questions.map((q) => q.id));
    const touched = new Set(["fact:container:isolation", "facts:container", "aspect:isolation"]);
    const kept = before.filter((q) => !touched.has(q.siblingKey));
    expect(kept.length).toBeGreaterThan(60);
    expect(kept.filter((q) => !after.has(q.id)).map((q) => q.siblingKey)).toEqual([]);
    const changed = before.filter((q) => q.siblingKey === "fact:container:isolation");
    expect(changed.length).toBeGreaterThan(0);
    expect(changed.some((q) => after.has(q.id))).toBe(false);
  });

  it("does not use Math.random or the clock in the core", () => {
    const dir = path.join(ROOT, "lib/core/deck");
    const core = fs.readdirSync(dir).map((file) => fs.readFileSync(path.join(dir, file), "utf8"));
    expect(core.join("\n")).not.toMatch(/Math\.random|Date\.now|new Date\(|from "node:/);
  });
});
