import type { QuestionKind } from "@/lib/core/deck/types";
import type { DeckListItem } from "@/lib/server/decks/queries";
import type { AssignmentDeckOption } from "./assignment-form";

/** The decks as the assignment form offers them: their aspects and the kinds they have. */
export function toAssignmentDeckOptions(decks: readonly DeckListItem[]): AssignmentDeckOption[] {
  return decks.map(({ summary }) => ({
    id: summary.id,
    title: summary.title,
    language: summary.language,
    aspects: summary.aspects.map((aspect) => ({ key: aspect.key, title: aspect.title })),
    kinds: Object.entries(summary.countsByKind)
      .filter(([, count]) => (count ?? 0) > 0)
      .map(([kind]) => kind as QuestionKind),
  }));
}
