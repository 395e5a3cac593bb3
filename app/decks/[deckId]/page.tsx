import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ReportProblemButton } from "@/components/reports/report-problem-button";
import type { Question } from "@/lib/core/deck/types";
import { getMessages } from "@/lib/i18n/server";
import { renderMarkdown } from "@/lib/markdown/render-markdown";
import { db } from "@/lib/server/db";
import { getDeck } from "@/lib/server/decks/queries";
import {
  getDeckDeletionImpact,
  getOwnDeck,
  UPLOADED_SOURCE_PATH,
} from "@/lib/server/decks/own-decks";
import { listTeacherClasses } from "@/lib/server/classes/class-queries";
import { deckViewer } from "@/lib/server/learners";
import { fillMessage } from "@/lib/i18n/locales";
import { DeckSharing } from "@/components/decks/deck-sharing";
import { DeckDeleteSection } from "@/components/decks/deck-delete-section";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ deckId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const deck = await getDeck(db, await deckViewer(), decodeURIComponent((await params).deckId));
  return { title: deck?.summary.title ?? "404" };
}

function groupByAspect(questions: Question[]): Map<string, Question[]> {
  const groups = new Map<string, Question[]>();
  for (const q of questions) groups.set(q.tags.aspect, [...(groups.get(q.tags.aspect) ?? []), q]);
  return groups;
}

/** A deck its viewer may see (lib/server/decks/deck-access.ts); any other is the 404 page. */
export default async function DeckPage({ params }: Props) {
  const { locale, t } = await getMessages();
  const viewer = await deckViewer();
  const deck = await getDeck(db, viewer, decodeURIComponent((await params).deckId));
  if (!deck) notFound();
  const own = viewer.userId !== null && deck.ownerId === viewer.userId;
  const sharing = own
    ? await getOwnDeck(db, { userId: viewer.userId!, deckId: deck.summary.id })
    : null;
  const classes = own ? await listTeacherClasses(db, { teacherId: viewer.userId! }) : [];
  const when = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" });
  const aspectTitle = new Map(deck.summary.aspects.map((a) => [a.key as string, a.title]));
  const groups = groupByAspect(deck.questions);
  return (
    <>
      <p>
        <Link href="/decks">← {t.decks.title}</Link>
      </p>
      <h1>{deck.summary.title}</h1>
      <p className="muted">
        {t.decks.questions}: {deck.questions.length} ·{" "}
        {deck.ownerId === null && deck.sourcePath !== UPLOADED_SOURCE_PATH
          ? `${t.decks.builtIn} · ${deck.sourcePath}`
          : own
            ? `${t.decks.yours}, ${t.decks.visibility[deck.visibility]}`
            : t.decks.visibility[deck.visibility]}
      </p>
      {deck.lastEdit && (
        <p data-testid="deck-last-edit">
          {fillMessage(t.decks.lastEdit, {
            date: when.format(deck.lastEdit.at),
            added: deck.lastEdit.added,
            changed: deck.lastEdit.changed,
            retired: deck.lastEdit.retired,
          })}
        </p>
      )}
      <div className="actions">
        <Link
          className="button primary"
          href={`/study?deck=${encodeURIComponent(deck.summary.id)}`}
        >
          {t.decks.study}
        </Link>
        <Link className="button" href={`/live/new?deck=${encodeURIComponent(deck.summary.id)}`}>
          {t.live.create.fromDeck}
        </Link>
        <Link className="button" href={`/decks/${encodeURIComponent(deck.summary.id)}/export`}>
          {t.exportDeck.link}
        </Link>
        {own && (
          <Link className="button" href={`/decks/${encodeURIComponent(deck.summary.id)}/edit`}>
            {t.decks.edit}
          </Link>
        )}
      </div>
      {sharing && (
        <DeckSharing
          deckId={deck.summary.id}
          visibility={sharing.visibility}
          classIds={sharing.classIds}
          classes={classes.filter((k) => !k.archivedAt).map((k) => ({ id: k.id, name: k.name }))}
          t={t.decks}
          tl={t.limits}
        />
      )}
      <h2>{t.decks.byAspect}</h2>
      {[...groups.entries()].map(([aspect, questions]) => (
        <section key={aspect} className="card aspect-group" aria-labelledby={`aspect-${aspect}`}>
          <h3 id={`aspect-${aspect}`}>
            {aspectTitle.get(aspect) ?? aspect} <span className="muted">({questions.length})</span>
          </h3>
          <ul className="question-list">
            {questions.map((q) => (
              <li key={q.id} id={`q-${q.id}`}>
                <span className="kind-badge">{t.study.kinds[q.kind]}</span> {q.prompt}
                <details>
                  <summary>{t.study.rightAnswer}</summary>
                  <p>
                    <strong>{q.answer}</strong>
                  </p>
                  <blockquote className="source-quote">
                    {q.source.quote}{" "}
                    <span className="muted">
                      ({t.study.line} {q.source.line})
                    </span>
                  </blockquote>
                </details>
                <ReportProblemButton questionId={q.id} prompt={q.prompt} t={t.reports} />
              </li>
            ))}
          </ul>
        </section>
      ))}
      {deck.summary.setAside?.length ? (
        <section className="card" aria-labelledby="set-aside">
          <h2 id="set-aside">{t.decks.setAside}</h2>
          <p className="muted">{t.decks.setAsideLead}</p>
          <ul>
            {deck.summary.setAside.map((note) => (
              <li key={note.quote}>
                <q>{note.quote}</q> — {note.why}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <h2>{t.decks.source}</h2>
      <article
        className="card source-document"
        dangerouslySetInnerHTML={{
          __html: renderMarkdown(deck.sourceMarkdown, {
            imageLabel: (alt) => fillMessage(t.decks.imageLink, { alt }),
          }),
        }}
      />
      {own && (
        <DeckDeleteSection
          deckId={deck.summary.id}
          title={deck.summary.title}
          impact={await getDeckDeletionImpact(db, {
            userId: viewer.userId!,
            deckId: deck.summary.id,
          })}
          t={t.decks}
        />
      )}
    </>
  );
}
