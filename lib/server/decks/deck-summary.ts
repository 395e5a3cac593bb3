import type { DeckSummary } from "@/lib/core/deck/types";

/** Deck.summary is written by syncDecks from the parsed document; read it back as such. */
export function parseDeckSummary(json: string): DeckSummary {
  return JSON.parse(json) as DeckSummary;
}

/** What a practice test or an interview shows of its deck. */
export type DeckHeading = Pick<DeckSummary, "id" | "title" | "language" | "aspects">;

export function deckHeading(summaryJson: string): DeckHeading {
  const { id, title, language, aspects } = parseDeckSummary(summaryJson);
  return { id, title, language, aspects };
}
