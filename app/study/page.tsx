import type { Metadata } from "next";
import Link from "next/link";
import { StudySession } from "@/components/study/study-session";
import { getMessages } from "@/lib/i18n/server";
import { db } from "@/lib/server/db";
import { listDecks } from "@/lib/server/decks/queries";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getMessages();
  return { title: t.study.title };
}

type Props = {
  searchParams: Promise<{ deck?: string | string[]; aspect?: string | string[] }>;
};

export default async function StudyPage({ searchParams }: Props) {
  const { t, locale } = await getMessages();
  const decks = await listDecks(db);
  const params = await searchParams;
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
