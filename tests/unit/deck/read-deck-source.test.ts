import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DocumentError } from "@/lib/core/deck/document-error";
import { buildDeck } from "@/lib/core/deck/build-deck";
import { deckOptionsOf, readDeckSource } from "@/lib/deck-files/read-deck-source";
import { SEED_EN, SEED_RU } from "./deck-fixtures";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "poddeck-source-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function write(name: string, content: string): string {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, content);
  return file;
}

function readError(file: string): DocumentError {
  try {
    readDeckSource(file);
  } catch (error) {
    if (error instanceof DocumentError) return error;
    throw error;
  }
  throw new Error("expected readDeckSource to fail");
}

describe("readDeckSource", () => {
  it("reads the markdown, the id and the forms sidecar", () => {
    const source = readDeckSource(SEED_RU);
    expect(source.documentId).toBe("containers-vs-pods.ru");
    // The seed is a byte-for-byte copy of the shared source document.
    expect(crypto.createHash("sha256").update(source.markdown).digest("hex")).toBe(
      "87c0730f0df4d984f86be79adf7b188ed8d6ea5c6874ef436195f8b5b3f8d7c3",
    );
    expect(source.forms?.["Под"]).toMatchObject({ key: "pod", genitive: "пода", plural: "поды" });
  });

  it("leaves forms out when there is no sidecar", () => {
    expect(readDeckSource(SEED_EN).forms).toBeUndefined();
  });

  it("refuses a missing file", () => {
    const error = readError(path.join(tmp, "missing.md"));
    expect(error.code).toBe("unreadable");
    expect(error.message).toMatch(/cannot read .*missing\.md: no such file/);
  });

  it("refuses a forms sidecar that is not JSON", () => {
    write("broken.ru.forms.json", "{ not json");
    const error = readError(write("broken.ru.md", "# x"));
    expect(error.code).toBe("bad-forms");
    expect(error.message).toMatch(/broken\.ru\.forms\.json is not valid JSON/);
  });

  it("refuses a forms sidecar with a misspelled case", () => {
    write("typo.ru.forms.json", JSON.stringify({ Под: { genetive: "пода" } }));
    const error = readError(write("typo.ru.md", "# x"));
    expect(error.code).toBe("bad-forms");
    expect(error.message).toMatch(/typo\.ru\.forms\.json: Под: .*genetive/);
  });

  it("refuses a 5 MB file without reading it", () => {
    const file = path.join(tmp, "huge.md");
    fs.writeFileSync(file, "");
    fs.truncateSync(file, 5 * 1024 * 1024);
    expect(readError(file).code).toBe("too-large");
  });
});

describe("notes sidecar", () => {
  const seed = fs.readFileSync(SEED_EN, "utf8");

  it("reads the sentences an editor set aside, and the deck never asks them", () => {
    const file = write("noted.md", seed);
    write(
      "noted.notes.json",
      JSON.stringify({
        setAside: [{ quote: "Pods scale as a single unit.", why: "kept short for the test" }],
      }),
    );
    const source = readDeckSource(file);
    expect(source.setAside).toEqual([
      { quote: "Pods scale as a single unit.", why: "kept short for the test" },
    ]);
    const deck = buildDeck(source.markdown, deckOptionsOf(source));
    expect(deck.summary.setAside).toHaveLength(1);
    expect(deck.questions.some((q) => q.prompt.includes("scale as a single unit"))).toBe(false);
    expect(deck.questions.some((q) => q.answer.includes("scale as a single unit"))).toBe(false);
  });

  it("refuses a note that is not valid, and one the document no longer says", () => {
    const file = write("bad-notes.md", seed);
    write("bad-notes.notes.json", JSON.stringify({ setAside: [{ quote: "short" }] }));
    expect(readError(file).code).toBe("bad-notes");
    const stale = write("stale.md", seed);
    write(
      "stale.notes.json",
      JSON.stringify({ setAside: [{ quote: "Pods are made of cheese.", why: "never said" }] }),
    );
    const source = readDeckSource(stale);
    expect(() => buildDeck(source.markdown, deckOptionsOf(source))).toThrow(
      /the notes set aside "Pods are made of cheese\."/,
    );
  });
});
