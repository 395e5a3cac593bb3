import type { ConceptFormsTable } from "@/lib/core/deck/concept-forms";
import { parseComparisonDocument } from "@/lib/core/deck/parse-document";
import type { ComparisonDocument, DeckSummary } from "@/lib/core/deck/types";

/**
 * Re-reads a stored deck's document. The forms sidecar is not stored with the deck, so a
 * key-only table gives each concept the key its questions were tagged with; the matcher still
 * finds inflected names. Throws DocumentError like the parser (a synced deck parsed once already).
 */
export function parseDeckDocument(deck: {
  markdown: string;
  summary: Pick<DeckSummary, "id" | "language" | "concepts" | "setAside">;
}): ComparisonDocument {
  const forms: ConceptFormsTable = Object.fromEntries(
    deck.summary.concepts.map((concept) => [concept.name, { key: concept.key }]),
  );
  return parseComparisonDocument(deck.markdown, {
    documentId: deck.summary.id,
    language: deck.summary.language,
    forms,
    ...(deck.summary.setAside?.length ? { setAside: deck.summary.setAside } : {}),
  });
}
