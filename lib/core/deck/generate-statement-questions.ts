import { isSetAside } from "./analyze-claims";
import { maskConcept } from "./concept-matcher";
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
      const { concept, nodeId } = statement;
      // A sentence an editor set aside leaves the answer; the rest of the definition stays.
      const kept = statement.sentences.filter((s) => !isSetAside(context.document, s));
      if (kept.length === 0) return [];
      const text = kept.length === statement.sentences.length ? statement.text : kept.join(" ");
      const masked = maskConcept(text, context.matcher.findMentions(text), concept.key);
      return [
        makeQuestion(context, {
          kind: "definition",
          siblingKey: nodeId,
          prompt: templates.definition(concept),
          answer: text,
          explanation: templates.sourceSays(text),
          source: sourceOf(statement, text),
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
          source: sourceOf(statement, text),
          concepts: [concept.key],
          aspect: statement.aspect,
          difficulty: 3,
        }),
      ];
    });
}
