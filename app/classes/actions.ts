"use server";

import { refresh } from "next/cache";
import { redirect } from "next/navigation";
import type { z } from "zod";
import {
  ArchiveFormSchema,
  ClassDetailsSchema,
  ClassFormSchema,
  JoiningOpenFormSchema,
  RemoveStudentFormSchema,
  UpdateClassSchema,
} from "@/lib/core/classes/class-schemas";
import { requireUser } from "@/lib/server/auth/current-user";
import {
  archiveClass,
  createClass,
  deleteClass,
  regenerateJoinCode,
  removeStudent,
  setJoiningOpen,
  unarchiveClass,
  updateClassDetails,
} from "@/lib/server/classes/classes";
import { leaveClass } from "@/lib/server/classes/enrollments";
import { db } from "@/lib/server/db";
import { NotFoundError } from "@/lib/server/errors";
import { formError, formFields, parseForm, type FormState } from "@/lib/server/form-state";
import { getLearnerId } from "@/lib/server/learners";

/*
 * The class forms. Each parses its form, finds who is asking, and calls the data layer, which
 * scopes every write to the signed-in teacher (or, for leaving, the current learner).
 */

const DONE: FormState = { status: "ok", errors: {} };

export async function createClassAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const parsed = parseForm(ClassDetailsSchema, formData);
  if (!parsed.ok) return parsed.state;
  let classId: string;
  try {
    const user = await requireUser();
    ({ classId } = await createClass(db, { teacherId: user.id, ...parsed.data, now: new Date() }));
  } catch (error) {
    return formError(error);
  }
  redirect(`/classes/${classId}`);
}

export async function saveClassDetails(_prev: FormState, formData: FormData): Promise<FormState> {
  const parsed = parseForm(UpdateClassSchema, formData);
  if (!parsed.ok) return parsed.state;
  try {
    const user = await requireUser();
    await updateClassDetails(db, { teacherId: user.id, ...parsed.data });
  } catch (error) {
    return formError(error);
  }
  refresh();
  return DONE;
}

/** Each button below sends only ids and a flag: a form that does not parse names no class. */
async function onOwnClass<S extends z.ZodType<{ classId: string }>>(
  schema: S,
  formData: FormData,
  write: (teacherId: string, input: z.output<S>) => Promise<unknown>,
): Promise<FormState> {
  const parsed = schema.safeParse(formFields(formData));
  try {
    if (!parsed.success) throw new NotFoundError("no such class");
    const user = await requireUser();
    await write(user.id, parsed.data);
  } catch (error) {
    return formError(error);
  }
  refresh();
  return DONE;
}

export async function setClassArchived(_prev: FormState, formData: FormData): Promise<FormState> {
  return onOwnClass(ArchiveFormSchema, formData, (teacherId, { classId, archived }) =>
    archived
      ? archiveClass(db, { teacherId, classId, now: new Date() })
      : unarchiveClass(db, { teacherId, classId }),
  );
}

export async function setClassJoining(_prev: FormState, formData: FormData): Promise<FormState> {
  return onOwnClass(JoiningOpenFormSchema, formData, (teacherId, { classId, open }) =>
    setJoiningOpen(db, { teacherId, classId, open }),
  );
}

export async function newJoinCode(_prev: FormState, formData: FormData): Promise<FormState> {
  return onOwnClass(ClassFormSchema, formData, (teacherId, { classId }) =>
    regenerateJoinCode(db, { teacherId, classId }),
  );
}

export async function removeClassStudent(_prev: FormState, formData: FormData): Promise<FormState> {
  return onOwnClass(RemoveStudentFormSchema, formData, (teacherId, { classId, enrollmentId }) =>
    removeStudent(db, { teacherId, classId, enrollmentId }),
  );
}

export async function removeClass(_prev: FormState, formData: FormData): Promise<FormState> {
  const state = await onOwnClass(ClassFormSchema, formData, (teacherId, { classId }) =>
    deleteClass(db, { teacherId, classId }),
  );
  if (state.status === "ok") redirect("/classes");
  return state;
}

/** A student (account or guest) leaves a class; only their own enrolment can be reached. */
export async function leaveClassAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const parsed = ClassFormSchema.safeParse(formFields(formData));
  try {
    const learnerId = await getLearnerId();
    if (!parsed.success || !learnerId) throw new NotFoundError("no such class");
    await leaveClass(db, { learnerId, classId: parsed.data.classId });
  } catch (error) {
    return formError(error);
  }
  redirect("/classes");
}
