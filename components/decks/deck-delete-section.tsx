import { deleteDeckAction } from "@/app/decks/[deckId]/actions";
import { DeleteSection } from "@/components/forms/delete-section";
import { fillMessage, type Messages } from "@/lib/i18n/locales";
import type { DeckDeletionImpact } from "@/lib/server/decks/own-decks";

/** The author's "delete this deck" section: what it stops, then a confirmed red button. */
export function DeckDeleteSection({
  deckId,
  title,
  impact,
  t,
}: {
  deckId: string;
  title: string;
  impact: DeckDeletionImpact;
  t: Messages["decks"];
}) {
  return (
    <DeleteSection
      id="delete-deck-title"
      heading={t.delete}
      explanation={fillMessage(t.deleteBody, { ...impact })}
      action={deleteDeckAction}
      values={{ deckId }}
      label={t.delete}
      confirmTitle={fillMessage(t.deleteTitle, { title })}
      cancelLabel={t.deleteCancel}
      errors={t.deleteErrors}
    />
  );
}
