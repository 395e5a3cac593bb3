"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { requireUser } from "@/lib/server/auth/current-user";
import { db } from "@/lib/server/db";
import { deleteOwnDeck } from "@/lib/server/decks/own-decks";
import { NotFoundError } from "@/lib/server/errors";
import { formError, formFields, type FormState } from "@/lib/server/form-state";

const DeleteDeckSchema = z.object({ deckId: z.string().min(1).max(200) });

/** The author deletes their deck (a soft delete, see deleteOwnDeck), then sees their decks. */
export async function deleteDeckAction(_prev: FormState, formData: FormData): Promise<FormState> {
  try {
    const parsed = DeleteDeckSchema.safeParse(formFields(formData));
    // A form that names no deck names nothing the user owns.
    if (!parsed.success) throw new NotFoundError("no such deck");
    const user = await requireUser();
    await deleteOwnDeck(db, { userId: user.id, deckId: parsed.data.deckId, now: new Date() });
  } catch (error) {
    return formError(error);
  }
  redirect("/decks");
}
