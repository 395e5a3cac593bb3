import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  DOCUMENT_ISSUE_CODES,
  DOCUMENT_ISSUE_TEXTS,
  DocumentError,
  parseComparisonDocument,
  QUALITY_RULES,
  type DocumentIssue,
} from "@/lib/core/deck";
import { documentIssueText } from "@/lib/i18n/document-issue-text";
import { LOCALES, messagesFor } from "@/lib/i18n/locales";
import { MALFORMED } from "../deck/deck-fixtures";

/*
 * Every problem the parser, the decoder or a save can report has a text in each UI language, with
 * the same parameters as the CLI's English (lib/core/deck/document-error.ts), so the web shows
 * the CLI's problems in the reader's language and never a bare code or an English sentence.
 */

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
const CYRILLIC = /[а-яё]/i;

describe("document problems in every UI language", () => {
  it.each(LOCALES)("%s has a text for every problem code, with the code's parameters", (locale) => {
    const texts = messagesFor(locale).newDeck.issues as Record<string, string | undefined>;
    for (const code of DOCUMENT_ISSUE_CODES) {
      const text = texts[code];
      expect(text, `${locale}: no text for "${code}"`).toBeTruthy();
      expect(placeholders(text!), `${locale}: parameters of "${code}"`).toEqual(
        placeholders(DOCUMENT_ISSUE_TEXTS[code]),
      );
      if (locale === "ru") expect(text, `ru: "${code}" is not Russian`).toMatch(CYRILLIC);
    }
    expect(Object.keys(texts).sort(), `${locale}: a text for a code that does not exist`).toEqual(
      [...DOCUMENT_ISSUE_CODES].sort(),
    );
  });

  it.each(LOCALES)("%s has a text for every quality rule the preview lists", (locale) => {
    const texts = messagesFor(locale).newDeck.qualityRules as Record<string, string | undefined>;
    expect(Object.keys(texts).sort()).toEqual(Object.keys(QUALITY_RULES).sort());
    for (const rule of Object.keys(QUALITY_RULES)) {
      expect(texts[rule], `${locale}: no text for rule "${rule}"`).toBeTruthy();
      if (locale === "ru") expect(texts[rule]).toMatch(CYRILLIC);
    }
  });

  it("shows a parser problem in Russian with its names and line, and in English as the CLI does", () => {
    const markdown = fs.readFileSync(path.join(MALFORMED, "duplicate-aspect.md"), "utf8");
    let issue: DocumentIssue | undefined;
    try {
      parseComparisonDocument(markdown, { documentId: "t" });
    } catch (error) {
      if (!(error instanceof DocumentError)) throw error;
      issue = error.issues[0];
    }
    expect(issue).toMatchObject({ code: "duplicate-aspect", line: 8 });
    expect(documentIssueText(issue!, messagesFor("ru").newDeck.issues)).toBe(
      "аспект «Isolation» понятия «Pod» указан дважды (впервые — в строке 7)",
    );
    expect(documentIssueText(issue!, messagesFor("en").newDeck.issues)).toBe(issue!.message);
  });

  it("keeps the English message of a code this build does not know", () => {
    const unknown = { code: "from-a-newer-server", params: {}, message: "something new" };
    expect(documentIssueText(unknown as never, messagesFor("ru").newDeck.issues)).toBe(
      "something new",
    );
  });
});
