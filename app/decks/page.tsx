import type { Metadata } from "next";
import Link from "next/link";
import { getMessages } from "@/lib/i18n/server";
import { db } from "@/lib/server/db";
import { listDecks } from "@/lib/server/decks/queries";
import { deckViewer } from "@/lib/server/learners";
import type { QuestionKind } from "@/lib/core/deck/types";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getMessages();
  return { title: t.decks.title };
}

export default async function DecksPage() {
  const { t } = await getMessages();
  const decks = await listDecks(db, await deckViewer());
  return (
    <>
      <h1>{t.decks.title}</h1>
      <p>
        <Link href="/decks/new">{t.newDeck.link}</Link>
      </p>
      {decks.length === 0 && <p className="card">{t.study.noDecks}</p>}
      <ul className="deck-list">
        {decks.map(({ summary, questionCount }) => (
          <li key={summary.id} className="card">
            <h2>
              <Link href={`/decks/${encodeURIComponent(summary.id)}`}>{summary.title}</Link>
            </h2>
            <p className="muted">
              {t.decks.language}: {t.language[summary.language]} · {t.decks.questions}:{" "}
              {questionCount} · {t.decks.concepts}: {summary.concepts.map((c) => c.name).join(", ")}
            </p>
            <table className="kind-table">
              <caption className="visually-hidden">{t.decks.perKind}</caption>
              <thead>
                <tr>
                  <th scope="col">{t.decks.kind}</th>
                  <th scope="col">{t.decks.count}</th>
                </tr>
              </thead>
              <tbody>
                {(Object.entries(summary.countsByKind) as [QuestionKind, number][]).map(
                  ([kind, count]) => (
                    <tr key={kind}>
                      <th scope="row">{t.study.kinds[kind]}</th>
                      <td>{count}</td>
                    </tr>
                  ),
                )}
              </tbody>
            </table>
            <Link className="button primary" href={`/study?deck=${encodeURIComponent(summary.id)}`}>
              {t.decks.study}
            </Link>
          </li>
        ))}
      </ul>
    </>
  );
}
