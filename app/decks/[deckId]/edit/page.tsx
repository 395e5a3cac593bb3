import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { DocumentPreviewer } from "@/components/decks/document-previewer";
import { fillMessage } from "@/lib/i18n/locales";
import { getMessages } from "@/lib/i18n/server";
import { getCurrentUser } from "@/lib/server/auth/current-user";
import { db } from "@/lib/server/db";
import { getOwnDeck } from "@/lib/server/decks/own-decks";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ deckId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { t } = await getMessages();
  const user = await getCurrentUser();
  const deckId = decodeURIComponent((await params).deckId);
  const deck = user ? await getOwnDeck(db, { userId: user.id, deckId }) : null;
  return { title: deck ? fillMessage(t.editDeck.title, { title: deck.title }) : "404" };
}

/** The author edits their deck's document; anyone else (a built-in deck too) gets the 404 page. */
export default async function EditDeckPage({ params }: Props) {
  const deckId = decodeURIComponent((await params).deckId);
  const user = await getCurrentUser();
  if (!user) redirect(`/login?next=${encodeURIComponent(`/decks/${deckId}/edit`)}`);
  const deck = await getOwnDeck(db, { userId: user.id, deckId });
  if (!deck) notFound();
  const { t } = await getMessages();
  return (
    <>
      <p>
        <Link href={`/decks/${encodeURIComponent(deckId)}`}>← {deck.title}</Link>
      </p>
      <h1>{fillMessage(t.editDeck.title, { title: deck.title })}</h1>
      <p className="muted">{t.editDeck.lead}</p>
      <DocumentPreviewer
        t={t.newDeck}
        tk={t.study.kinds}
        tl={t.limits}
        initialText={deck.markdown}
        save={{ url: `/api/decks/${encodeURIComponent(deckId)}/source`, method: "PUT" }}
      />
    </>
  );
}
