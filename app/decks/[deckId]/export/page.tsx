import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { fillMessage } from "@/lib/i18n/locales";
import { getMessages } from "@/lib/i18n/server";
import { db } from "@/lib/server/db";
import { getDeck } from "@/lib/server/decks/queries";
import { EXPORT_FORMATS } from "@/lib/server/export/deck-export";
import { deckViewer } from "@/lib/server/learners";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ deckId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const deck = await getDeck(db, await deckViewer(), decodeURIComponent((await params).deckId));
  return { title: deck?.summary.title ?? "404" };
}

/**
 * The formats a deck exports to and what each keeps; the files come from
 * GET /api/decks/<id>/export. A deck the viewer may not see is the 404 page.
 */
export default async function ExportDeckPage({ params }: Props) {
  const { t } = await getMessages();
  const deck = await getDeck(db, await deckViewer(), decodeURIComponent((await params).deckId));
  if (!deck) notFound();
  const id = encodeURIComponent(deck.summary.id);
  const te = t.exportDeck;
  return (
    <>
      <p>
        <Link href={`/decks/${id}`}>{te.back}</Link>
      </p>
      <h1>{fillMessage(te.title, { title: deck.summary.title })}</h1>
      <p>{te.lead}</p>
      {EXPORT_FORMATS.map((format) => (
        <section key={format} className="card export-format" aria-labelledby={`format-${format}`}>
          <h2 id={`format-${format}`}>{te.formats[format].name}</h2>
          <p>{te.formats[format].keeps}</p>
          {format === "apkg" ? (
            <form method="get" action={`/api/decks/${id}/export`}>
              <input type="hidden" name="format" value="apkg" />
              <p>
                <label>
                  <input type="checkbox" name="progress" value="1" /> {te.withProgress}
                </label>
              </p>
              <button type="submit" className="button primary">
                {te.download} · {te.formats.apkg.name}
              </button>
            </form>
          ) : (
            <a className="button" href={`/api/decks/${id}/export?format=${format}`} download>
              {te.download} · {te.formats[format].name}
            </a>
          )}
        </section>
      ))}
      <p className="muted">{te.manualCheck}</p>
    </>
  );
}
