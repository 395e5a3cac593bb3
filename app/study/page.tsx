import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { StudySession } from "@/components/study/study-session";
import { findAssignmentPhase } from "@/lib/core/classes/assignment";
import { RecordIdSchema } from "@/lib/core/classes/class-schemas";
import { fillMessage } from "@/lib/i18n/locales";
import { getMessages } from "@/lib/i18n/server";
import { getStudentStudyAssignment } from "@/lib/server/classes/assignment-study";
import { db } from "@/lib/server/db";
import { listDecks } from "@/lib/server/decks/queries";
import { deckViewer, getLearnerId } from "@/lib/server/learners";
import { orNotFound } from "@/lib/server/not-found";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getMessages();
  return { title: t.study.title };
}

type Props = {
  searchParams: Promise<{
    deck?: string | string[];
    aspect?: string | string[];
    assignment?: string | string[];
  }>;
};

export default async function StudyPage({ searchParams }: Props) {
  const { t, locale } = await getMessages();
  const params = await searchParams;
  if (params.assignment !== undefined) {
    return <AssignmentStudy assignmentId={[params.assignment].flat()[0] ?? ""} />;
  }
  const decks = await listDecks(db, await deckViewer());
  const requested = [params.deck ?? []].flat();
  const known = new Set(decks.map((d) => d.summary.id));
  let selected = requested.filter((id) => known.has(id));
  if (selected.length === 0) {
    // Default: the decks in the interface language, else whatever is loaded.
    const inLocale = decks.filter((d) => d.summary.language === locale).map((d) => d.summary.id);
    selected = inLocale.length > 0 ? inLocale : decks.slice(0, 1).map((d) => d.summary.id);
  }
  // An aspect filter (from /stats' "study the weakest aspect") keeps only keys the decks have.
  const aspectTitles = new Map(
    decks
      .filter((d) => selected.includes(d.summary.id))
      .flatMap((d) => d.summary.aspects.map((a): [string, string] => [a.key, a.title])),
  );
  const aspects = [params.aspect ?? []].flat().filter((key) => aspectTitles.has(key));

  return (
    <>
      <div className="page-title">
        <h1>{t.study.title}</h1>
        <Link href="/study/settings" className="button small">
          {t.study.settings}
        </Link>
      </div>
      {decks.length === 0 ? (
        <p className="card">{t.study.noDecks}</p>
      ) : (
        <>
          <form className="deck-chooser" method="get" action="/study">
            <fieldset>
              <legend>{t.study.chooseDecks}</legend>
              {aspects.map((key) => (
                <input key={key} type="hidden" name="aspect" value={key} />
              ))}
              {decks.map(({ summary }) => (
                <label key={summary.id}>
                  <input
                    type="checkbox"
                    name="deck"
                    value={summary.id}
                    defaultChecked={selected.includes(summary.id)}
                  />{" "}
                  {summary.title} <span className="muted">({summary.language.toUpperCase()})</span>
                </label>
              ))}
              <button type="submit" className="button small">
                OK
              </button>
            </fieldset>
          </form>
          {aspects.length > 0 && (
            <p className="aspect-filter" data-testid="aspect-filter">
              {t.study.onlyAspect}:{" "}
              <strong>{aspects.map((k) => aspectTitles.get(k)).join(", ")}</strong>{" "}
              <Link
                href={`/study?${selected.map((id) => `deck=${encodeURIComponent(id)}`).join("&")}`}
              >
                {t.study.allAspects}
              </Link>
            </p>
          )}
          <StudySession
            key={[...selected, ...aspects].join(",")}
            deckIds={selected}
            aspects={aspects}
            t={t.study}
            tr={t.reports}
            tl={t.limits}
            locale={locale}
          />
        </>
      )}
    </>
  );
}

/**
 * A study assignment's session, opened by its button on /classes: exactly its scope, only the
 * questions still short of its goal. Someone outside the class gets the 404 page.
 */
async function AssignmentStudy({ assignmentId }: { assignmentId: string }) {
  const { t, locale } = await getMessages();
  const id = RecordIdSchema.safeParse(assignmentId);
  if (!id.success) notFound();
  const { assignment, classId, className } = await orNotFound(
    getStudentStudyAssignment(db, { learnerId: await getLearnerId(), assignmentId: id.data }),
  );
  const upcoming = findAssignmentPhase(assignment, new Date()) === "upcoming";
  return (
    <>
      <p>
        <Link href={`/classes/${classId}`}>← {t.study.backToClasses}</Link>
      </p>
      <div className="page-title">
        <h1>{fillMessage(t.study.assignmentTitle, { title: assignment.title, className })}</h1>
      </div>
      {upcoming ? (
        <p className="card">{t.classes.statusUpcoming}</p>
      ) : (
        <>
          <p className="muted small">{t.study.assignmentScope}</p>
          <StudySession
            deckIds={[assignment.scope.deckId]}
            assignmentId={assignment.id}
            t={t.study}
            tr={t.reports}
            tl={t.limits}
            locale={locale}
          />
        </>
      )}
    </>
  );
}
