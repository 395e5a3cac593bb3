import { z } from "zod";
import { QUESTION_KINDS } from "@/lib/core/deck/types";

const Id = z.string().min(1).max(200);

export const AnswerInputSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("option"), optionId: z.string().min(1).max(20) }),
  z.object({ type: z.literal("text"), text: z.string().max(2000) }),
  z.object({ type: z.literal("boolean"), value: z.boolean() }),
  z.object({
    type: z.literal("matching"),
    pairs: z.record(z.string().max(20), z.string().max(20)),
  }),
  z.object({ type: z.literal("reveal") }),
]);

export const SubmitAnswerSchema = z.object({
  clientAnswerId: z.uuid(),
  questionId: Id,
  cardVersion: z.number().int().min(0).nullable(),
  answer: AnswerInputSchema,
  rating: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]),
  durationMs: z
    .number()
    .int()
    .min(0)
    .max(24 * 60 * 60 * 1000),
  timeZone: z.string().max(100).optional(),
});
export type SubmitAnswerInput = z.infer<typeof SubmitAnswerSchema>;

export const UndoAnswerSchema = z.object({ clientAnswerId: z.uuid() });

export const DeckSelectionSchema = z.array(Id).min(1).max(20);

/** Aspect keys as the deck generator makes them ("networking", "other:vremya-zapuska"). */
export const AspectSelectionSchema = z.array(z.string().regex(/^[a-z0-9:-]{1,100}$/)).max(20);

export const KindSelectionSchema = z.array(z.enum(QUESTION_KINDS)).max(QUESTION_KINDS.length);
