export { resolveAspectKey } from "./aspect-keys";
export { buildDeck, summarizeDeck, type BuiltDeck } from "./build-deck";
export type { ConceptFormsEntry, ConceptFormsTable } from "./concept-forms";
export { decodeDocument } from "./decode-document";
export { detectLanguage } from "./detect-language";
export {
  DOCUMENT_ISSUE_CODES,
  DOCUMENT_ISSUE_TEXTS,
  documentIssue,
  DocumentError,
  fillIssueText,
  formatDocumentIssue,
  type DocumentErrorCode,
  type DocumentIssue,
  type DocumentIssueCode,
} from "./document-error";
export { generateQuestions, type DroppedQuestion } from "./generate-questions";
export { QUALITY_RULES, checkQuestion, type QualityRule } from "./quality-gate";
export { gradeAnswer } from "./grade-answer";
export { matchesAnswer, normalizeText } from "./normalize-text";
export {
  MAX_DOCUMENT_BYTES,
  parseComparisonDocument,
  type ParseDocumentOptions,
} from "./parse-document";
export {
  previewDeck,
  previewOf,
  tryBuildDeck,
  type BuildResult,
  type DeckPreview,
  type DroppedByRule,
  type PreviewResult,
} from "./preview-deck";
export * from "./types";
