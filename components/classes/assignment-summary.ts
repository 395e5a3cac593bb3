import type { Assignment } from "@/lib/core/classes/assignment";
import type { QuestionKind } from "@/lib/core/deck/types";
import { fillMessage, type Messages } from "@/lib/i18n/locales";
import type { DeckListItem } from "@/lib/server/decks/queries";

export interface DeckNames {
  title: string;
  aspects: Map<string, string>;
}

/** Deck titles and aspect titles by deck id, for describing assignments. */
export function indexDeckNames(decks: readonly DeckListItem[]): Map<string, DeckNames> {
  return new Map(
    decks.map(({ summary }) => [
      summary.id,
      {
        title: summary.title,
        aspects: new Map(summary.aspects.map((aspect) => [aspect.key, aspect.title])),
      },
    ]),
  );
}

/** One line saying what the assignment asks: «Тест из 10 вопросов · Контейнеры и поды: сеть». */
export function describeAssignment(
  assignment: Assignment,
  decks: ReadonlyMap<string, DeckNames>,
  t: Messages["classes"],
  kindNames: Messages["study"]["kinds"],
): string {
  const deck = decks.get(assignment.scope.deckId);
  const parts = [
    ...assignment.scope.aspects.map((key) => deck?.aspects.get(key) ?? key),
    ...assignment.scope.kinds.map((kind: QuestionKind) => kindNames[kind]),
  ];
  const scope = parts.length > 0 ? `: ${parts.join(", ")}` : "";
  // A deck the viewer no longer sees (deleted, or made private): never its bare id.
  const deckTitle = deck?.title ?? t.deckUnavailable;
  const { task } = assignment;
  switch (task.kind) {
    case "study":
      return fillMessage(t.summaryStudy, {
        count: task.questionCount === null ? t.every : String(task.questionCount),
        deck: deckTitle,
        scope,
      });
    case "practice":
      return fillMessage(t.summaryPractice, {
        count: task.questionCount,
        deck: deckTitle,
        scope,
        mark: task.passMark === null ? "" : fillMessage(t.passMark, { mark: task.passMark }),
      });
    case "interview":
      return fillMessage(t.summaryInterview, { count: task.questionCount, deck: deckTitle });
  }
}
