import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { resolveAspectKey } from "@/lib/core/deck/aspect-keys";
import { ConceptMatcher } from "@/lib/core/deck/concept-matcher";
import { parseComparisonDocument } from "@/lib/core/deck/parse-document";
import type { ComparisonDocument } from "@/lib/core/deck/types";
import { readDeckSource } from "@/lib/deck-files/read-deck-source";
import { PROCESS_EN, SEED_EN, SEED_RU, VM_RU } from "./deck-fixtures";

function parseFile(file: string, withForms = true): ComparisonDocument {
  const source = readDeckSource(file);
  return parseComparisonDocument(source.markdown, {
    documentId: source.documentId,
    ...(withForms && source.forms ? { forms: source.forms } : {}),
  });
}

function differenceText(doc: ComparisonDocument, id: string): string | undefined {
  return doc.differences.find((difference) => difference.id === id)?.text;
}

const TWO_CONCEPTS_EN = `### Container:
- **Definition:** A container is an isolated environment for one process.
- **Isolation:** Each container has its own file system.

### Pod:
- **Definition:** A pod is a group of containers.
- **Isolation:** Containers in a pod share one network namespace.
`;

describe("parseComparisonDocument on the Russian seed", () => {
  const doc = parseFile(SEED_RU);

  it("reads the language, title, summary and conclusion", () => {
    expect(doc.id).toBe("containers-vs-pods.ru");
    expect(doc.language).toBe("ru");
    expect(doc.title).toBe("Контейнер vs Под");
    expect(doc.summary?.text).toMatch(/^Контейнер — это изолированное окружение/);
    expect(doc.summary?.provenance.line).toBe(2);
    expect(doc.conclusion?.text).toMatch(/^Контейнер — это базовая единица изоляции/);
    expect(doc.conclusion?.provenance).toMatchObject({ section: ["Итог"], line: 46 });
  });

  it("reads both concepts, the alias and the forms from the sidecar", () => {
    expect(doc.concepts.map((c) => [c.key, c.name, c.aliases])).toEqual([
      ["container", "Контейнер", []],
      ["pod", "Под", ["Pod"]],
    ]);
    const pod = doc.concepts[1];
    expect(pod?.forms).toMatchObject({
      nominative: "под",
      genitive: "пода",
      instrumental: "подом",
    });
    expect(pod?.hasCaseForms).toBe(true);
    expect(pod?.provenance).toMatchObject({ section: ["Под (Pod)"], line: 15 });
  });

  it("reads one fact per concept aspect, with lines and the nested list folded in", () => {
    expect(doc.facts.map((fact) => [fact.id, fact.provenance.line])).toEqual([
      ["fact:container:definition", 10],
      ["fact:container:isolation", 11],
      ["fact:container:scaling", 12],
      ["fact:container:example", 13],
      ["fact:pod:definition", 16],
      ["fact:pod:isolation", 20],
      ["fact:pod:scaling", 21],
      ["fact:pod:example", 22],
    ]);
    const podDefinition = doc.facts[4];
    expect(podDefinition?.provenance).toMatchObject({ line: 16, endLine: 19 });
    expect(podDefinition?.text).toContain(
      "такие как: сетевое пространство (один IP-адрес на под); тома хранения (volumes); пространство памяти и CPU",
    );
    expect(podDefinition?.sentences).toHaveLength(2);
    expect(doc.facts[5]?.terms).toEqual(["localhost", "IPC", "Inter-Process Communication"]);
  });

  it("attributes the differences by name prefix, else by position", () => {
    expect(doc.differences.map((d) => [d.id, d.provenance.line])).toEqual([
      ["diff:management:container", 26],
      ["diff:management:pod", 27],
      ["diff:networking:container", 30],
      ["diff:networking:pod", 31],
      ["diff:lifecycle:container", 34],
      ["diff:lifecycle:pod", 35],
      ["diff:resources:container", 38],
      ["diff:resources:pod", 39],
    ]);
    expect(differenceText(doc, "diff:management:pod")).toBe(
      "Под — это группа контейнеров, которые работают вместе и разделяют ресурсы.",
    );
    // Neither sub-item starts with a concept name: the second one is the pod's by position.
    expect(differenceText(doc, "diff:networking:pod")).toMatch(/^Контейнеры в разных пода/);
    expect(doc.differences[2]?.provenance.section).toEqual([
      "Основные различия",
      "Сетевое взаимодействие",
    ]);
  });

  it("reads the usage examples", () => {
    expect(doc.examples.map((example) => [example.title, example.conceptKeys])).toEqual([
      ["Один контейнер в поде", ["container", "pod"]],
      ["Несколько контейнеров в поде", ["container", "pod"]],
    ]);
  });

  it("still parses without the forms table, with nominative-only concepts", () => {
    const bare = parseFile(SEED_RU, false);
    expect(bare.concepts.map((c) => [c.key, c.hasCaseForms, c.forms.genitive])).toEqual([
      ["konteyner", false, "контейнер"],
      ["pod", false, "под"],
    ]);
    expect(bare.differences).toHaveLength(8);
  });
});

describe("parseComparisonDocument on the English translation", () => {
  const en = parseFile(SEED_EN);
  const ru = parseFile(SEED_RU);

  it("has the same structure as the seed", () => {
    expect(en.language).toBe("en");
    expect(en.concepts.map((c) => c.key)).toEqual(["container", "pod"]);
    expect(en.facts.map((fact) => fact.id)).toEqual(ru.facts.map((fact) => fact.id));
    expect(en.differences.map((d) => d.id)).toEqual(ru.differences.map((d) => d.id));
    expect(en.differences.map((d) => d.provenance.line)).toEqual(
      ru.differences.map((d) => d.provenance.line),
    );
    expect(en.examples).toHaveLength(ru.examples.length);
    expect(en.summary).toBeDefined();
    expect(en.conclusion).toBeDefined();
  });

  it("derives English forms from the name", () => {
    expect(en.concepts[0]?.forms).toMatchObject({ nominative: "container", plural: "containers" });
  });
});

describe("parseComparisonDocument on a three-concept Russian document", () => {
  const doc = parseFile(VM_RU);

  it("reads three concepts with their aliases and the H1 title", () => {
    expect(doc.title).toBe("Виртуальная машина, контейнер и под");
    expect(doc.concepts.map((c) => [c.key, c.name, c.aliases])).toEqual([
      ["vm", "Виртуальная машина", ["VM"]],
      ["container", "Контейнер", []],
      ["pod", "Под", ["Pod"]],
    ]);
    expect(doc.summary?.text).toMatch(/^виртуальная машина эмулирует/);
    expect(doc.conclusion?.provenance.section).toEqual([
      "Виртуальная машина, контейнер и под",
      "Вывод",
    ]);
  });

  it("attributes out-of-order and inflected name prefixes", () => {
    expect(differenceText(doc, "diff:networking:pod")).toMatch(/^Под \(Pod\) — один IP-адрес/);
    expect(differenceText(doc, "diff:networking:vm")).toMatch(/^Виртуальная машина — собственный/);
    expect(differenceText(doc, "diff:resources:vm")).toMatch(/^Виртуальные машины — память/);
    expect(differenceText(doc, "diff:management:container")).toMatch(/^Контейнерами управляет/);
    expect(doc.differences.map((d) => d.aspect)).toContain("other:yadro-os");
  });

  it("recognizes an examples section after the differences by its structure", () => {
    expect(doc.examples.map((example) => [example.title, example.conceptKeys])).toEqual([
      ["Нужна другая ОС", ["vm"]],
      ["Один сервис", ["container"]],
      ["Несколько тесно связанных процессов", ["pod"]],
    ]);
  });
});

describe("parseComparisonDocument on an English document with other wording", () => {
  const doc = parseFile(PROCESS_EN);

  it("reads 'Key differences' with name prefixes, bold labels and positions", () => {
    expect(doc.language).toBe("en");
    expect(doc.concepts.map((c) => c.key)).toEqual(["process", "thread"]);
    expect(differenceText(doc, "diff:other:memory:thread")).toMatch(/^Thread — shares the heap/);
    expect(differenceText(doc, "diff:other:memory:process")).toMatch(/^Process — owns/);
    expect(differenceText(doc, "diff:other:communication:thread")).toMatch(/^Threads talk/);
    expect(differenceText(doc, "diff:other:failure-impact:process")).toBe(
      "Process — a crash usually stays inside the process.",
    );
    expect(doc.facts.find((f) => f.id === "fact:process:other:creation-cost")?.terms).toEqual([
      "fork()",
    ]);
  });
});

describe("recognizing sections by structure first", () => {
  it.each([
    "### Основные различия:",
    "### Ключевые отличия",
    "## Key differences",
    "### Main differences:",
    "### Differences",
    "### По пунктам",
  ])("finds the differences under %s", (heading) => {
    const markdown = `${TWO_CONCEPTS_EN}\n${heading}\n1. **Networking:**\n   - Containers talk through ports.\n   - Pods get one IP address each.\n`;
    const doc = parseComparisonDocument(markdown, { documentId: "t" });
    expect(doc.differences.map((d) => d.id)).toEqual([
      "diff:networking:container",
      "diff:networking:pod",
    ]);
  });

  it("takes a sub-list indented too little after item 10 as that item's sub-items", () => {
    const aspects = Array.from(
      { length: 10 },
      (_, index) =>
        `${index + 1}. **Aspect ${index}:**\n   - Containers do ${index}.\n   - Pods do ${index}.`,
    );
    const doc = parseComparisonDocument(
      `${TWO_CONCEPTS_EN}\n### Differences:\n${aspects.join("\n")}\n`,
      {
        documentId: "t",
      },
    );
    expect(doc.differences).toHaveLength(20);
    expect(doc.differences.at(-1)).toMatchObject({
      id: "diff:other:aspect-9:pod",
      text: "Pods do 9.",
    });
  });

  it("reads bold-only paragraphs as headings", () => {
    const markdown = TWO_CONCEPTS_EN.replace("### Container:", "**Container:**").replace(
      "### Pod:",
      "**Pod:**",
    );
    const doc = parseComparisonDocument(
      `${markdown}\n**Key differences:**\n1. **Scaling:**\n   - Pod — scales as a unit.\n   - Container — scales alone.\n`,
      { documentId: "t" },
    );
    expect(doc.concepts.map((c) => c.name)).toEqual(["Container", "Pod"]);
    expect(doc.differences.map((d) => d.id)).toEqual([
      "diff:scaling:container",
      "diff:scaling:pod",
    ]);
  });

  it("reads a differences table whose columns name the concepts", () => {
    const markdown = `${TWO_CONCEPTS_EN}
### Comparison
| Aspect | Pod | Container |
|---|---|---|
| **Networking** | One IP address per pod. | A network namespace of its own. |
| Lifecycle | Managed by Kubernetes. | Lives and dies with its pod. |
`;
    const doc = parseComparisonDocument(markdown, { documentId: "t" });
    expect(doc.differences.map((d) => [d.id, d.text, d.provenance.line])).toEqual([
      ["diff:networking:container", "A network namespace of its own.", 12],
      ["diff:networking:pod", "One IP address per pod.", 12],
      ["diff:lifecycle:container", "Lives and dies with its pod.", 13],
      ["diff:lifecycle:pod", "Managed by Kubernetes.", 13],
    ]);
  });

  it("takes the language from the option over detection", () => {
    const markdown = fs.readFileSync(SEED_EN, "utf8");
    expect(parseComparisonDocument(markdown, { documentId: "t" }).language).toBe("en");
    expect(parseComparisonDocument(markdown, { documentId: "t", language: "ru" }).language).toBe(
      "ru",
    );
  });
});

describe("resolveAspectKey", () => {
  it.each([
    ["Определение", "definition"],
    ["Definition", "definition"],
    ["Изоляция", "isolation"],
    ["Isolation", "isolation"],
    ["Масштабирование", "scaling"],
    ["Scaling", "scaling"],
    ["Пример", "example"],
    ["Example", "example"],
    ["Масштаб управления", "management"],
    ["Management scope", "management"],
    ["Management", "management"],
    ["Сетевое взаимодействие", "networking"],
    ["Networking", "networking"],
    ["Network", "networking"],
    ["Жизненный цикл", "lifecycle"],
    ["Lifecycle", "lifecycle"],
    ["Ресурсы", "resources"],
    ["Resources", "resources"],
    ["Время запуска", "other:vremya-zapuska"],
    ["Failure impact", "other:failure-impact"],
  ])("%s → %s", (title, key) => {
    expect(resolveAspectKey(title)).toBe(key);
  });
});

describe("ConceptMatcher", () => {
  const withForms = parseFile(SEED_RU);
  const bare = parseFile(SEED_RU, false);

  it("recognizes every form and the alias", () => {
    const matcher = new ConceptMatcher(withForms.concepts);
    const text = "Контейнеры внутри пода; подом; контейнерами; Pod; под (Pod)";
    expect(
      matcher.findMentions(text).map((m) => [text.slice(m.start, m.end), m.conceptKey]),
    ).toEqual([
      ["Контейнеры", "container"],
      ["пода", "pod"],
      ["подом", "pod"],
      ["контейнерами", "container"],
      ["Pod", "pod"],
      ["под (Pod)", "pod"],
    ]);
  });

  it("recognizes inflected forms without a table, but not look-alike words", () => {
    const matcher = new ConceptMatcher(bare.concepts);
    const text = "Контейнеры внутри пода, подход, подробно, контейнерный";
    expect(matcher.findMentions(text).map((m) => text.slice(m.start, m.end))).toEqual([
      "Контейнеры",
      "пода",
    ]);
  });
});
