/**
 * What a learner can say is wrong with a question, and how long a comment may be. Without zod:
 * the report dialog renders these on every study page, and loads the schemas
 * (./report-schemas.ts) only when it checks a report.
 */
export const REPORT_REASONS = ["wrong-answer", "ambiguous", "unclear-wording", "other"] as const;
export type ReportReason = (typeof REPORT_REASONS)[number];

export const REPORT_COMMENT_MAX = 1000;
