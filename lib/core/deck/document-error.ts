/** Why a document could not be read as a comparison; the CLI and the app show the issues. */
export type DocumentErrorCode =
  | "not-text"
  | "empty"
  | "too-large"
  | "no-concepts"
  | "single-concept"
  | "duplicate-concept"
  | "duplicate-aspect"
  | "empty-statement"
  | "no-differences"
  | "unknown-concept"
  | "difference-attribution"
  | "bad-forms"
  | "bad-notes"
  | "stale-note"
  | "unreadable"
  | "internal";

/**
 * Every problem a document can have, by code, worded in English with `{name}` placeholders for
 * its parameters: what `npm run deck` prints. The web shows the same problems (same codes, same
 * parameters) in the reader's language (lib/i18n: `documentIssues`).
 */
export const DOCUMENT_ISSUE_TEXTS = {
  "not-utf8":
    "the file is not UTF-8 text (invalid byte {byte} at this line): save it as UTF-8, or paste its text instead",
  "nul-bytes": "the document contains NUL bytes: it looks like a binary file, not markdown",
  "not-a-string": "the document is not text",
  "too-large": "the document is {size}; the limit is {limit}",
  empty:
    "the document is empty: expected a comparison with a section per concept and a differences section",
  "no-concepts":
    'no concept sections found: expected a heading per concept (e.g. "### Container") followed by a list of "**Aspect:** text" items',
  "single-concept": 'only one concept section found ("{title}"): a comparison needs at least two',
  "duplicate-concept":
    'concept "{concept}" has a second section (the first is on line {firstLine})',
  "duplicate-aspect": 'aspect "{aspect}" of "{concept}" is given twice (first on line {firstLine})',
  "empty-aspect": 'aspect "{aspect}" of "{concept}" has no text after its label',
  "unknown-concept": '"{name}" under "{aspect}" is not one of the concepts ({concepts})',
  "unknown-column": 'table column "{name}" is not one of the concepts ({concepts})',
  "empty-sub-item": 'a sub-item of "{aspect}" has no text',
  "unattributed-sub-items":
    'cannot tell which concept the sub-items of "{aspect}" are about (lines {lines}): start each with a concept name ("{example} — …") or give exactly one sub-item per concept, in the order of the concept sections ({conceptCount} concepts: {concepts}; {subItemCount} sub-items)',
  "no-sub-items":
    'aspect "{aspect}" has no sub-items: expected one sub-item per concept ({concepts})',
  "empty-differences":
    'the differences section "{title}" has no aspects: expected a numbered list of "**Aspect:**" items, each with one sub-item per concept',
  "no-differences":
    'no differences section found after the concept sections (which end on line {conceptsEnd}): expected a heading such as "### Key differences" followed by a numbered list of "**Aspect:**" items, each with one sub-item per concept',
  "duplicate-difference": 'difference aspect "{aspect}" is given twice (first on line {firstLine})',
  "stale-note": 'the notes set aside "{quote}", which the document does not say',
  "too-many-questions":
    "the document yields {count} questions; a deck may have at most {max} — split it into two documents",
  "parser-failure": "unexpected parser failure: {reason}",
  "generator-failure": "unexpected generator failure: {reason}",
  // Files on disk (npm run deck, decks:sync) only.
  "file-missing": "cannot read {file}: no such file",
  "not-a-file": "cannot read {file}: not a file",
  "file-unreadable": "cannot read {file}: {reason}",
  "file-too-large": "{file} is {size}; the limit is {limit}",
  "sidecar-not-json": "{file} is not valid JSON: {reason}",
  "sidecar-invalid": "{file}: {path}{problem}",
  "deck-id-taken": "deck id {id} belongs to an uploaded deck; rename the file",
} as const;

export type DocumentIssueCode = keyof typeof DOCUMENT_ISSUE_TEXTS;
export const DOCUMENT_ISSUE_CODES = Object.keys(DOCUMENT_ISSUE_TEXTS) as DocumentIssueCode[];

/** The `{name}` placeholders of a text, as a union of names. */
type Placeholders<S extends string> = S extends `${string}{${infer Name}}${infer Rest}`
  ? Name | Placeholders<Rest>
  : never;

/** The parameters a problem's text needs: exactly its placeholders. */
export type DocumentIssueParams<C extends DocumentIssueCode> = Record<
  Placeholders<(typeof DOCUMENT_ISSUE_TEXTS)[C]>,
  string | number
>;

export interface DocumentIssue {
  code: DocumentIssueCode;
  /** What the text's placeholders stand for: names from the document, numbers, lines. */
  params: Record<string, string | number>;
  /** The English text (the CLI's, and any client that does not localise). */
  message: string;
  /** 1-based line in the markdown file, when the issue has a place. */
  line?: number;
}

/** Puts values into a text's `{name}` placeholders. */
export function fillIssueText(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/** A problem with its code, parameters and English text, at `line` when it has one. */
export function documentIssue<C extends DocumentIssueCode>(
  code: C,
  params: DocumentIssueParams<C>,
  line?: number,
): DocumentIssue {
  const values = params as Record<string, string | number>;
  return {
    code,
    params: values,
    message: fillIssueText(DOCUMENT_ISSUE_TEXTS[code], values),
    ...(line === undefined ? {} : { line }),
  };
}

export function formatDocumentIssue(issue: DocumentIssue): string {
  return issue.line === undefined ? issue.message : `line ${issue.line}: ${issue.message}`;
}

export class DocumentError extends Error {
  readonly code: DocumentErrorCode;
  readonly issues: DocumentIssue[];

  constructor(code: DocumentErrorCode, issues: DocumentIssue[]) {
    super(issues.map(formatDocumentIssue).join("; ") || code);
    this.name = "DocumentError";
    this.code = code;
    this.issues = issues;
  }
}
