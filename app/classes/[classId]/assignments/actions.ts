"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { RecordIdSchema } from "@/lib/core/classes/class-schemas";
import { readAssignmentFormData } from "@/lib/core/classes/assignment-form";
import { requireUser } from "@/lib/server/auth/current-user";
import {
  AssignmentInvalidError,
  createAssignment,
  deleteAssignment,
  updateAssignment,
} from "@/lib/server/classes/assignments";
import { db } from "@/lib/server/db";
import { NotFoundError } from "@/lib/server/errors";
import { formError, formFields, type FormState } from "@/lib/server/form-state";

/*
 * The assignment forms of a class page. Each reads the ids it names, finds the signed-in user,
 * and calls the data layer, which reaches only the classes that user teaches.
 */

const ClassIdsSchema = z.object({ classId: RecordIdSchema });
const AssignmentIdsSchema = ClassIdsSchema.extend({ assignmentId: RecordIdSchema });

function toFormState(error: unknown): FormState {
  if (error instanceof AssignmentInvalidError) {
    return { status: "error", message: error.code, errors: { ...error.fieldErrors } };
  }
  return formError(error);
}

function readIds<S extends z.ZodType>(schema: S, formData: FormData): z.output<S> {
  const parsed = schema.safeParse(formFields(formData));
  // A form that names no valid id names nothing the user owns.
  if (!parsed.success) throw new NotFoundError("no such assignment");
  return parsed.data;
}

export async function createAssignmentAction(
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  let classId: string;
  try {
    ({ classId } = readIds(ClassIdsSchema, formData));
    const user = await requireUser();
    await createAssignment(db, {
      teacherId: user.id,
      classId,
      fields: readAssignmentFormData(formData),
      now: new Date(),
    });
  } catch (error) {
    return toFormState(error);
  }
  redirect(`/classes/${classId}#assignments-title`);
}

export async function updateAssignmentAction(
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  let classId: string;
  try {
    const ids = readIds(AssignmentIdsSchema, formData);
    classId = ids.classId;
    const user = await requireUser();
    await updateAssignment(db, {
      teacherId: user.id,
      ...ids,
      fields: readAssignmentFormData(formData),
      now: new Date(),
    });
  } catch (error) {
    return toFormState(error);
  }
  redirect(`/classes/${classId}#assignments-title`);
}

export async function deleteAssignmentAction(
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  let classId: string;
  try {
    const ids = readIds(AssignmentIdsSchema, formData);
    classId = ids.classId;
    const user = await requireUser();
    await deleteAssignment(db, { teacherId: user.id, ...ids });
  } catch (error) {
    return toFormState(error);
  }
  redirect(`/classes/${classId}#assignments-title`);
}
