import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AssignmentForm } from "@/components/classes/assignment-form";
import { toAssignmentDeckOptions } from "@/components/classes/assignment-deck-options";
import { newAssignmentDefaults } from "@/lib/core/classes/assignment-form";
import { RecordIdSchema } from "@/lib/core/classes/class-schemas";
import { getMessages } from "@/lib/i18n/server";
import { getCurrentUser } from "@/lib/server/auth/current-user";
import { getTeacherClass } from "@/lib/server/classes/class-queries";
import { db } from "@/lib/server/db";
import { listClassDecks } from "@/lib/server/decks/queries";
import { orNotFound } from "@/lib/server/not-found";
import { createAssignmentAction } from "../actions";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getMessages();
  return { title: t.classes.newAssignment };
}

type Props = { params: Promise<{ classId: string }> };

/** The form for a new assignment: the class's teacher only; anyone else gets the 404 page. */
export default async function NewAssignmentPage({ params }: Props) {
  const id = RecordIdSchema.safeParse((await params).classId);
  const user = await getCurrentUser();
  if (!id.success || !user) notFound();
  const k = await orNotFound(getTeacherClass(db, { teacherId: user.id, classId: id.data }));
  const { locale, t } = await getMessages();
  const decks = await listClassDecks(db, { teacherId: user.id, classId: id.data });
  const deck = decks.find((d) => d.summary.language === locale) ?? decks[0];
  if (!deck) return <p className="card">{t.study.noDecks}</p>;
  return (
    <>
      <p>
        <Link href={`/classes/${k.id}`}>← {k.name}</Link>
      </p>
      <h1>{t.classes.newAssignment}</h1>
      <AssignmentForm
        id="assignment"
        action={createAssignmentAction}
        hidden={{ classId: k.id }}
        timeZone={k.timeZone}
        decks={toAssignmentDeckOptions(decks)}
        defaults={newAssignmentDefaults(new Date(), k.timeZone, deck.summary.id)}
        submitLabel={t.classes.createAssignment}
        t={t.classes}
        kindNames={t.study.kinds}
      />
    </>
  );
}
