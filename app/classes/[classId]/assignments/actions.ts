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

/** Runs one teacher write, then shows the class's assignments; a refused write stays on the form. */
async function writeThenShowAssignments<S extends z.ZodType<{ classId: string }>>(
  formData: FormData,
  schema: S,
  write: (ids: z.output<S>, teacherId: string) => Promise<unknown>,
): Promise<FormState> {
  let classId: string;
  try {
    const ids = readIds(schema, formData);
    classId = ids.classId;
    const user = await requireUser();
    await write(ids, user.id);
  } catch (error) {
    return toFormState(error);
  }
  redirect(`/classes/${classId}#assignments-title`);
}

export async function createAssignmentAction(
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  return writeThenShowAssignments(formData, ClassIdsSchema, ({ classId }, teacherId) =>
    createAssignment(db, {
      teacherId,
      classId,
      fields: readAssignmentFormData(formData),
      now: new Date(),
    }),
  );
}

export async function updateAssignmentAction(
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  return writeThenShowAssignments(formData, AssignmentIdsSchema, (ids, teacherId) =>
    updateAssignment(db, {
      teacherId,
      ...ids,
      fields: readAssignmentFormData(formData),
      now: new Date(),
    }),
  );
}

export async function deleteAssignmentAction(
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  return writeThenShowAssignments(formData, AssignmentIdsSchema, (ids, teacherId) =>
    deleteAssignment(db, { teacherId, ...ids }),
  );
}
