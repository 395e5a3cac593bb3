import { isSetAside } from "./analyze-claims";
import { maskConcept } from "./concept-matcher";
import {
  conceptAnswers,
  lengthBonus,
  makeQuestion,
  sourceOf,
  type GenerationContext,
} from "./question-context";
import type { Question, SetAsideNote } from "./types";

/**
 * «…такие как: сетевое пространство; тома; пространство памяти и CPU (…).» with the last list
 * item set aside keeps the rest of the list: only the item and its separator go.
 */
function withoutSetAsideItems(notes: readonly SetAsideNote[], sentence: string): string {
  let result = sentence;
  for (const note of notes) {
    const at = result.toLowerCase().indexOf(note.quote.toLowerCase());
    if (at < 0 || note.quote.length >= result.length * 0.8) continue;
    const before = result.slice(0, at).replace(/[;,]\s*$/u, "");
    const after = result.slice(at + note.quote.length).replace(/^[;,]\s*/u, "");
    result = `${before}${/^[.!?]/u.test(after) || after === "" ? "" : "; "}${after}`;
  }
  return result;
}

/** Definition cards: "what is a pod?" and, the other way round, "which concept is described?". */
export function generateDefinitionQuestions(context: GenerationContext): Question[] {
  const { templates } = context;
  return context.statements
    .filter((statement) => statement.family === "fact" && statement.aspect === "definition")
    .flatMap((statement) => {
      const { concept, nodeId } = statement;
      // A sentence an editor set aside leaves the answer; the rest of the definition stays.
      const kept = statement.sentences
        .map((sentence) => withoutSetAsideItems(context.document.setAside ?? [], sentence))
        .filter((sentence) => !isSetAside(context.document, sentence));
      if (kept.length === 0) return [];
      const text =
        kept.join(" ") === statement.sentences.join(" ") ? statement.text : kept.join(" ");
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
