import { z } from "zod";
import { QUESTION_KINDS } from "@/lib/core/deck/types";
import { INTERVIEW_LIMITS } from "@/lib/core/practice/assemble-interview";
import { PRACTICE_COUNT } from "@/lib/core/practice/assemble-test";
import { NotFoundError } from "../errors";
import { AnswerInputSchema, AspectSelectionSchema } from "../study/schemas";

/**
 * Ids in URLs and bodies: a malformed one is simply not found, never a crash. No NUL: PostgreSQL's
 * text cannot hold one, so a lookup by it fails there instead of finding nothing.
 */
export const RecordIdSchema = z
  .string()
  .min(1)
  .max(200)
  .refine((id) => !id.includes("\u0000"));

/** An id from a route's path: a malformed one is the same 404 as an unknown one. */
export function parseRecordId(value: string, notFound: string): string {
  const id = RecordIdSchema.safeParse(value);
  if (!id.success) throw new NotFoundError(notFound);
  return id.data;
}
const SeedSchema = z.number().int().min(0).max(2_147_483_647);
const DurationSchema = z
  .number()
  .int()
  .min(0)
  .max(24 * 60 * 60 * 1000);

export const StartPracticeSchema = z.object({
  clientId: z.uuid(),
  deckId: RecordIdSchema,
  aspects: AspectSelectionSchema.default([]),
  kinds: z.array(z.enum(QUESTION_KINDS)).max(QUESTION_KINDS.length).default([]),
  count: z.number().int().min(PRACTICE_COUNT.min).max(PRACTICE_COUNT.max),
  seed: SeedSchema.optional(),
  countForReview: z.boolean().default(false),
});
export type StartPracticeInput = z.infer<typeof StartPracticeSchema>;

export const RetryPracticeSchema = z.object({ clientId: z.uuid() });

export const PracticeAnswerSchema = z.object({
  clientAnswerId: z.uuid(),
  questionId: RecordIdSchema,
  answer: AnswerInputSchema,
  /** The learner's own verdict after the reveal; required for self-graded kinds only. */
  knewIt: z.boolean().optional(),
  durationMs: DurationSchema,
  timeZone: z.string().max(100).optional(),
});
export type PracticeAnswerInput = z.infer<typeof PracticeAnswerSchema>;

export const StartInterviewSchema = z.object({
  clientId: z.uuid(),
  deckId: RecordIdSchema,
  count: z
    .number()
    .int()
    .min(INTERVIEW_LIMITS.count.min)
    .max(INTERVIEW_LIMITS.count.max)
    .default(INTERVIEW_LIMITS.count.default),
  secondsPerQuestion: z
    .number()
    .int()
    .min(INTERVIEW_LIMITS.seconds.min)
    .max(INTERVIEW_LIMITS.seconds.max)
    .default(INTERVIEW_LIMITS.seconds.default),
  seed: SeedSchema.optional(),
});
export type StartInterviewInput = z.infer<typeof StartInterviewSchema>;

export const InterviewAnswerSchema = z.object({
  position: z.number().int().min(0).max(INTERVIEW_LIMITS.count.max),
  clientAnswerId: z.uuid(),
  text: z.string().max(5000),
  /** The browser's countdown ran out; the server also checks the deadline it stored. */
  timedOut: z.boolean().default(false),
});
export type InterviewAnswerInput = z.infer<typeof InterviewAnswerSchema>;

export const InterviewCheckSchema = z.object({
  position: z.number().int().min(0).max(INTERVIEW_LIMITS.count.max),
  coveredPoints: z.array(z.number().int().min(0).max(50)).max(50),
});
export type InterviewCheckInput = z.infer<typeof InterviewCheckSchema>;
