import { matchesAnswer, normalizeText } from "./normalize-text";
import { SELF_GRADED_KINDS, type AnswerInput, type GradeResult, type Question } from "./types";

function gradeOptionQuestion(question: Question, input: AnswerInput): boolean {
  if (input.type === "option") return input.optionId === question.correctOptionId;
  if (input.type === "text") {
    const accepted = [question.answer, ...question.acceptedAnswers];
    return matchesAnswer(input.text, accepted);
  }
  return false;
}

function gradeTrueFalse(question: Question, input: AnswerInput): boolean {
  const truth = question.correctOptionId === "true";
  switch (input.type) {
    case "boolean":
      return input.value === truth;
    case "option":
      return input.optionId === question.correctOptionId;
    case "text": {
      const typed = normalizeText(input.text);
      return typed !== "" && question.acceptedAnswers.some((word) => normalizeText(word) === typed);
    }
    default:
      return false;
  }
}

function gradeMatching(question: Question, input: AnswerInput): boolean {
  const solution = question.matching?.solution;
  if (input.type !== "matching" || !solution) return false;
  const entries = Object.entries(solution);
  return entries.length > 0 && entries.every(([left, right]) => input.pairs[left] === right);
}

/**
 * Grades an answer. Self-graded kinds (definition, reverse-definition, explain) come back as
 * `selfGraded` and never `correct`: the learner compares with the model answer and rates.
 * A `reveal` on any other kind is a wrong answer (the learner gave up).
 */
export function gradeAnswer(question: Question, input: AnswerInput): GradeResult {
  const expected = question.answer;
  if (SELF_GRADED_KINDS.includes(question.kind)) {
    return { correct: false, selfGraded: true, expected };
  }
  let correct: boolean;
  switch (question.kind) {
    case "classify":
    case "multiple-choice":
    case "scenario":
      correct = gradeOptionQuestion(question, input);
      break;
    case "true-false":
      correct = gradeTrueFalse(question, input);
      break;
    case "cloze":
      correct =
        input.type === "text" && matchesAnswer(input.text, [expected, ...question.acceptedAnswers]);
      break;
    case "matching":
      correct = gradeMatching(question, input);
      break;
    default:
      correct = false;
  }
  return { correct, selfGraded: false, expected };
}
