import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DeleteSection } from "@/components/forms/delete-section";
import { AssignmentForm } from "@/components/classes/assignment-form";
import { toAssignmentDeckOptions } from "@/components/classes/assignment-deck-options";
import { assignmentFormDefaults } from "@/lib/core/classes/assignment-form";
import { RecordIdSchema } from "@/lib/core/classes/class-schemas";
import { fillMessage } from "@/lib/i18n/locales";
import { getMessages } from "@/lib/i18n/server";
import { getCurrentUser } from "@/lib/server/auth/current-user";
import { getTeacherAssignment } from "@/lib/server/classes/assignments";
import { db } from "@/lib/server/db";
import { listClassDecks } from "@/lib/server/decks/queries";
import { orNotFound } from "@/lib/server/not-found";
import { deleteAssignmentAction, updateAssignmentAction } from "../actions";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getMessages();
  return { title: t.classes.editAssignment };
}

type Props = { params: Promise<{ classId: string; assignmentId: string }> };

/** Edit or delete an assignment: its class's teacher only; anyone else gets the 404 page. */
export default async function EditAssignmentPage({ params }: Props) {
  const raw = await params;
  const classId = RecordIdSchema.safeParse(raw.classId);
  const assignmentId = RecordIdSchema.safeParse(raw.assignmentId);
  const user = await getCurrentUser();
  if (!classId.success || !assignmentId.success || !user) notFound();
  const ids = { classId: classId.data, assignmentId: assignmentId.data };
  const { assignment, className, timeZone } = await orNotFound(
    getTeacherAssignment(db, { teacherId: user.id, ...ids }),
  );
  const { t } = await getMessages();
  const c = t.classes;
  const decks = await listClassDecks(db, { teacherId: user.id, classId: ids.classId });
  return (
    <>
      <p>
        <Link href={`/classes/${ids.classId}`}>← {className}</Link>
      </p>
      <h1>{c.editAssignment}</h1>
      <p className="muted">{c.editKeepsWork}</p>
      <AssignmentForm
        id="assignment"
        action={updateAssignmentAction}
        hidden={ids}
        timeZone={timeZone}
        decks={toAssignmentDeckOptions(decks)}
        defaults={assignmentFormDefaults(assignment, timeZone)}
        submitLabel={c.saveAssignment}
        t={c}
        kindNames={t.study.kinds}
      />
      <DeleteSection
        id="delete-assignment-title"
        heading={c.deleteAssignment}
        explanation={c.deleteAssignmentBody}
        action={deleteAssignmentAction}
        values={ids}
        label={c.deleteAssignment}
        confirmTitle={fillMessage(c.deleteAssignmentTitle, { title: assignment.title })}
        cancelLabel={c.cancel}
        errors={c.errors}
      />
    </>
  );
}
