import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildDeck } from "@/lib/core/deck/build-deck";
import { DocumentError } from "@/lib/core/deck/document-error";
import { normalizeText } from "@/lib/core/deck/normalize-text";
import { parseComparisonDocument } from "@/lib/core/deck/parse-document";

/** Fails the property unless the input parses or is refused with a DocumentError (not "internal"). */
function expectOnlyDocumentErrors(markdown: string): void {
  try {
    const deck = buildDeck(markdown, { documentId: "prop" });
    const ids = deck.questions.map((question) => question.id);
    const prompts = deck.questions.map((question) => normalizeText(question.prompt));
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(prompts).size).toBe(prompts.length);
  } catch (error) {
    expect(error).toBeInstanceOf(DocumentError);
    expect((error as DocumentError).code).not.toBe("internal");
  }
}

const MARKDOWN_PIECES = [
  "",
  "# Containers vs pods",
  "### Контейнер:",
  "### Под (Pod):",
  "### Container",
  "## Pod",
  "### Виртуальная машина (VM):",
  "- **Определение:** Контейнер — это изолированная среда.",
  "- **Изоляция:** Контейнеры внутри пода делят сеть через `localhost`.",
  "- **Definition:** A pod is a group of containers.",
  "- **Scaling:**",
  "- **Isolation** — each container has its own file system.",
  "  - Сетевое пространство (один IP-адрес на под).",
  "  - nested item",
  "### Основные различия:",
  "## Key differences",
  "1. **Сетевое взаимодействие:**",
  "2. **Networking:**",
  "   - Контейнер — отдельный процесс.",
  "   - Под — группа контейнеров.",
  "   - Pods — get an IP.",
  "   - Виртуальная машина — своё ядро.",
  "   - **Pod:** one IP per pod.",
  "| Aspect | Container | Pod |",
  "|---|---|---|",
  "| Network | own | shared |",
  "| Lifecycle |",
  "**Коротко:**  ",
  "**Итог:** поды группируют контейнеры.",
  "### Итог:",
  "### Пример использования:",
  "- **Один контейнер в поде:** веб-сервер.",
  "---",
  "```",
  "> quote with **bold**",
  "<div>html</div>",
  "[link](http://example.com) ![img](x.png)",
  "* * *",
  "- [ ] task",
  "1) first",
  "Setext heading",
  "===",
  "\t- tabbed",
  "- ",
  "**",
  "`",
];

const markdownLine = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...MARKDOWN_PIECES) },
  { weight: 1, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 20 }) },
);

describe("parseComparisonDocument never throws anything but DocumentError", () => {
  it("on arbitrary strings", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 400 }), (text) => {
        try {
          parseComparisonDocument(text, { documentId: "prop" });
        } catch (error) {
          expect(error).toBeInstanceOf(DocumentError);
          expect((error as DocumentError).code).not.toBe("internal");
        }
      }),
      { seed: 20250310, numRuns: 300 },
    );
  });

  it("on arbitrary mixes of markdown-ish lines, through question generation too", () => {
    fc.assert(
      fc.property(fc.array(markdownLine, { maxLength: 60 }), (lines) => {
        expectOnlyDocumentErrors(lines.join("\n"));
      }),
      { seed: 20250311, numRuns: 400 },
    );
  });

  it("on well-formed comparisons with random names and statements", () => {
    const word = fc.stringMatching(/^[A-Za-zА-Яа-я]{2,10}$/);
    const statement = fc.array(word, { minLength: 2, maxLength: 8 }).map((w) => `${w.join(" ")}.`);
    const concept = fc.tuple(
      word,
      fc.array(fc.tuple(word, statement), { minLength: 1, maxLength: 4 }),
    );
    fc.assert(
      fc.property(
        fc.array(concept, { minLength: 2, maxLength: 4 }),
        fc.array(fc.tuple(word, fc.array(statement, { minLength: 1, maxLength: 4 })), {
          maxLength: 4,
        }),
        (concepts, differences) => {
          const sections = concepts.map(
            ([name, facts]) =>
              `### ${name}:\n${facts.map(([aspect, text]) => `- **${aspect}:** ${text}`).join("\n")}`,
          );
          const diffs = differences.map(
            ([aspect, items], index) =>
              `${index + 1}. **${aspect}:**\n${items.map((item) => `   - ${item}`).join("\n")}`,
          );
          expectOnlyDocumentErrors(
            `${sections.join("\n\n")}\n\n### Differences:\n${diffs.join("\n")}`,
          );
        },
      ),
      { seed: 20250312, numRuns: 300 },
    );
  });
});
