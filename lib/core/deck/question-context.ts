import { analyzeClaims, type Claim } from "./analyze-claims";
import { ConceptMatcher, maskConcept, type ConceptMention } from "./concept-matcher";
import { hashText } from "./hash-text";
import { normalizeText } from "./normalize-text";
import { templatesFor, type QuestionTemplates } from "./question-templates";
import { splitSentences } from "./split-sentences";
import { indexWordCasing, type WordCasing } from "./word-casing";
import type {
  AspectKey,
  ComparisonDocument,
  Concept,
  Difference,
  Fact,
  MatchingPairs,
  Provenance,
  Question,
  QuestionKind,
  QuestionOption,
} from "./types";

/** One concept's statement on one aspect, from a concept section (fact) or the differences. */
export interface Statement {
  nodeId: string;
  family: "fact" | "difference";
  concept: Concept;
  aspect: AspectKey;
  aspectTitle: string;
  text: string;
  sentences: string[];
  terms: string[];
  provenance: Provenance;
  mentions: ConceptMention[];
  /** normalizeText(text), computed once: ids, duplicate checks and swaps all need it. */
  normalized: string;
  /** The text with its own concept blanked, as shown in options, and its normalized form. */
  masked: string;
  maskedNormalized: string;
}

/** Everything the per-kind generators share, built once per document (maps, not scans). */
export interface GenerationContext {
  document: ComparisonDocument;
  templates: QuestionTemplates;
  matcher: ConceptMatcher;
  conceptByKey: Map<string, Concept>;
  statements: Statement[];
  /** Every sentence the document asserts, read for its subject (see analyze-claims). */
  claims: Claim[];
  /** `${family}|${aspect}` → statements in document order. */
  byGroup: Map<string, Statement[]>;
  /** `${family}|${concept key}` → statements in document order. */
  byConcept: Map<string, Statement[]>;
  /** Statements that make sensible wrong options for any aspect (no definitions or examples). */
  distractorPool: Statement[];
  /** How many statements and examples list a term: distinctive terms make better clozes. */
  termFrequency: Map<string, number>;
  /** How the statements write each word (see word-casing). */
  casing: WordCasing;
}

export function groupKey(family: Statement["family"], aspectOrConcept: string): string {
  return `${family}|${aspectOrConcept}`;
}

function pushTo(map: Map<string, Statement[]>, key: string, statement: Statement): void {
  const list = map.get(key);
  if (list) list.push(statement);
  else map.set(key, [statement]);
}

export function buildContext(document: ComparisonDocument): GenerationContext {
  const matcher = new ConceptMatcher(document.concepts);
  const conceptByKey = new Map(document.concepts.map((concept) => [concept.key, concept]));
  const statements: Statement[] = [];
  const addStatement = (
    node: Fact | Difference,
    family: Statement["family"],
    sentences: string[],
  ): void => {
    const concept = conceptByKey.get(node.conceptKey);
    if (!concept) return;
    const mentions = matcher.findMentions(node.text);
    const masked = maskConcept(node.text, mentions, concept.key);
    statements.push({
      nodeId: node.id,
      family,
      concept,
      aspect: node.aspect,
      aspectTitle: node.aspectTitle,
      text: node.text,
      sentences,
      terms: node.terms,
      provenance: node.provenance,
      mentions,
      normalized: normalizeText(node.text),
      masked,
      maskedNormalized: normalizeText(masked),
    });
  };
  for (const fact of document.facts) addStatement(fact, "fact", fact.sentences);
  for (const difference of document.differences) {
    addStatement(difference, "difference", splitSentences(difference.text));
  }
  const byGroup = new Map<string, Statement[]>();
  const byConcept = new Map<string, Statement[]>();
  for (const statement of statements) {
    pushTo(byGroup, groupKey(statement.family, statement.aspect), statement);
    pushTo(byConcept, groupKey(statement.family, statement.concept.key), statement);
  }
  const termFrequency = new Map<string, number>();
  const countTerms = (terms: readonly string[]) => {
    for (const term of new Set(terms.map(normalizeText))) {
      termFrequency.set(term, (termFrequency.get(term) ?? 0) + 1);
    }
  };
  statements.forEach((statement) => countTerms(statement.terms));
  document.examples.forEach((example) => countTerms(example.terms ?? []));
  return {
    document,
    templates: templatesFor(document.language),
    matcher,
    conceptByKey,
    statements,
    claims: analyzeClaims(document, matcher),
    byGroup,
    byConcept,
    distractorPool: statements.filter(
      (statement) => statement.aspect !== "definition" && statement.aspect !== "example",
    ),
    termFrequency,
    casing: indexWordCasing(statements.map((statement) => statement.text).join(" ")),
  };
}

/**
 * Stable id: the question's own text and answer (never its distractors or position), so a
 * question that reads and answers the same after an edit keeps its id and every learner's
 * progress, wherever it moved in the document.
 */
export function questionId(
  context: GenerationContext,
  kind: QuestionKind,
  prompt: string,
  answer: string,
): string {
  const identity = [context.document.id, kind, normalizeText(prompt), normalizeText(answer)];
  return `${kind}-${hashText(identity.join("\u001f"))}`;
}

export function optionLetter(index: number): string {
  return String.fromCharCode(97 + index);
}

export function clampDifficulty(value: number): Question["difficulty"] {
  const rounded = Math.round(Math.min(5, Math.max(1, value)));
  return rounded as Question["difficulty"];
}

/** Long statements are harder to hold in mind. */
export function lengthBonus(text: string): number {
  return text.length > 180 ? 1 : 0;
}

export interface QuestionFields {
  kind: QuestionKind;
  siblingKey: string;
  prompt: string;
  answer: string;
  acceptedAnswers?: string[];
  options?: QuestionOption[];
  correctOptionId?: string;
  matching?: MatchingPairs;
  keyPoints?: string[];
  explanation: string;
  source: Provenance & { quote: string };
  concepts: string[];
  aspect: AspectKey;
  difficulty: number;
}

export function makeQuestion(context: GenerationContext, fields: QuestionFields): Question {
  return {
    id: questionId(context, fields.kind, fields.prompt, fields.answer),
    deckId: context.document.id,
    kind: fields.kind,
    language: context.document.language,
    prompt: fields.prompt,
    answer: fields.answer,
    acceptedAnswers: fields.acceptedAnswers ?? [],
    ...(fields.options ? { options: fields.options } : {}),
    ...(fields.correctOptionId ? { correctOptionId: fields.correctOptionId } : {}),
    ...(fields.matching ? { matching: fields.matching } : {}),
    ...(fields.keyPoints ? { keyPoints: fields.keyPoints } : {}),
    explanation: fields.explanation,
    source: fields.source,
    tags: { concepts: fields.concepts, aspect: fields.aspect },
    siblingKey: fields.siblingKey,
    difficulty: clampDifficulty(fields.difficulty),
  };
}

export function sourceOf(
  statement: Statement,
  quote = statement.text,
): Provenance & { quote: string } {
  return { ...statement.provenance, quote };
}

/** Every spelling a learner may type for a concept. */
export function conceptAnswers(concept: Concept): string[] {
  return [
    ...new Set([concept.name, ...concept.aliases, concept.forms.nominative, concept.forms.plural]),
  ];
}
