import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { decodeDocument, DocumentError, previewDeck } from "@/lib/core/deck";
import { ROOT } from "./deck-fixtures";

const utf8 = (text: string) => new TextEncoder().encode(text);

function decodeIssue(bytes: Uint8Array) {
  try {
    decodeDocument(bytes);
  } catch (error) {
    expect(error).toBeInstanceOf(DocumentError);
    return { ...(error as DocumentError).issues[0]!, errorCode: (error as DocumentError).code };
  }
  throw new Error("decoded");
}

describe("decodeDocument", () => {
  it("reads UTF-8 with Cyrillic as it is", () => {
    expect(decodeDocument(utf8("# Под\n\nКонтейнер — процесс.\n"))).toBe(
      "# Под\n\nКонтейнер — процесс.\n",
    );
  });

  it("drops a byte-order mark and turns CRLF and CR line ends into LF", () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8("# A\r\n\r\nline\rnext\r\n")]);
    expect(decodeDocument(bytes)).toBe("# A\n\nline\nnext\n");
  });

  it("refuses invalid UTF-8 and names the line of the first bad byte", () => {
    // "é" in Latin-1 (0xE9) on line 3: a file saved in the wrong encoding.
    const bytes = new Uint8Array([...utf8("# A\n\ncaf"), 0xe9, ...utf8("\nmore\n")]);
    const issue = decodeIssue(bytes);
    expect(issue).toMatchObject({
      errorCode: "not-text",
      code: "not-utf8",
      params: { byte: "0xe9" },
      line: 3,
    });
    expect(issue.message).toContain("0xe9");
    expect(issue.message).toContain("UTF-8");
  });

  it("is not fooled by a real U+FFFD before the bad byte", () => {
    const bytes = new Uint8Array([...utf8("\uFFFD ok\nsecond\n"), 0xc3, 0x28]);
    expect(decodeIssue(bytes)).toMatchObject({ line: 3, message: expect.stringContaining("0xc3") });
  });

  it("refuses overlong encodings and lone surrogates, which lenient decoders let through", () => {
    expect(decodeIssue(new Uint8Array([0x41, 0xc0, 0xaf])).line).toBe(1); // overlong "/"
    expect(decodeIssue(new Uint8Array([0x0a, 0xed, 0xa0, 0x80])).line).toBe(2); // U+D800
  });

  it("refuses NUL bytes: a binary file, at its line", () => {
    const issue = decodeIssue(new Uint8Array([...utf8("# A\ntext"), 0x00, 0x01, 0x02]));
    expect(issue).toMatchObject({ errorCode: "not-text", code: "nul-bytes", line: 2 });
    expect(issue.message).toMatch(/binary/);
  });

  it("refuses a PNG: binary bytes are invalid UTF-8", () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    expect(decodeIssue(png).errorCode).toBe("not-text");
  });
});

describe("previewDeck", () => {
  const markdown = fs.readFileSync(
    path.join(ROOT, "tests/fixtures/documents/service-vs-ingress.en.md"),
    "utf8",
  );

  it("counts the questions by kind, samples each kind once with its quote, and sums the dropped ones", () => {
    const result = previewDeck(markdown, { documentId: "service-vs-ingress.en" });
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    const { summary, total, samples, dropped } = result.preview;
    const counts = Object.values(summary.countsByKind);
    expect(total).toBe(counts.reduce((sum, n) => sum + n, 0));
    expect(samples.map((q) => q.kind).sort()).toEqual(Object.keys(summary.countsByKind).sort());
    const lines = markdown.split("\n");
    for (const sample of samples) {
      const cited = lines.slice(sample.source.line - 1, sample.source.endLine).join(" ");
      expect(cited.replace(/[*`]/g, "")).toContain(sample.source.quote.slice(0, 20));
    }
    expect(dropped.byRule.reduce((sum, r) => sum + r.count, 0)).toBeGreaterThanOrEqual(
      dropped.total,
    );
  });

  it("returns every problem of a document that does not fit, with lines, instead of throwing", () => {
    const broken = fs.readFileSync(
      path.join(ROOT, "tests/fixtures/documents/malformed/no-differences.md"),
      "utf8",
    );
    const result = previewDeck(broken, { documentId: "broken.en" });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.length).toBeGreaterThan(0);
    expect(result.issues[0]!.message).toMatch(/difference/i);
  });
});
