import { generateExplainQuestions, generateMatchingQuestions } from "./generate-group-questions";
import {
  generateClassifyQuestions,
  generateClozeQuestions,
  generateDefinitionQuestions,
  generateMultipleChoiceQuestions,
  generateTrueFalseQuestions,
} from "./generate-statement-questions";
import { containsWords, splitWords } from "./normalize-text";
import { buildContext, type GenerationContext } from "./question-context";
import { QUESTION_KINDS, type ComparisonDocument, type Question } from "./types";

/** Whether the prompt gives the answer away (the concept named, the blanked term left in). */
export function revealsAnswer(
  question: Question,
  context: GenerationContext,
  promptWords: readonly string[] = splitWords(question.prompt),
): boolean {
  if (question.kind === "classify" || question.kind === "reverse-definition") {
    const answerKey = question.tags.concepts[0];
    return context.matcher
      .findMentions(question.prompt)
      .some((mention) => mention.conceptKey === answerKey);
  }
  return containsWords(promptWords, splitWords(question.answer));
}

function sortByKind(questions: Question[]): Question[] {
  const rank = (question: Question) => QUESTION_KINDS.indexOf(question.kind);
  return questions
    .map((question, index) => ({ question, index }))
    .sort((a, b) => rank(a.question) - rank(b.question) || a.index - b.index)
    .map(({ question }) => question);
}

/**
 * Every question a comparison document yields, in kind order. Pure and deterministic: the same
 * document always gives the same questions, ids and option order. A question whose prompt gives
 * its answer away, or repeats another question's prompt, is dropped.
 */
export function generateQuestions(document: ComparisonDocument): Question[] {
  const context = buildContext(document);
  // Definition and reverse-definition come out interleaved; kind order makes the deck readable.
  const candidates = sortByKind([
    ...generateDefinitionQuestions(context),
    ...generateClassifyQuestions(context),
    ...generateMultipleChoiceQuestions(context),
    ...generateTrueFalseQuestions(context),
    ...generateClozeQuestions(context),
    ...generateMatchingQuestions(context),
    ...generateExplainQuestions(context),
  ]);
  const prompts = new Set<string>();
  const ids = new Set<string>();
  const questions: Question[] = [];
  for (const question of candidates) {
    const words = splitWords(question.prompt);
    const prompt = words.join(" ");
    if (prompts.has(prompt) || ids.has(question.id) || revealsAnswer(question, context, words)) {
      continue;
    }
    prompts.add(prompt);
    ids.add(question.id);
    questions.push(question);
  }
  return questions;
}
