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

export interface DocumentIssue {
  message: string;
  /** 1-based line in the markdown file, when the issue has a place. */
  line?: number;
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
