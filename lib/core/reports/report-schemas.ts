import { z } from "zod";
import { REPORT_COMMENT_MAX, REPORT_REASONS, type ReportReason } from "./report-reasons";

export { REPORT_COMMENT_MAX, REPORT_REASONS, type ReportReason };

/**
 * What a learner can say is wrong with a question. Shared by the report dialog (instant field
 * errors) and the route (the check that counts); messages are keys the UI translates
 * (`reports.errors`).
 */
export const ReportReasonSchema = z.enum(REPORT_REASONS, "reason_required");

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
