import fs from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseMarkdown, parseWholeMarkdown, sectionStarts } from "@/lib/core/deck/parse-markdown";
import { createSyntheticDocument } from "@/bench/deck-generation";
import { FIXTURES, MALFORMED, ROOT } from "./deck-fixtures";

/**
 * parseMarkdown parses a document heading section by heading section when nothing can reach
 * across a heading: the tree must be exactly the one-piece parse's, positions included, or
 * every deck built from it could change.
 */

const DOCUMENTS = [path.join(ROOT, "data/sources"), FIXTURES, MALFORMED].flatMap((directory) =>
  fs
    .readdirSync(directory)
    .filter((name) => name.endsWith(".md"))
    .map((name) => ({ name, text: fs.readFileSync(path.join(directory, name), "utf8") })),
);

/** Cut at every heading (a chunk length of 0): the most cuts, the most chances to differ. */
function expectSameTree(markdown: string): void {
  expect(parseMarkdown(markdown, 0)).toStrictEqual(parseWholeMarkdown(markdown));
}

/** Document variants: blank lines dropped or doubled, no final newline, blank lines ahead. */
function variantsOf(text: string): string[] {
  return [
    text,
    text.replace(/\n\s*\n/g, "\n"),
    text.replace(/\n/g, "\n\n"),
    text.trimEnd(),
    `\n\n${text}`,
    `   \n${text}\n\n\n`,
    text.replace(/^(\s*)- /gm, "$1* "),
    text.replace(/^#+ /gm, "# "),
  ];
}

describe("parseMarkdown", () => {
  it("parses every document we have in sections, into the one-piece parse's tree", () => {
    const whole = DOCUMENTS.filter(({ text }) => sectionStarts(text, 0) === null);
    // Only the empty document and the one with a "<" in its prose are parsed in one piece.
    expect(whole.length).toBeLessThanOrEqual(2);
    for (const { text } of DOCUMENTS) {
      for (const variant of variantsOf(text)) expectSameTree(variant);
    }
  });

  it("keeps a document whole when a block or a definition can reach across a heading", () => {
    const crossing = [
      "# A\n```\ncode\n# not a heading\n```\n",
      "# A\n~~~\n# not a heading\n~~~\n",
      "# A\n<!--\n# not a heading\n-->\n",
      "# A\nsee [it]\n## B\n[it]: https://example.com\n",
      "# A\r\n- item\r\n# B\r\ntext\r\n",
      "# A\rtext\n# B\rmore\n",
      "# A\n| a | b |\n| - | - |\n# B\n",
    ];
    for (const markdown of crossing) {
      expect(sectionStarts(markdown, 0)).toBeNull();
      expectSameTree(markdown);
    }
  });

  it("gives the one-piece tree for the synthetic documents of the bench", () => {
    for (const bytes of [2_000, 30_000]) {
      const document = createSyntheticDocument(bytes);
      expect(sectionStarts(document, 0)?.length).toBeGreaterThan(5);
      expectSameTree(document);
    }
    // As parsed by default: in runs of sections 16 K characters long or more.
    const large = createSyntheticDocument(100_000);
    expect(sectionStarts(large)?.length).toBeGreaterThan(1);
    expect(parseMarkdown(large)).toStrictEqual(parseWholeMarkdown(large));
  });

  it("gives the one-piece tree for any document made of these lines", () => {
    let sectioned = 0;
    const poolLines = DOCUMENTS.flatMap(({ text }) => text.split("\n"));
    const heading = fc.constantFrom("# Title", "## Section:", "### Под (Pod):", "#", "##\tTab");
    // prettier-ignore
    const other = fc.constantFrom(
      "####### seven", "#hashtag", " # indented", "   ### three", "- item", "  - nested",
      "    - deeper", "1. one", "10. **Ten:**", "   - three spaces", "     - five spaces",
      "* star", "+ plus", "**Label:** text", "text after", "> quote", "> - quoted item", ">",
      "    code", "\tcode", "", " ", "   ", "---", "===", "***", "- - -",
      "a `code` *em* **strong**", "hard break  ", "trailing\\", "\\# escaped", "1) paren", "2.",
      "-", "[link](x) ![i](y)", "[ref]", "2) **Label** — text",
    );
    const line = fc.oneof(
      { arbitrary: heading, weight: 1 },
      { arbitrary: other, weight: 3 },
      { arbitrary: fc.constantFrom(...poolLines), weight: 2 },
    );
    fc.assert(
      fc.property(
        fc.array(line, { minLength: 4, maxLength: 40 }),
        fc.boolean(),
        (lines, finalNewline) => {
          const markdown = lines.join("\n") + (finalNewline ? "\n" : "");
          if (sectionStarts(markdown, 0) !== null) sectioned += 1;
          expectSameTree(markdown);
        },
      ),
      { numRuns: 1000 },
    );
    // Most of them go the sectioned way (headings are common), so the property says something.
    expect(sectioned).toBeGreaterThan(600);
  });
});
