import type { AnswerInput, Question } from "@/lib/core/deck/types";

/** A right answer, or a sure wrong one, for any kind of question. */
export function answerFor(
  question: Question,
  right: boolean,
): { answer: AnswerInput; knewIt?: boolean } {
  switch (question.kind) {
    case "definition":
    case "reverse-definition":
    case "explain":
      return { answer: { type: "reveal" }, knewIt: right };
    case "true-false":
      return {
        answer: { type: "boolean", value: (question.correctOptionId === "true") === right },
      };
    case "matching":
      return {
        answer: {
          type: "matching",
          pairs: right ? question.matching!.solution : {},
        },
      };
    case "cloze":
      return { answer: { type: "text", text: right ? question.answer : "zzz" } };
    default: {
      const wrong = question.options!.find((o) => o.id !== question.correctOptionId)!;
      return {
        answer: { type: "option", optionId: right ? question.correctOptionId! : wrong.id },
      };
    }
  }
}
