import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DocumentError, type DocumentErrorCode } from "@/lib/core/deck/document-error";
import { MAX_DOCUMENT_BYTES, parseComparisonDocument } from "@/lib/core/deck/parse-document";
import { MALFORMED, SEED_RU } from "./deck-fixtures";

function parseError(markdown: unknown): DocumentError {
  try {
    parseComparisonDocument(markdown as string, { documentId: "t" });
  } catch (error) {
    if (error instanceof DocumentError) return error;
    throw error;
  }
  throw new Error("expected the document to be refused");
}

function parseFixtureError(name: string): DocumentError {
  return parseError(fs.readFileSync(path.join(MALFORMED, name), "utf8"));
}

describe("malformed documents: each has its own code and a line where it has one", () => {
  it.each<[string, DocumentErrorCode, number | undefined, RegExp]>([
    ["empty.md", "empty", undefined, /empty/],
    ["no-concepts.md", "no-concepts", undefined, /no concept sections found/],
    ["single-concept.md", "single-concept", 3, /only one concept section found \("Container"\)/],
    [
      "unknown-concept.md",
      "unknown-concept",
      13,
      /"Виртуальная машина" under "Изоляция" is not one of the concepts/,
    ],
    [
      "duplicate-aspect.md",
      "duplicate-aspect",
      8,
      /"Isolation" of "Pod" is given twice \(first on line 7\)/,
    ],
    [
      "no-differences.md",
      "no-differences",
      undefined,
      /no differences section found after the concept sections \(which end on line 5\)/,
    ],
    [
      "unattributable-difference.md",
      "difference-attribution",
      8,
      /sub-items of "Networking" are about \(lines 9, 10, 11\)/,
    ],
  ])("%s → %s", (file, code, line, message) => {
    const error = parseFixtureError(file);
    expect(error.code).toBe(code);
    expect(error.issues[0]?.line).toBe(line);
    expect(error.issues[0]?.message).toMatch(message);
    if (line !== undefined) expect(error.message).toMatch(new RegExp(`^line ${line}: `));
  });

  it("refuses a 5 MB document before parsing", () => {
    const seed = fs.readFileSync(SEED_RU, "utf8");
    const huge = seed.repeat(Math.ceil((5 * 1024 * 1024) / Buffer.byteLength(seed)));
    const error = parseError(huge);
    expect(error.code).toBe("too-large");
    expect(error.message).toMatch(/the document is 5\.0 MB; the limit is 1\.0 MB/);
  });

  it("counts bytes, not characters: 600 000 Cyrillic letters are over 1 MB", () => {
    const cyrillic = "я".repeat(600_000);
    expect(cyrillic.length).toBeLessThan(MAX_DOCUMENT_BYTES);
    expect(parseError(cyrillic).code).toBe("too-large");
  });

  it("refuses what is not text", () => {
    expect(parseError(42).code).toBe("not-text");
    expect(parseError("### A\n\u0000\u0001binary").code).toBe("not-text");
  });

  it("refuses two sections for one concept", () => {
    const markdown = fs
      .readFileSync(path.join(MALFORMED, "duplicate-aspect.md"), "utf8")
      .replace("### Pod:", "### Container:");
    const error = parseError(markdown);
    expect(error.code).toBe("duplicate-concept");
    expect(error.issues[0]).toMatchObject({ line: 5 });
  });

  it("refuses an aspect without text", () => {
    const markdown = fs
      .readFileSync(path.join(MALFORMED, "duplicate-aspect.md"), "utf8")
      .replace(
        "- **Isolation:** Containers in a pod can also share volumes.\n",
        "- **Scaling:**\n",
      );
    const error = parseError(markdown);
    expect(error.code).toBe("empty-statement");
    expect(error.issues[0]).toMatchObject({ line: 8 });
  });
});
