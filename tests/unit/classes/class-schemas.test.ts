import { describe, expect, it } from "vitest";
import { fieldErrors } from "@/lib/core/forms/field-errors";
import {
  CLASS_DESCRIPTION_MAX,
  CLASS_NAME_MAX,
  ClassDetailsSchema,
  DashboardQuerySchema,
  JoinClassSchema,
  JoinCodeSchema,
  JoiningOpenFormSchema,
  RemoveStudentFormSchema,
  STUDENT_NAME_MAX,
  StudentNameSchema,
} from "@/lib/core/classes/class-schemas";
import { decideJoin, rosterName } from "@/lib/core/classes/joining";

const errorsOf = (result: { success: boolean; error?: unknown }) =>
  result.success ? {} : fieldErrors(result.error as Parameters<typeof fieldErrors>[0]);

describe("ClassDetailsSchema", () => {
  it("trims the fields and stores a blank description as none", () => {
    expect(
      ClassDetailsSchema.parse({ name: "  10 Б  ", description: "   ", timeZone: "Europe/Moscow" }),
    ).toEqual({ name: "10 Б", description: null, timeZone: "Europe/Moscow" });
    expect(
      ClassDetailsSchema.parse({ name: "DevOps", description: " Pods ", timeZone: "UTC" }),
    ).toEqual({ name: "DevOps", description: "Pods", timeZone: "UTC" });
    expect(ClassDetailsSchema.parse({ name: "DevOps", timeZone: "UTC" }).description).toBeNull();
  });

  it("names each broken rule", () => {
    expect(
      errorsOf(ClassDetailsSchema.safeParse({ name: "   ", timeZone: "Mars/Olympus_Mons" })),
    ).toEqual({ name: "class_name_required", timeZone: "timezone_unknown" });
    expect(
      errorsOf(
        ClassDetailsSchema.safeParse({
          name: "x".repeat(CLASS_NAME_MAX + 1),
          description: "y".repeat(CLASS_DESCRIPTION_MAX + 1),
          timeZone: "",
        }),
      ),
    ).toEqual({
      name: "class_name_too_long",
      description: "class_description_too_long",
      timeZone: "timezone_unknown",
    });
  });

  it("allows names and descriptions right at their limits", () => {
    const parsed = ClassDetailsSchema.parse({
      name: "x".repeat(CLASS_NAME_MAX),
      description: "y".repeat(CLASS_DESCRIPTION_MAX),
      timeZone: "Asia/Novosibirsk",
    });
    expect(parsed.name).toHaveLength(CLASS_NAME_MAX);
  });
});

describe("StudentNameSchema", () => {
  it("keeps one line: spaces collapsed, ends trimmed", () => {
    expect(StudentNameSchema.parse("  Аня \n  Петрова ")).toBe("Аня Петрова");
  });

  it("requires a name, up to the limit", () => {
    expect(errorsOf(StudentNameSchema.safeParse("   "))).toEqual({ form: "student_name_required" });
    expect(StudentNameSchema.parse("я".repeat(STUDENT_NAME_MAX))).toHaveLength(STUDENT_NAME_MAX);
    expect(errorsOf(StudentNameSchema.safeParse("я".repeat(STUDENT_NAME_MAX + 1)))).toEqual({
      form: "student_name_too_long",
    });
    expect(errorsOf(StudentNameSchema.safeParse("я".repeat(10_000)))).toEqual({
      form: "student_name_too_long",
    });
  });

  it("refuses invisible and direction-changing characters", () => {
    for (const name of ["Ann\u202Eevil", "Ann\u200B", "Ann\u0000", "\u0007"]) {
      expect(errorsOf(StudentNameSchema.safeParse(name)), JSON.stringify(name)).toEqual({
        form: "student_name_invalid",
      });
    }
  });
});

describe("JoinClassSchema", () => {
  it("treats a blank name as none (a signed-in student's account name is used)", () => {
    expect(JoinClassSchema.parse({})).toEqual({});
    expect(JoinClassSchema.parse({ displayName: "   " })).toEqual({});
    expect(JoinClassSchema.parse({ displayName: " Вася " })).toEqual({ displayName: "Вася" });
  });

  it("checks a name that was given", () => {
    expect(JoinClassSchema.safeParse({ displayName: "x".repeat(61) }).success).toBe(false);
    expect(JoinClassSchema.safeParse({ displayName: 5 }).success).toBe(false);
  });
});

describe("JoinCodeSchema", () => {
  it("normalizes what was typed and names a code that cannot be one", () => {
    expect(JoinCodeSchema.parse(" k7qd m3xr")).toBe("K7QDM3XR");
    expect(errorsOf(JoinCodeSchema.safeParse("K7QD-M3X0"))).toEqual({ form: "join_code_invalid" });
  });
});

describe("class forms", () => {
  it("read their flags and ids", () => {
    expect(JoiningOpenFormSchema.parse({ classId: "c1", open: "false" })).toEqual({
      classId: "c1",
      open: false,
    });
    expect(JoiningOpenFormSchema.safeParse({ classId: "c1", open: "maybe" }).success).toBe(false);
    expect(RemoveStudentFormSchema.safeParse({ classId: "c1", enrollmentId: "../x" }).success).toBe(
      false,
    );
  });
});

describe("decideJoin", () => {
  const open = { isTeacher: false, alreadyMember: false, archived: false, joiningOpen: true };

  it("lets a new student into an open class", () => {
    expect(decideJoin(open)).toEqual({ kind: "join" });
  });

  it("does nothing for a student who is already in, even once joining closed", () => {
    expect(decideJoin({ ...open, alreadyMember: true })).toEqual({ kind: "already-member" });
    expect(
      decideJoin({ ...open, alreadyMember: true, joiningOpen: false, archived: true }),
    ).toEqual({ kind: "already-member" });
  });

  it("refuses the class's own teacher, an archived class and closed joining", () => {
    expect(decideJoin({ ...open, isTeacher: true })).toEqual({
      kind: "refused",
      reason: "own_class",
    });
    expect(decideJoin({ ...open, archived: true, joiningOpen: false })).toEqual({
      kind: "refused",
      reason: "class_archived",
    });
    expect(decideJoin({ ...open, joiningOpen: false })).toEqual({
      kind: "refused",
      reason: "joining_closed",
    });
  });
});

describe("rosterName", () => {
  it("prefers the name given on joining, then the account's name, then its email", () => {
    expect(rosterName({ displayName: "Аня", accountName: "Anna P.", email: "a@x.test" })).toBe(
      "Аня",
    );
    expect(rosterName({ displayName: null, accountName: "Anna P.", email: "a@x.test" })).toBe(
      "Anna P.",
    );
    expect(rosterName({ displayName: null, accountName: null, email: "a@x.test" })).toBe(
      "a@x.test",
    );
  });
});

describe("DashboardQuerySchema", () => {
  it("reads the assignment shown and the mastery page, and leaves out what is not one", () => {
    expect(DashboardQuerySchema.parse({ assignment: "a1", mastery: "3" })).toEqual({
      assignment: "a1",
      mastery: 3,
    });
    expect(DashboardQuerySchema.parse({})).toEqual({});
    expect(
      DashboardQuerySchema.parse({ assignment: ["a1", "a2"], mastery: "two", other: "x" }),
    ).toEqual({ assignment: undefined, mastery: undefined });
    expect(DashboardQuerySchema.parse({ mastery: "0" }).mastery).toBeUndefined();
    expect(DashboardQuerySchema.parse({ mastery: "1.5" }).mastery).toBeUndefined();
  });
});
