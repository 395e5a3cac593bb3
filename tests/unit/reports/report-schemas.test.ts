import { describe, expect, it } from "vitest";
import { fieldErrors } from "@/lib/core/forms/field-errors";
import {
  QuestionReportSchema,
  REPORT_COMMENT_MAX,
  REPORT_REASONS,
} from "@/lib/core/reports/report-schemas";

describe("QuestionReportSchema", () => {
  it("accepts each reason, with or without a comment", () => {
    for (const reason of REPORT_REASONS) {
      expect(QuestionReportSchema.parse({ reason })).toEqual({ reason });
      expect(QuestionReportSchema.parse({ reason, comment: "Два ответа верны" })).toEqual({
        reason,
        comment: "Два ответа верны",
      });
    }
  });

  it("trims the comment and treats a blank one as none", () => {
    expect(QuestionReportSchema.parse({ reason: "other", comment: "  see line 4 \n" })).toEqual({
      reason: "other",
      comment: "see line 4",
    });
    expect(QuestionReportSchema.parse({ reason: "other", comment: "   " })).toEqual({
      reason: "other",
    });
  });

  it("allows 1000 characters of comment and names the rule past that", () => {
    expect(REPORT_COMMENT_MAX).toBe(1000);
    const max = "я".repeat(REPORT_COMMENT_MAX);
    expect(QuestionReportSchema.parse({ reason: "other", comment: max }).comment).toBe(max);
    const long = QuestionReportSchema.safeParse({ reason: "other", comment: `${max}!` });
    expect(long.success || fieldErrors(long.error)).toEqual({ comment: "comment_too_long" });
  });

  it("asks for a known reason", () => {
    for (const body of [{}, { reason: "spam" }, { reason: "" }, { reason: 1 }]) {
      const parsed = QuestionReportSchema.safeParse(body);
      expect(parsed.success || fieldErrors(parsed.error)).toEqual({ reason: "reason_required" });
    }
  });

  it("refuses what is not a comment", () => {
    const parsed = QuestionReportSchema.safeParse({ reason: "other", comment: 42 });
    expect(parsed.success).toBe(false);
  });
});
