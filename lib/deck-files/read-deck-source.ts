import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import type { ConceptFormsTable } from "@/lib/core/deck/concept-forms";
import type { ParseDocumentOptions } from "@/lib/core/deck/parse-document";
import type { SetAsideNote } from "@/lib/core/deck/types";
import { decodeDocument } from "@/lib/core/deck/decode-document";
import { documentIssue, DocumentError } from "@/lib/core/deck/document-error";
import { MAX_DOCUMENT_BYTES } from "@/lib/core/deck/parse-document";

/** What the core needs to build a deck from a `<name>.md` file and its optional sidecar. */
export interface DeckSource {
  markdown: string;
  /** The file name without `.md`, e.g. "containers-vs-pods.ru". */
  documentId: string;
  forms?: ConceptFormsTable;
  /** Sentences an editor set aside (`<name>.notes.json`): kept in the text, never asked. */
  setAside?: SetAsideNote[];
}

const FormValueSchema = z.string().trim().min(1);

/** One concept's row in `<name>.forms.json`; unknown keys are refused to catch typos. */
const ConceptFormsEntrySchema = z.strictObject({
  key: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]*$/, 'must be a lower-case slug such as "pod"')
    .optional(),
  nominative: FormValueSchema.optional(),
  genitive: FormValueSchema.optional(),
  dative: FormValueSchema.optional(),
  accusative: FormValueSchema.optional(),
  instrumental: FormValueSchema.optional(),
  prepositional: FormValueSchema.optional(),
  plural: FormValueSchema.optional(),
  pluralGenitive: FormValueSchema.optional(),
  pluralDative: FormValueSchema.optional(),
  pluralInstrumental: FormValueSchema.optional(),
  pluralPrepositional: FormValueSchema.optional(),
});

export const ConceptFormsTableSchema = z.record(z.string().min(1), ConceptFormsEntrySchema);

/** `<name>.notes.json`: what an editor found wrong in a document that must stay word for word. */
const NotesSchema = z.strictObject({
  setAside: z.array(
    z.strictObject({ quote: z.string().trim().min(10), why: z.string().trim().min(10) }),
  ),
});

/** The options buildDeck takes for a source read from disk. */
export function deckOptionsOf(source: DeckSource): ParseDocumentOptions {
  return {
    documentId: source.documentId,
    ...(source.forms ? { forms: source.forms } : {}),
    ...(source.setAside ? { setAside: source.setAside } : {}),
  };
}

function formsPathFor(markdownPath: string): string {
  return markdownPath.replace(/\.md$/i, "") + ".forms.json";
}

function readText(file: string): string {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    throw new DocumentError("unreadable", [documentIssue("file-missing", { file })]);
  }
  if (!stat.isFile()) {
    throw new DocumentError("unreadable", [documentIssue("not-a-file", { file })]);
  }
  // Refuse before reading: a huge file must not be loaded into memory at all.
  if (stat.size > MAX_DOCUMENT_BYTES) {
    throw new DocumentError("too-large", [
      documentIssue("file-too-large", {
        file,
        size: `${(stat.size / (1024 * 1024)).toFixed(1)} MB`,
        limit: `${MAX_DOCUMENT_BYTES / (1024 * 1024)} MB`,
      }),
    ]);
  }
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new DocumentError("unreadable", [documentIssue("file-unreadable", { file, reason })]);
  }
  // Decoded as strictly as an upload, so the CLI and the web preview report the same problems.
  return decodeDocument(bytes);
}

/** An optional JSON sidecar of a document, checked against its schema. */
function readSidecar<S extends z.ZodType>(
  file: string,
  code: "bad-forms" | "bad-notes",
  schema: S,
): z.output<S> | undefined {
  if (!fs.existsSync(file)) return undefined;
  const text = readText(file);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new DocumentError(code, [documentIssue("sidecar-not-json", { file, reason })]);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new DocumentError(
      code,
      parsed.error.issues.map((issue) =>
        documentIssue("sidecar-invalid", {
          file,
          path: issue.path.length > 0 ? `${issue.path.join(".")}: ` : "",
          problem: issue.message,
        }),
      ),
    );
  }
  return parsed.data;
}

/**
 * Reads `<name>.md` and its optional `<name>.forms.json` and `<name>.notes.json`. Throws only
 * DocumentError.
 */
export function readDeckSource(markdownPath: string): DeckSource {
  const markdown = readText(markdownPath);
  const base = markdownPath.replace(/\.md$/i, "");
  const forms: ConceptFormsTable | undefined = readSidecar(
    formsPathFor(markdownPath),
    "bad-forms",
    ConceptFormsTableSchema,
  );
  const setAside: SetAsideNote[] | undefined = readSidecar(
    `${base}.notes.json`,
    "bad-notes",
    NotesSchema,
  )?.setAside;
  const documentId = path.basename(markdownPath).replace(/\.md$/i, "");
  return {
    markdown,
    documentId,
    ...(forms ? { forms } : {}),
    ...(setAside ? { setAside } : {}),
  };
}
