import {
  conceptAnswers,
  lengthBonus,
  makeQuestion,
  sourceOf,
  type GenerationContext,
} from "./question-context";
import type { Question } from "./types";

/** Definition cards: "what is a pod?" and, the other way round, "which concept is described?". */
export function generateDefinitionQuestions(context: GenerationContext): Question[] {
  const { templates } = context;
  return context.statements
    .filter((statement) => statement.family === "fact" && statement.aspect === "definition")
    .flatMap((statement) => {
      const { concept, text, nodeId, masked } = statement;
      return [
        makeQuestion(context, {
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
