import { describe, expect, it } from "vitest";
import { DEFAULT_STUDY_SETTINGS, isValidTimeZone, StudySettingsSchema } from "@/lib/core/study";

describe("StudySettingsSchema", () => {
  it("fills every field with its default", () => {
    expect(StudySettingsSchema.parse({})).toEqual({
      desiredRetention: 0.9,
      maximumInterval: 36500,
      newCardsPerDay: 20,
      reviewsPerDay: 200,
      learningSteps: ["1m", "10m"],
      relearningSteps: ["10m"],
      enableFuzz: true,
      timeZone: "UTC",
      dayStartHour: 4,
      fsrsParameters: null,
    });
    expect(DEFAULT_STUDY_SETTINGS).toEqual(StudySettingsSchema.parse({}));
  });

  it("keeps the shared defaults frozen", () => {
    expect(Object.isFrozen(DEFAULT_STUDY_SETTINGS)).toBe(true);
    expect(Object.isFrozen(DEFAULT_STUDY_SETTINGS.learningSteps)).toBe(true);
  });

  it("accepts ts-fsrs steps in minutes, hours and days, and no steps at all", () => {
    const parsed = StudySettingsSchema.parse({
      learningSteps: ["1m", "10m", "1h", "1d"],
      relearningSteps: [],
    });
    expect(parsed.learningSteps).toEqual(["1m", "10m", "1h", "1d"]);
    expect(parsed.relearningSteps).toEqual([]);
  });

  it.each(["1.5m", "10s", "m", "0m", "-1m", "1 m", "1M", ""])("rejects the step %j", (step) => {
    const result = StudySettingsSchema.safeParse({ learningSteps: [step] });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(["learningSteps", 0]);
  });

  it("accepts IANA time zones and rejects unknown ones", () => {
    for (const timeZone of ["Europe/Moscow", "America/New_York", "Asia/Kolkata", "UTC"]) {
      expect(StudySettingsSchema.safeParse({ timeZone }).success).toBe(true);
    }
    for (const timeZone of ["Mars/Olympus_Mons", "", "+25:00"]) {
      expect(StudySettingsSchema.safeParse({ timeZone }).success).toBe(false);
    }
  });

  it("answers the same for a zone checked again (known zones are remembered)", () => {
    for (let round = 0; round < 2; round += 1) {
      expect(isValidTimeZone("Europe/Berlin")).toBe(true);
      expect(isValidTimeZone("Mars/Olympus_Mons")).toBe(false);
    }
  });

  it.each([
    { desiredRetention: 0.69 },
    { desiredRetention: 1 },
    { maximumInterval: 0 },
    { maximumInterval: 36501 },
    { maximumInterval: 1.5 },
    { newCardsPerDay: -1 },
    { reviewsPerDay: 10000 },
    { dayStartHour: 24 },
  ])("rejects out-of-range %j", (input) => {
    expect(StudySettingsSchema.safeParse(input).success).toBe(false);
  });

  it("accepts the range edges", () => {
    const edges = [
      {
        desiredRetention: 0.7,
        maximumInterval: 1,
        newCardsPerDay: 0,
        reviewsPerDay: 0,
        dayStartHour: 0,
      },
      {
        desiredRetention: 0.99,
        maximumInterval: 36500,
        newCardsPerDay: 9999,
        reviewsPerDay: 9999,
        dayStartHour: 23,
      },
    ];
    for (const input of edges) expect(StudySettingsSchema.safeParse(input).success).toBe(true);
  });
});
