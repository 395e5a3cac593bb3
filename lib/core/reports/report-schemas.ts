import { z } from "zod";

/**
 * What a learner can say is wrong with a question. Shared by the report dialog (instant field
 * errors) and the route (the check that counts); messages are keys the UI translates
 * (`reports.errors`).
 */
export const REPORT_REASONS = ["wrong-answer", "ambiguous", "unclear-wording", "other"] as const;
export const ReportReasonSchema = z.enum(REPORT_REASONS, "reason_required");
export type ReportReason = z.infer<typeof ReportReasonSchema>;

export const REPORT_COMMENT_MAX = 1000;

export const QuestionReportSchema = z.object({
  reason: ReportReasonSchema,
  /** Optional; blank means none. */
  comment: z
    .string()
    .trim()
    .max(REPORT_COMMENT_MAX, "comment_too_long")
    .optional()
    .transform((text) => text || undefined),
});
export type QuestionReportInput = z.infer<typeof QuestionReportSchema>;

export const REPORT_STATUSES = ["open", "resolved"] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];
