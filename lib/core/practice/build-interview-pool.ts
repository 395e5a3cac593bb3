import { isSetAside } from "@/lib/core/deck/analyze-claims";
import { englishArticle } from "@/lib/core/deck/concept-forms";
import { maskConcept, type ConceptMatcher } from "@/lib/core/deck/concept-matcher";
import { normalizeText, splitWords, stemWord } from "@/lib/core/deck/normalize-text";
import {
  buildContext,
  type GenerationContext,
  type Statement,
} from "@/lib/core/deck/question-context";
import { splitSentences } from "@/lib/core/deck/split-sentences";
import type { ComparisonDocument, Concept, Language, Question } from "@/lib/core/deck/types";
import type { InterviewItem, KeyPoint, SourceRef } from "./interview-item";

/**
 * The open questions a mock interview can ask about one deck: the deck's "explain the
 * difference" and definition questions, and scenarios built here from the document's usage
 * examples. Every model answer and key point is a sentence of the document, with its lines.
 */

const MAX_DEFINITION_POINTS = 4;
/** Statements quoted to back up a scenario's answer ("why"), besides the example itself. */
const MAX_SUPPORTING_POINTS = 2;

interface ScenarioTemplates {
  /** A usage example; the learner picks one of the examples' titles and says why. */
  fromUsage(situation: string, choices: readonly string[]): string;
  /** A concept's example, its name blanked (or not named): which concept fits, and why. */
  fromExample(situation: string, concepts: readonly Concept[], blanked: boolean): string;
}

function joinOr(items: readonly string[], or: string): string {
  if (items.length <= 1) return items[0] ?? "";
  return `${items.slice(0, -1).join(", ")} ${or} ${items[items.length - 1] ?? ""}`;
}

const RUSSIAN: ScenarioTemplates = {
  fromUsage: (situation, choices) =>
    `Сценарий: ${situation} Как это развернуть: ${joinOr(
      choices.map((choice) => `«${choice}»`),
      "или",
    )}? Объясните почему.`,
  fromExample: (situation, concepts, blanked) => {
    const names = joinOr(
      concepts.map((concept) => concept.forms.nominative),
      "или",
    );
    return blanked
      ? `Сценарий: «${situation}» Что должно стоять на месте пропуска: ${names}? Объясните почему.`
      : `Сценарий: «${situation}» Что здесь подходит: ${names}? Объясните почему.`;
  },
};

const ENGLISH: ScenarioTemplates = {
  fromUsage: (situation, choices) =>
    `Scenario: ${situation} How would you run it: ${joinOr(
      choices.map((choice) => `“${choice}”`),
      "or",
    )}? Explain why.`,
  fromExample: (situation, concepts, blanked) => {
    const names = joinOr(
      concepts.map(
        (concept) => `${englishArticle(concept.forms.nominative)} ${concept.forms.nominative}`,
      ),
      "or",
    );
    return blanked
      ? `Scenario: “${situation}” Which fits the blank: ${names}? Explain why.`
      : `Scenario: “${situation}” Is this a job for ${names}? Explain why.`;
  },
};

function templatesFor(language: Language): ScenarioTemplates {
  return language === "ru" ? RUSSIAN : ENGLISH;
}

function refOf(source: SourceRef): SourceRef {
  return { section: source.section, line: source.line, endLine: source.endLine };
}

function withFinalStop(text: string): string {
  const trimmed = text.trim();
  return /[.!?…»”"]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

/** Function words (and "for example") that would tie unrelated sentences together. */
// prettier-ignore
const STOP_WORDS: ReadonlySet<string> = new Set([
  "the", "and", "but", "for", "with", "from", "are", "its", "this", "that", "these", "which",
  "where", "who", "one", "two", "each", "other", "not", "can", "than", "such", "example", "etc",
  "via", "into", "per", "them", "they", "their", "has", "have", "all", "also", "while",
  "для", "что", "это", "как", "или", "котор", "например", "так", "также", "все", "его", "ему",
  "них", "они", "она", "оно", "при", "над", "чем", "где", "если", "через", "между", "без",
  "одн", "один", "два", "двумя", "друг", "другой", "такие",
]);

/** Content-word stems of a text with every concept name taken out (they are in every sentence). */
function contentStems(text: string, matcher: ConceptMatcher): Set<string> {
  let stripped = "";
  let cursor = 0;
  for (const mention of matcher.findMentions(text)) {
    stripped += `${text.slice(cursor, mention.start)} `;
    cursor = mention.end;
  }
  stripped += text.slice(cursor);
  return new Set(
    splitWords(stripped)
      .filter((word) => !STOP_WORDS.has(word))
      .map(stemWord)
      .filter((stem) => stem.length >= 3 && !/^\d+$/.test(stem) && !STOP_WORDS.has(stem)),
  );
}

interface Sentence {
  text: string;
  conceptKey: string;
  source: SourceRef;
  stems: Set<string>;
}

/** Sentences of the concept sections and differences (not the examples): the "why" material. */
function supportingSentences(context: GenerationContext): Sentence[] {
  return context.statements
    .filter((statement) => statement.aspect !== "example")
    .flatMap((statement) =>
      (statement.sentences.length > 0 ? statement.sentences : [statement.text])
        .filter((text) => !isSetAside(context.document, text))
        .map((text) => ({
          text,
          conceptKey: statement.concept.key,
          source: refOf(statement.provenance),
          stems: contentStems(text, context.matcher),
        })),
    );
}

/**
 * The sentences that best explain an example: most shared content words, rarer words weighing
 * more (a word in every sentence says nothing). Ties go to the example's own concept, then to
 * document order.
 */
function pickSupport(
  situation: string,
  pool: readonly Sentence[],
  matcher: ConceptMatcher,
  conceptKey: string | null,
) {
  const stems = contentStems(situation, matcher);
  const frequency = new Map<string, number>();
  for (const sentence of pool) {
    for (const stem of sentence.stems) frequency.set(stem, (frequency.get(stem) ?? 0) + 1);
  }
  return pool
    .map((sentence, index) => {
      let score = 0;
      for (const stem of sentence.stems) {
        if (stems.has(stem)) score += Math.log(pool.length / (frequency.get(stem) ?? 1));
      }
      return { sentence, index, score };
    })
    .filter((entry) => entry.score > 0)
    .sort(
      (a, b) =>
        b.score - a.score ||
        Number(b.sentence.conceptKey === conceptKey) -
          Number(a.sentence.conceptKey === conceptKey) ||
        a.index - b.index,
    )
    .slice(0, MAX_SUPPORTING_POINTS)
    .map((entry) => entry.sentence);
}

/** The most specific deck question citing a line: its card is what a missed item reschedules. */
function questionAt(questions: readonly Question[], lines: readonly number[]): string | null {
  for (const line of lines) {
    let best: Question | null = null;
    for (const question of questions) {
      const { line: from, endLine: to } = question.source;
      if (line < from || line > to) continue;
      if (!best || to - from < best.source.endLine - best.source.line) best = question;
    }
    if (best) return best.id;
  }
  return null;
}

function scenarioItem(input: {
  id: string;
  prompt: string;
  main: KeyPoint;
  support: readonly Sentence[];
  quote: string;
  questions: readonly Question[];
}): InterviewItem {
  const keyPoints: KeyPoint[] = [
    input.main,
    ...input.support.map((sentence) => ({ text: sentence.text, source: sentence.source })),
  ];
  return {
    id: input.id,
    type: "scenario",
    prompt: input.prompt,
    modelAnswer: keyPoints.map((point) => point.text).join("\n"),
    keyPoints,
    aspect: "example",
    source: { ...input.main.source, quote: input.quote },
    reviewQuestionId: questionAt(
      input.questions,
      keyPoints.map((point) => point.source.line),
    ),
  };
}

/** Scenarios from the usage examples ("one container in a pod" vs "several containers"). */
function usageScenarios(
  context: GenerationContext,
  pool: readonly Sentence[],
  questions: readonly Question[],
): InterviewItem[] {
  const examples = context.document.examples.filter((example) => example.text.trim() !== "");
  // A choice needs at least two options to choose from.
  if (examples.length < 2) return [];
  const templates = templatesFor(context.document.language);
  const choices = examples.map((example) => example.title);
  return examples.map((example) => {
    const quote = `${example.title}: ${example.text}`;
    return scenarioItem({
      id: `scenario:${example.id}`,
      prompt: templates.fromUsage(withFinalStop(example.text), choices),
      main: { text: quote, source: refOf(example.provenance) },
      support: pickSupport(example.text, pool, context.matcher, null),
      quote,
      questions,
    });
  });
}

/** Scenarios from each concept's own example ("a pod with two containers sharing a volume"). */
function exampleScenarios(
  context: GenerationContext,
  pool: readonly Sentence[],
  questions: readonly Question[],
): InterviewItem[] {
  const templates = templatesFor(context.document.language);
  const concepts = context.document.concepts;
  return context.statements
    .filter((statement: Statement) => statement.family === "fact" && statement.aspect === "example")
    .map((statement) => {
      const masked = maskConcept(statement.text, statement.mentions, statement.concept.key);
      return scenarioItem({
        id: `scenario:${statement.nodeId}`,
        prompt: templates.fromExample(withFinalStop(masked), concepts, masked !== statement.text),
        main: {
          text: `${statement.concept.name}: ${statement.text}`,
          source: refOf(statement.provenance),
        },
        support: pickSupport(statement.text, pool, context.matcher, statement.concept.key),
        quote: statement.text,
        questions,
      });
    });
}

/** "Explain the difference in <aspect>": the deck's key points, each traced to its statement. */
function explainItems(context: GenerationContext, questions: readonly Question[]): InterviewItem[] {
  return questions
    .filter((question) => question.kind === "explain" && (question.keyPoints?.length ?? 0) > 0)
    .map((question) => {
      const inRange = context.statements.filter(
        (statement) =>
          statement.provenance.line >= question.source.line &&
          statement.provenance.line <= question.source.endLine,
      );
      const keyPoints = (question.keyPoints ?? []).map((text) => {
        const statement = inRange.find((candidate) =>
          normalizeText(text).endsWith(normalizeText(candidate.sentences[0] ?? candidate.text)),
        );
        return { text, source: refOf(statement?.provenance ?? question.source) };
      });
      return {
        id: question.id,
        type: "explain" as const,
        prompt: question.prompt,
        modelAnswer: question.answer,
        keyPoints,
        aspect: question.tags.aspect,
        source: question.source,
        reviewQuestionId: question.id,
      };
    });
}

/** "What is a pod?": the definition, one key point per sentence. */
function definitionItems(questions: readonly Question[]): InterviewItem[] {
  return questions
    .filter((question) => question.kind === "definition")
    .map((question) => ({
      id: question.id,
      type: "definition" as const,
      prompt: question.prompt,
      modelAnswer: question.answer,
      keyPoints: splitSentences(question.answer)
        .slice(0, MAX_DEFINITION_POINTS)
        .map((text) => ({ text, source: refOf(question.source) })),
      aspect: question.tags.aspect,
      source: question.source,
      reviewQuestionId: question.id,
    }))
    .filter((item) => item.keyPoints.length > 0);
}

/**
 * Every interview item of a deck, in a stable order: explain, definitions, then scenarios.
 * `document` is the deck's parsed source; `questions` its active questions in deck order.
 */
export function buildInterviewPool(input: {
  document: ComparisonDocument;
  questions: readonly Question[];
}): InterviewItem[] {
  const context = buildContext(input.document);
  const questions = input.questions.filter((question) => question.deckId === input.document.id);
  const pool = supportingSentences(context);
  return [
    ...explainItems(context, questions),
    ...definitionItems(questions),
    ...usageScenarios(context, pool, questions),
    ...exampleScenarios(context, pool, questions),
  ];
}
