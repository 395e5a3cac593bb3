import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { CreateGameForm } from "@/components/live/create-game-form";
import { getMessages } from "@/lib/i18n/server";
import { getCurrentUser } from "@/lib/server/auth/current-user";
import { listTeacherClasses } from "@/lib/server/classes/class-queries";
import { db } from "@/lib/server/db";
import { listDecks } from "@/lib/server/decks/queries";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getMessages();
  return { title: t.live.create.title };
}

/** /live/new[?deck=<id>] — a signed-in user sets up a live game (a class only of their own). */
export default async function NewLiveGamePage({
  searchParams,
}: {
  searchParams: Promise<{ deck?: string | string[] }>;
}) {
  const user = await getCurrentUser();
  if (!user) redirect("/login?next=/live/new");
  const { t } = await getMessages();
  const [decks, classes] = await Promise.all([
    listDecks(db, { userId: user.id }),
    listTeacherClasses(db, { teacherId: user.id }),
  ]);
  const wanted = (await searchParams).deck;
  const initialDeckId = typeof wanted === "string" ? wanted : null;
  return (
    <section className="narrow">
      <h1>{t.live.create.title}</h1>
      <p className="muted">{t.live.create.lead}</p>
      <CreateGameForm
        decks={decks.map((d) => ({
          id: d.summary.id,
          title: d.summary.title,
          aspects: d.summary.aspects,
        }))}
        classes={classes.filter((k) => !k.archivedAt).map((k) => ({ id: k.id, name: k.name }))}
        initialDeckId={decks.some((d) => d.summary.id === initialDeckId) ? initialDeckId : null}
        t={t.live.create}
      />
    </section>
  );
}
