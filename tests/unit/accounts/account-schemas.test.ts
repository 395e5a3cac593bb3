import { describe, expect, it } from "vitest";
import {
  ChangePasswordSchema,
  EmailSchema,
  RegisterSchema,
} from "@/lib/core/accounts/account-schemas";
import { fieldErrors } from "@/lib/core/forms/field-errors";

describe("account forms", () => {
  it("accepts any password of 8 to 128 characters, with no composition rules", () => {
    for (const password of ["aaaaaaaa", "длинная фраза из слов", "x".repeat(64), "x".repeat(128)]) {
      expect(RegisterSchema.safeParse({ email: "a@b.test", password }).success).toBe(true);
    }
  });

  it("names the rule a password breaks", () => {
    const short = RegisterSchema.safeParse({ email: "a@b.test", password: "seven77" });
    const long = RegisterSchema.safeParse({ email: "a@b.test", password: "x".repeat(129) });
    expect(short.success || fieldErrors(short.error)).toEqual({ password: "password_too_short" });
    expect(long.success || fieldErrors(long.error)).toEqual({ password: "password_too_long" });
  });

  it("normalizes emails and rejects what is not one", () => {
    expect(EmailSchema.parse("  Ana@Example.TEST ")).toBe("ana@example.test");
    const bad = RegisterSchema.safeParse({ email: "not-an-email", password: "" });
    expect(bad.success || fieldErrors(bad.error)).toEqual({
      email: "email_invalid",
      password: "password_too_short",
    });
  });

  it("needs the current password to set a new one", () => {
    const result = ChangePasswordSchema.safeParse({
      currentPassword: "",
      newPassword: "ok-enough",
    });
    expect(result.success || fieldErrors(result.error)).toEqual({
      currentPassword: "password_required",
    });
  });
});
