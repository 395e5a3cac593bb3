import { hashToIndex } from "./hash-text";
import { normalizeText } from "./normalize-text";
import {
  conceptAnswers,
  groupKey,
  lengthBonus,
  makeQuestion,
  optionLetter,
  questionId,
  sourceOf,
  type GenerationContext,
  type Statement,
} from "./question-context";
import { splitSentences } from "./split-sentences";
import { swapConcepts } from "./swap-concepts";
import type { Concept, Question, QuestionOption } from "./types";

/** Questions made from one statement each: one concept's text on one aspect. */

export function generateDefinitionQuestions(context: GenerationContext): Question[] {
  const { templates } = context;
  return context.statements
    .filter((statement) => statement.family === "fact" && statement.aspect === "definition")
    .flatMap((statement) => {
      const { concept, text, nodeId, normalized, masked } = statement;
      return [
        makeQuestion(context, {
          id: questionId(context, "definition", nodeId, normalized),
          kind: "definition",
          siblingKey: nodeId,
          prompt: templates.definition(concept),
          answer: text,
          explanation: templates.sourceSays(text),
          source: sourceOf(statement),
          concepts: [concept.key],
          aspect: statement.aspect,
          difficulty: 2 + lengthBonus(text),
        }),
        makeQuestion(context, {
          id: questionId(context, "reverse-definition", nodeId, normalized),
          kind: "reverse-definition",
          siblingKey: nodeId,
          prompt: templates.reverseDefinition(masked),
          answer: concept.name,
          acceptedAnswers: conceptAnswers(concept),
          explanation: `${templates.answerIs(concept.name)} ${templates.sourceSays(text)}`,
          source: sourceOf(statement),
          concepts: [concept.key],
          aspect: statement.aspect,
          difficulty: 3,
        }),
      ];
    });
}

function conceptOptions(concepts: readonly Concept[]): QuestionOption[] {
  return concepts.map((concept, index) => ({ id: optionLetter(index), text: concept.name }));
}

/** "Which concept?" for every statement except definitions (the reverse-definition card). */
export function generateClassifyQuestions(context: GenerationContext): Question[] {
  const { templates, document } = context;
  const options = conceptOptions(document.concepts);
  return context.statements
    .filter((statement) => statement.aspect !== "definition")
    .map((statement) => {
      const { concept, text, nodeId } = statement;
      const index = document.concepts.findIndex((candidate) => candidate.key === concept.key);
      return makeQuestion(context, {
        id: questionId(context, "classify", nodeId, statement.normalized),
        kind: "classify",
        siblingKey: nodeId,
        prompt: templates.classify(statement.masked),
        answer: concept.name,
        acceptedAnswers: conceptAnswers(concept),
        options,
        correctOptionId: optionLetter(index),
        explanation: `${templates.answerIs(concept.name)} ${templates.sourceSays(text)}`,
        source: sourceOf(statement),
        concepts: [concept.key],
        aspect: statement.aspect,
        difficulty: 2 + lengthBonus(text),
      });
    });
}

const MAX_DISTRACTORS = 3;
const MIN_DISTRACTORS = 2;

/**
 * Wrong options: first the other concepts' statements on the same aspect, then other concepts'
 * statements on other aspects, walked from a hashed start (no scan of the whole pool per
 * question beyond what is needed).
 */
function pickDistractors(
  context: GenerationContext,
  statement: Statement,
  id: string,
  taken: Set<string>,
): string[] {
  const picked: string[] = [];
  const tryAdd = (candidate: Statement) => {
    if (candidate.concept.key === statement.concept.key) return;
    if (taken.has(candidate.maskedNormalized)) return;
    taken.add(candidate.maskedNormalized);
    picked.push(candidate.masked);
  };
  for (const candidate of context.byGroup.get(groupKey(statement.family, statement.aspect)) ?? []) {
    if (picked.length >= MAX_DISTRACTORS) return picked;
    tryAdd(candidate);
  }
  const pool = context.distractorPool;
  if (pool.length === 0) return picked;
  const start = hashToIndex(id, pool.length);
  for (let step = 0; step < pool.length && picked.length < MAX_DISTRACTORS; step += 1) {
    const candidate = pool[(start + step) % pool.length];
    if (candidate && candidate.aspect !== statement.aspect) tryAdd(candidate);
  }
  return picked;
}

export function generateMultipleChoiceQuestions(context: GenerationContext): Question[] {
  const { templates } = context;
  const questions: Question[] = [];
  for (const statement of context.statements) {
    if (statement.aspect === "definition") continue;
    const { concept, text, nodeId } = statement;
    const id = questionId(context, "multiple-choice", nodeId, statement.normalized);
    const correct = statement.masked;
    const distractors = pickDistractors(
      context,
      statement,
      id,
      new Set([statement.maskedNormalized]),
    );
    if (distractors.length < MIN_DISTRACTORS) continue;
    const texts = [...distractors];
    // The right option's place comes from the id: varied, but the same on every rebuild.
    const position = hashToIndex(`${id}:position`, texts.length + 1);
    texts.splice(position, 0, correct);
    const options = texts.map((optionText, index) => ({
      id: optionLetter(index),
      text: optionText,
    }));
    questions.push(
      makeQuestion(context, {
        id,
        kind: "multiple-choice",
        siblingKey: nodeId,
        prompt: templates.multipleChoice(statement.aspectTitle, concept),
        answer: correct,
        acceptedAnswers: [correct],
        options,
        correctOptionId: optionLetter(position),
        explanation: templates.sourceSays(text),
        source: sourceOf(statement),
        concepts: [concept.key],
        aspect: statement.aspect,
        difficulty: 2 + (options.length > 3 ? 1 : 0) + lengthBonus(text),
      }),
    );
  }
  return questions;
}

function trueFalseOptions(context: GenerationContext): QuestionOption[] {
  return [
    { id: "true", text: context.templates.trueLabel },
    { id: "false", text: context.templates.falseLabel },
  ];
}

/** A false version of the statement with another concept swapped in, grammatically, or null. */
function falsifyStatement(
  context: GenerationContext,
  statement: Statement,
): { text: string; other: Concept } | null {
  // Examples are not exclusive: a web server runs in a container and in a pod alike.
  if (statement.aspect === "example") return null;
  const others = context.document.concepts.filter((c) => c.key !== statement.concept.key);
  if (others.length === 0) return null;
  const start = hashToIndex(statement.nodeId, others.length);
  const sameAspect = context.byGroup.get(groupKey(statement.family, statement.aspect)) ?? [];
  for (let step = 0; step < others.length; step += 1) {
    const other = others[(start + step) % others.length];
    if (!other) continue;
    const swapped = swapConcepts({
      text: statement.text,
      mentions: statement.mentions,
      subject: statement.concept,
      other,
      language: context.document.language,
    });
    if (swapped === null) continue;
    const normalizedSwap = normalizeText(swapped);
    if (normalizedSwap === statement.normalized) continue;
    const alsoTrue = sameAspect.some(
      (candidate) => candidate.concept.key === other.key && candidate.normalized === normalizedSwap,
    );
    if (!alsoTrue) return { text: swapped, other };
  }
  return null;
}

export function generateTrueFalseQuestions(context: GenerationContext): Question[] {
  const { templates } = context;
  const options = trueFalseOptions(context);
  return context.statements.flatMap((statement) => {
    const { concept, text, nodeId } = statement;
    const common = {
      kind: "true-false" as const,
      siblingKey: nodeId,
      options,
      source: sourceOf(statement),
      aspect: statement.aspect,
    };
    const questions = [
      makeQuestion(context, {
        ...common,
        id: questionId(context, "true-false", nodeId, statement.normalized, "true"),
        prompt: templates.trueFalse(text),
        answer: templates.trueLabel,
        acceptedAnswers: [templates.trueLabel, ...templates.trueWords],
        correctOptionId: "true",
        explanation: `${templates.trueLabel}. ${templates.sourceSays(text)}`,
        concepts: [concept.key],
        difficulty: 1 + lengthBonus(text),
      }),
    ];
    const falsified = falsifyStatement(context, statement);
    if (falsified) {
      questions.push(
        makeQuestion(context, {
          ...common,
          id: questionId(
            context,
            "true-false",
            nodeId,
            statement.normalized,
            `false:${falsified.other.key}`,
          ),
          prompt: templates.trueFalse(falsified.text),
          answer: templates.falseLabel,
          acceptedAnswers: [templates.falseLabel, ...templates.falseWords],
          correctOptionId: "false",
          explanation: `${templates.falseLabel}. ${templates.sourceSays(text)}`,
          concepts: [concept.key, falsified.other.key],
          difficulty: 2 + lengthBonus(text),
        }),
      );
    }
    return questions;
  });
}

const CLOZE_BLANK = "_____";

function isWordChar(char: string): boolean {
  return /[\p{L}\p{N}]/u.test(char);
}

/** Blanks every whole-word occurrence of a term (case-insensitive); null when there is none. */
export function blankTerm(sentence: string, term: string): string | null {
  const haystack = sentence.toLowerCase();
  const needle = term.toLowerCase();
  let result = "";
  let cursor = 0;
  let found = false;
  for (
    let index = haystack.indexOf(needle);
    index >= 0;
    index = haystack.indexOf(needle, index + 1)
  ) {
    const before = sentence.charAt(index - 1);
    const after = sentence.charAt(index + needle.length);
    if (index < cursor || isWordChar(before) || isWordChar(after)) continue;
    result += sentence.slice(cursor, index) + CLOZE_BLANK;
    cursor = index + needle.length;
    found = true;
  }
  return found ? result + sentence.slice(cursor) : null;
}

/** The most distinctive term (listed by the fewest statements); ties keep the parser's order. */
function pickClozeTerm(context: GenerationContext, terms: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestFrequency = Number.POSITIVE_INFINITY;
  for (const term of terms) {
    if (normalizeText(term).length < 2) continue;
    const frequency = context.termFrequency.get(normalizeText(term)) ?? 1;
    if (frequency < bestFrequency) {
      best = term;
      bestFrequency = frequency;
    }
  }
  return best;
}

interface ClozeSource {
  nodeId: string;
  normalized: string;
  lead: string;
  sentences: readonly string[];
  terms: readonly string[];
  source: Question["source"];
  concepts: string[];
  aspect: Question["tags"]["aspect"];
}

function makeCloze(context: GenerationContext, input: ClozeSource): Question | null {
  const term = pickClozeTerm(context, input.terms);
  if (term === undefined) return null;
  for (const sentence of input.sentences) {
    const blanked = blankTerm(`${input.lead}${sentence}`, term);
    if (blanked === null) continue;
    const multiWord = /\s/.test(term) || term.length > 10;
    return makeQuestion(context, {
      id: questionId(context, "cloze", input.nodeId, input.normalized, normalizeText(term)),
      kind: "cloze",
      siblingKey: input.nodeId,
      prompt: context.templates.cloze(blanked),
      answer: term,
      acceptedAnswers: [term],
      explanation: context.templates.sourceSays(`${input.lead}${sentence}`),
      source: { ...input.source, quote: `${input.lead}${sentence}` },
      concepts: input.concepts,
      aspect: input.aspect,
      difficulty: 3 + (multiWord ? 1 : 0),
    });
  }
  return null;
}

/** One cloze per statement and per usage example that has a key term. */
export function generateClozeQuestions(context: GenerationContext): Question[] {
  const questions: Question[] = [];
  for (const statement of context.statements) {
    const question = makeCloze(context, {
      nodeId: statement.nodeId,
      normalized: statement.normalized,
      lead: "",
      sentences: statement.sentences,
      terms: statement.terms,
      source: sourceOf(statement),
      concepts: [statement.concept.key],
      aspect: statement.aspect,
    });
    if (question) questions.push(question);
  }
  for (const example of context.document.examples) {
    const question = makeCloze(context, {
      nodeId: example.id,
      normalized: normalizeText(`${example.title} ${example.text}`),
      lead: example.text ? `${example.title}: ` : "",
      sentences: example.text ? splitSentences(example.text) : [example.title],
      terms: example.terms ?? [],
      source: { ...example.provenance, quote: example.text },
      concepts: example.conceptKeys,
      aspect: "example",
    });
    if (question) questions.push(question);
  }
  return questions;
}
