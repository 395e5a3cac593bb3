import {
  generateClassifyQuestions,
  generateClozeQuestions,
  generateMultipleChoiceQuestions,
  generateTrueFalseQuestions,
  generateTrueStatementQuestions,
} from "./generate-claim-questions";
import {
  generateExplainQuestions,
  generateMatchingQuestions,
  generateScenarioQuestions,
} from "./generate-group-questions";
import { generateDefinitionQuestions } from "./generate-statement-questions";
import { splitWords } from "./normalize-text";
import { checkQuestion, type QualityRule } from "./quality-gate";
import { buildContext } from "./question-context";
import { QUESTION_KINDS, type ComparisonDocument, type Question } from "./types";

/** A question the quality gate kept back, and the rules it broke. */
export interface DroppedQuestion {
  id: string;
  kind: Question["kind"];
  prompt: string;
  rules: QualityRule[];
}

export interface GeneratedQuestions {
  questions: Question[];
  dropped: DroppedQuestion[];
}

function sortByKind(questions: Question[]): Question[] {
  const rank = (question: Question) => QUESTION_KINDS.indexOf(question.kind);
  return questions
    .map((question, index) => ({ question, index }))
    .sort((a, b) => rank(a.question) - rank(b.question) || a.index - b.index)
    .map(({ question }) => question);
}

/**
 * Every question a comparison document yields, in kind order, and those the quality gate kept
 * back. Pure and deterministic: the same document always gives the same questions, ids and
 * option order. A question repeating another's prompt is left out silently.
 */
export function generateQuestions(document: ComparisonDocument): GeneratedQuestions {
  const context = buildContext(document);
  const candidates = sortByKind([
    ...generateDefinitionQuestions(context),
    ...generateClassifyQuestions(context),
    ...generateMultipleChoiceQuestions(context),
    ...generateTrueStatementQuestions(context),
    ...generateTrueFalseQuestions(context),
    ...generateClozeQuestions(context),
    ...generateScenarioQuestions(context),
    ...generateMatchingQuestions(context),
    ...generateExplainQuestions(context),
  ]);
  const prompts = new Set<string>();
  const ids = new Set<string>();
  const questions: Question[] = [];
  const dropped: DroppedQuestion[] = [];
  for (const question of candidates) {
    const prompt = splitWords(question.prompt).join(" ");
    if (prompts.has(prompt) || ids.has(question.id)) continue;
    prompts.add(prompt);
    ids.add(question.id);
    const violations = checkQuestion(question, context);
    if (violations.length > 0) {
      dropped.push({
        id: question.id,
        kind: question.kind,
        prompt: question.prompt,
        rules: [...new Set(violations.map((violation) => violation.rule))],
      });
      continue;
    }
    questions.push(question);
  }
  return { questions, dropped };
}
