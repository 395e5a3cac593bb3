/**
 * The knowledge model read out of a comparison document, and the questions generated from it.
 * Plain data only: these objects cross into the database (JSON columns) and the browser.
 */

export type Language = "ru" | "en";

/** Where a node came from: the heading path and 1-based source lines (inclusive). */
export interface Provenance {
  section: string[];
  line: number;
  endLine: number;
}

/** Canonical aspect keys; a document's own aspect titles map onto them (or onto `other:<slug>`). */
export type AspectKey =
  | "definition"
  | "isolation"
  | "scaling"
  | "example"
  | "management"
  | "networking"
  | "lifecycle"
  | "resources"
  | `other:${string}`;

export interface ConceptForms {
  /** Grammatical forms used by templates (Russian cases; English uses the same keys). */
  nominative: string;
  genitive: string;
  dative: string;
  accusative: string;
  instrumental: string;
  prepositional: string;
  plural: string;
  /** Optional plural cases (Russian): without them a statement using them is never swapped. */
  pluralGenitive?: string;
  pluralDative?: string;
  pluralInstrumental?: string;
  pluralPrepositional?: string;
}

export interface Concept {
  key: string; // stable slug, e.g. "container", "pod"
  name: string; // as the heading says it, alias stripped: «Под»
  aliases: string[]; // «Pod»
  forms: ConceptForms;
  /**
   * True when the case forms are real (English always; Russian only with a forms table). When
   * false, Russian templates may use only the nominative. Forms are spelled as they stand
   * mid-sentence (common nouns lower-cased).
   */
  hasCaseForms?: boolean;
  provenance: Provenance;
}

export interface Fact {
  id: string; // stable: concept key + aspect key
  conceptKey: string;
  aspect: AspectKey;
  aspectTitle: string; // as written: «Изоляция»
  text: string; // the statement, markdown stripped, nested items folded in
  sentences: string[];
  terms: string[]; // bold terms, code spans, named things found in the text
  provenance: Provenance;
}

export interface Difference {
  id: string; // stable: "diff:" + aspect key + concept key
  aspect: AspectKey;
  aspectTitle: string;
  conceptKey: string;
  text: string;
  terms: string[];
  provenance: Provenance;
}

export interface Example {
  id: string;
  title: string;
  text: string;
  conceptKeys: string[];
  /** Bold terms, code spans, named things found in the text (cloze candidates). */
  terms?: string[];
  provenance: Provenance;
}

/** A sentence of the document an editor set aside (it is wrong or misleading), and why. */
export interface SetAsideNote {
  quote: string;
  why: string;
}

export interface ComparisonDocument {
  id: string; // e.g. "containers-vs-pods.ru"
  language: Language;
  title: string;
  summary?: { text: string; provenance: Provenance };
  concepts: Concept[];
  facts: Fact[];
  differences: Difference[];
  examples: Example[];
  conclusion?: { text: string; provenance: Provenance };
  /** Sentences no question may be built on (from the document's notes). */
  setAside?: SetAsideNote[];
}

/** Every question kind, in the order a deck lists them. */
export const QUESTION_KINDS = [
  "definition",
  "reverse-definition",
  "classify",
  "multiple-choice",
  "true-false",
  "cloze",
  "scenario",
  "matching",
  "explain",
] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

/** Kinds the learner grades themself (reveal, then rate); the rest are graded by the core. */
export const SELF_GRADED_KINDS: readonly QuestionKind[] = [
  "definition",
  "reverse-definition",
  "explain",
];

export interface QuestionOption {
  id: string; // "a", "b", ...
  text: string;
}

export interface MatchingPairs {
  left: QuestionOption[];
  right: QuestionOption[];
  /** left option id -> right option id */
  solution: Record<string, string>;
}

export interface Question {
  id: string;
  deckId: string;
  kind: QuestionKind;
  language: Language;
  prompt: string;
  answer: string; // the right answer as shown to the learner
  acceptedAnswers: string[];
  options?: QuestionOption[];
  correctOptionId?: string;
  matching?: MatchingPairs;
  keyPoints?: string[];
  explanation: string;
  source: Provenance & { quote: string };
  tags: { concepts: string[]; aspect: AspectKey };
  /** Questions sharing a sibling key come from the same fact: shown on different days. */
  siblingKey: string;
  difficulty: 1 | 2 | 3 | 4 | 5;
}

export type AnswerInput =
  | { type: "option"; optionId: string }
  | { type: "text"; text: string }
  | { type: "boolean"; value: boolean }
  | { type: "matching"; pairs: Record<string, string> }
  | { type: "reveal" };

export interface GradeResult {
  correct: boolean;
  /** For self-graded kinds the core cannot tell: the learner rates. */
  selfGraded: boolean;
  expected: string;
}

export interface DeckSummary {
  id: string;
  title: string;
  language: Language;
  concepts: { key: string; name: string }[];
  aspects: { key: AspectKey; title: string }[];
  countsByKind: Partial<Record<QuestionKind, number>>;
  /** Sentences of the document no question is built on, and why (shown on the deck page). */
  setAside?: SetAsideNote[];
}
