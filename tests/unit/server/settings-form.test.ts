import { describe, expect, it } from "vitest";
import { parseSettingsForm } from "@/lib/server/study/settings";

const valid = {
  desiredRetention: "0.9",
  maximumInterval: "365",
  newCardsPerDay: "15",
  reviewsPerDay: "150",
  learningSteps: "1m 10m",
  relearningSteps: "10m",
  timeZone: "Europe/Moscow",
};

describe("parseSettingsForm", () => {
  it("coerces the form's strings", () => {
    const parsed = parseSettingsForm(valid);
    expect(parsed).toEqual({
      ok: true,
      settings: {
        ...valid,
        desiredRetention: 0.9,
        maximumInterval: 365,
        newCardsPerDay: 15,
        reviewsPerDay: 150,
        learningSteps: ["1m", "10m"],
        relearningSteps: ["10m"],
      },
    });
  });

  it("names each invalid field", () => {
    const parsed = parseSettingsForm({
      ...valid,
      desiredRetention: "1.5",
      learningSteps: "1.5m",
      timeZone: "Mars/Base",
    });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(Object.keys(parsed.errors).sort()).toEqual([
      "desiredRetention",
      "learningSteps",
      "timeZone",
    ]);
  });
});
